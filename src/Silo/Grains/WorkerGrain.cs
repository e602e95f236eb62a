using CommandCenter.Model;

namespace CommandCenter.Grains;

/// <summary>
/// 网格员 grain: the grid where the worker's latest check-in is. When a later check-in lands elsewhere it tells the grid
/// left behind (one-way, so two grids never wait on each other); an older one arriving late is dropped where it landed.
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
            var (left, leftAt) = (_grid, _at);
            (_grid, _at) = (grid, at);
            _ = refs.Grid(left).WorkerLeft(this.GetPrimaryKeyString(), leftAt);
        }
        else _ = refs.Grid(grid).WorkerLeft(this.GetPrimaryKeyString(), at);
        return Task.CompletedTask;
    }
}
