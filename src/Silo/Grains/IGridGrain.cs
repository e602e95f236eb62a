using CommandCenter.Events;
using CommandCenter.Model;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>
/// 网格 grain, keyed by the grid's unified code: the only live copy of the grid's state (alarms, cases, workers present,
/// patrol coverage, drills) and its timers. Events are applied in the order they arrive and answered once stored.
/// </summary>
public interface IGridGrain : IGrainWithStringKey
{
    /// <summary>Applies the grid's events in order; an accepted outcome means the event is in the event log.</summary>
    Task<Immutable<ApplyOutcome[]>> Apply(Immutable<CountyEvent[]> events);

    /// <summary>The worker's later check-in is in another grid: stop counting them here (unless this presence is newer).</summary>
    [OneWay]
    Task WorkerLeft(string workerId, DateTimeOffset supersededAt);

    /// <summary>
    /// A directory bucket came back (after its silo died, or a restart): claim again the open alarm and case ids this grid
    /// holds in it. One-way, so a directory activating never waits on a grid that may be waiting on it.
    /// </summary>
    [OneWay]
    Task Reclaim(string directoryKey);

    /// <summary>The figures as last refreshed (what the community above has summed).</summary>
    Task<AreaReport> Report();

    /// <summary>Refreshes the timers at the current time and returns the grid's whole state (tests).</summary>
    Task<Immutable<GridSnapshot>> Capture();

    /// <summary>The grid at <paramref name="at"/> (refreshed then, later events stamped after it); null when it already stamped one after it.</summary>
    Task<GridCapture?> CaptureAt(DateTimeOffset at);
}
