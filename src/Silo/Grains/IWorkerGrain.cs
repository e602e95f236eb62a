namespace CommandCenter.Grains;

/// <summary>A grid worker (网格员), keyed by worker id: where they count as present (<see cref="Model.WorkerMove"/>).</summary>
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>
    /// A stored real check-in: tells the grid that no longer counts the worker (one-way), if any. One-way itself: the worker
    /// grain keeps no state of its own (grids re-announce their workers when they activate), so awaiting it would add a
    /// reply per check-in and guarantee nothing more.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task CheckedIn(string grid, DateTimeOffset at);
}
