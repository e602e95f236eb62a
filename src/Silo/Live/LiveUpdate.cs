using CommandCenter.Events;
using CommandCenter.Views;

namespace CommandCenter.Live;

/// <summary>
/// What changed in one step of the silo (a group of events or a tick): the accepted events, the grids
/// whose figures or level moved, and the county and street figures after it. Version increases by one
/// per update, so a screen can drop stale ones and notice gaps.
/// </summary>
public sealed record LiveUpdate(long Version, DateTimeOffset At, IReadOnlyList<CountyEvent> Events,
    IReadOnlyList<GridSummary> Grids, IReadOnlyList<AreaSummary> Streets, AreaSummary County);
