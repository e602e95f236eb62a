using CommandCenter.Geography;
using CommandCenter.Live;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>
/// One bucket of alarm or case ids (<see cref="IdDirectory"/>): id → the grid that holds it, open or closed within the
/// duplicate window. Its state lives in memory only: when it activates (a restart, or its silo died) it asks every grid to
/// claim again the open ids it holds in this bucket (one-way; grids that are activating claim on their own), so it is whole
/// again within moments; until every grid has answered, a lookup of an id it does not know waits (up to
/// <see cref="RefillWait"/>). Reentrant, so the grids' claims get in while a lookup waits; no method awaits anything else.
/// Ids closed before that are not remembered: a late retry of an acknowledgement for such an alarm is refused as unknown
/// rather than answered duplicate.
/// </summary>
[Reentrant]
public sealed class DirectoryGrain(CountyMap map, TimeProvider time, SiloOptions options, GrainRefs refs) : Grain, IDirectoryGrain
{
    public static readonly TimeSpan RefillWait = TimeSpan.FromSeconds(20);
    private readonly HashSet<string> _reclaimed = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _refilled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Task OnActivateAsync(CancellationToken ct)
    {
        var key = this.GetPrimaryKeyString();
        foreach (var grid in map.Grids) _ = refs.Grid(grid.Code).Reclaim(key);
        return Task.CompletedTask;
    }

    public Task Reclaimed(string grid)
    {
        if (_reclaimed.Add(grid) && _reclaimed.Count >= map.Grids.Count) _refilled.TrySetResult();
        return Task.CompletedTask;
    }

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

    public async Task<Immutable<(string? Grid, bool Open)[]>> Find(Immutable<string[]> ids)
    {
        if (!_refilled.Task.IsCompleted && ids.Value.Any(id => !_ids.ContainsKey(id)))
            try { await _refilled.Task.WaitAsync(RefillWait); } catch (TimeoutException) { }
        return ids.Value.Select(id => _ids.TryGetValue(id, out var h) ? (h.Grid, h.ClosedAt is null) : ((string?)null, false))
            .ToArray().AsImmutable();
    }

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
