namespace CommandCenter.Supplies;

/// <summary>
/// What a <c>stock_changed</c> event does to a depot's item: 盘点 counted (sets on hand), 补充 restocked (adds),
/// 最低储备 minimum (sets the minimum level), 归还 returned (goods of a delivered supply order come back: adds).
/// </summary>
public static class StockChanges
{
    public const string Counted = "counted", Restocked = "restocked", Minimum = "minimum", Returned = "returned";

    public static readonly string[] All = [Counted, Restocked, Minimum, Returned];

    public static bool IsKnown(string? change) => change is not null && Array.IndexOf(All, change) >= 0;
}
