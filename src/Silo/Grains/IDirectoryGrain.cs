using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>
/// Which grid holds an alarm or case id (one grain per bucket of ids: <see cref="IdDirectory"/>). It makes ids unique in the
/// county (a grid claims an id before it raises the alarm or reports the case) and routes an acknowledgement or a case move
/// that names only its id. A released id is kept (closed) for the duplicate window, so a late retry still reaches its grid
/// and is answered "duplicate".
/// </summary>
public interface IDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Claims <paramref name="id"/> for <paramref name="grid"/>; returns the grid that holds it open (the caller's when it got it).</summary>
    Task<string> Claim(string id, string grid);

    /// <summary>The id was closed (cleared, case closed); awaited, so whoever hears "accepted" finds it closed here.</summary>
    Task Release(string id, string grid, DateTimeOffset at);

    /// <summary>A grid has claimed again what it holds in this bucket (after <see cref="IGridGrain.Reclaim"/>).</summary>
    Task Reclaimed(string grid);

    /// <summary>For each id, the grid that holds it (open or recently closed), or null — once the bucket is whole again.</summary>
    Task<Immutable<(string? Grid, bool Open)[]>> Find(Immutable<string[]> ids);
}
