namespace CommandCenter.Views;

/// <summary>
/// The two case rates leaders are judged by, or null while there is nothing to count yet (the screens then show
/// "—" with the reason on hover instead of a misleading 0 %).
/// </summary>
public static class CaseRates
{
    /// <summary>
    /// 按期处置率: cases handled within their deadline among the cases whose on-time status is known — closed ones
    /// (on time or late) and open ones already past their deadline. null: no case has closed or reached its deadline.
    /// </summary>
    public static double? OnTime(long closedOnTime, long closed, long overdueOpen) =>
        closed + overdueOpen == 0 ? null : Round((double)closedOnTime / (closed + overdueOpen));

    /// <summary>结案率: closed cases among all cases (closed and open). null: no case has closed yet.</summary>
    public static double? Closure(long closed, long open) => closed == 0 ? null : Round((double)closed / (closed + open));

    private static double Round(double v) => Math.Round(v, 4);
}
