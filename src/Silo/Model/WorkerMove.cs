namespace CommandCenter.Model;

/// <summary>
/// Where a grid worker (网格员) counts as present when they check in in two grids: the check-in that happened later
/// (by its own time, not by when it arrived) wins; equal times go to the higher grid code. The same answer whatever order
/// the two check-ins reach the grids in, so grid grains on different silos and the replay of the log agree.
/// </summary>
public static class WorkerMove
{
    public static bool NewerWins(DateTimeOffset newAt, string newGrid, DateTimeOffset heldAt, string heldGrid) =>
        newAt > heldAt || (newAt == heldAt && string.CompareOrdinal(newGrid, heldGrid) > 0);
}
