namespace CommandCenter.Grains;

/// <summary>A grid worker (网格员), keyed by worker id: where they count as present (<see cref="Model.WorkerMove"/>).</summary>
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>A stored real check-in: tells the grid that no longer counts the worker (one-way), if any.</summary>
    Task CheckedIn(string grid, DateTimeOffset at);
}
