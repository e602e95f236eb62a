namespace CommandCenter.Events;

/// <summary>
/// The one table of legal case moves (闭环): anything not listed is refused.
/// A case is created by its first event, which must be <see cref="CaseState.Reported"/>.
/// </summary>
public static class CaseTransitions
{
    private static readonly Dictionary<CaseState, CaseState[]> Legal = new()
    {
        [CaseState.Reported] = [CaseState.Accepted, CaseState.Rejected],
        [CaseState.Accepted] = [CaseState.Dispatched, CaseState.Rejected],
        [CaseState.Dispatched] = [CaseState.InProgress, CaseState.Returned],
        [CaseState.InProgress] = [CaseState.Handled, CaseState.Returned],
        [CaseState.Handled] = [CaseState.Verified, CaseState.Returned],   // 核查不通过 → 退回
        [CaseState.Verified] = [CaseState.Closed],
        [CaseState.Returned] = [CaseState.Dispatched, CaseState.Rejected], // 退回后重新派遣
        [CaseState.Closed] = [],
        [CaseState.Rejected] = [],
    };

    public static IReadOnlyList<CaseState> From(CaseState state) => Legal[state];

    public static bool IsLegal(CaseState from, CaseState to) => Array.IndexOf(Legal[from], to) >= 0;

    public static bool IsTerminal(CaseState state) => state is CaseState.Closed or CaseState.Rejected;
}
