using CommandCenter.Live;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>
/// One bucket of alarm or case ids (<see cref="IdDirectory"/>): id → the grid that holds it, open or closed within the
/// duplicate window. Rebuilt after a restart by the grids re-claiming their open ids on activation.
/// </summary>
public sealed class DirectoryGrain(TimeProvider time, SiloOptions options) : Grain, IDirectoryGrain
{
    private readonly Dictionary<string, (string Grid, DateTimeOffset? ClosedAt)> _ids = new(StringComparer.Ordinal);
    private DateTimeOffset _lastPrune;

    public Task<string> Claim(string id, string grid)
    {
        if (_ids.TryGetValue(id, out var held) && held.ClosedAt is null && held.Grid != grid) return Task.FromResult(held.Grid);
        _ids[id] = (grid, null);
        return Task.FromResult(grid);
    }

    public Task Release(string id, string grid, DateTimeOffset at)
    {
        if (_ids.TryGetValue(id, out var held) && held.Grid == grid) _ids[id] = (grid, at);
        Prune();
        return Task.CompletedTask;
    }

    public Task<Immutable<(string? Grid, bool Open)[]>> Find(Immutable<string[]> ids) =>
        Task.FromResult(ids.Value.Select(id => _ids.TryGetValue(id, out var h) ? (h.Grid, h.ClosedAt is null) : ((string?)null, false))
            .ToArray().AsImmutable());

    /// <summary>Forgets ids closed longer ago than the duplicate window (at most once a minute).</summary>
    private void Prune()
    {
        var now = time.GetUtcNow();
        if (now - _lastPrune < TimeSpan.FromMinutes(1)) return;
        _lastPrune = now;
        var before = now - options.DedupeWindow;
        foreach (var (id, h) in _ids.ToList())
            if (h.ClosedAt is { } closed && closed < before) _ids.Remove(id);
    }
}
