using CommandCenter.Model;

namespace CommandCenter.Grains;

/// <summary>
/// 网格员 grain: the grid where the worker's latest check-in is. A grid tells it when a worker arrives (not at every
/// check-in of a worker already there). When a later check-in lands elsewhere it tells the grid left behind (one-way, so
/// two grids never wait on each other); an older one arriving late is dropped where it landed.
/// After a restart the grids re-announce their present workers, and the same rule settles the county again.
/// </summary>
public sealed class WorkerGrain(GrainRefs refs) : Grain, IWorkerGrain
{
    private string? _grid;
    private DateTimeOffset _at;

    public Task CheckedIn(string grid, DateTimeOffset at)
    {
        if (_grid is null || _grid == grid)
        {
            if (_grid is null || at > _at) (_grid, _at) = (grid, at);
            return Task.CompletedTask;
        }
        if (WorkerMove.NewerWins(at, grid, _at, _grid))
        {
            // the grid left behind drops a presence not newer than this check-in; grids tell this grain only when a worker
            // arrives, so its time for that grid may be old, and a presence there newer than this check-in is told back
            var left = _grid;
            (_grid, _at) = (grid, at);
            _ = refs.Grid(left).WorkerLeft(this.GetPrimaryKeyString(), at);
        }
        else _ = refs.Grid(grid).WorkerLeft(this.GetPrimaryKeyString(), at);
        return Task.CompletedTask;
    }
}
