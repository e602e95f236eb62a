using CommandCenter.Command;
using CommandCenter.Events;
using CommandCenter.Model;

namespace CommandCenter.Screens;

/// <summary>A grid's whole state as its grain published it, with the grain's report version (newer replaces older).</summary>
public sealed record GridChange(GridSnapshot State, long Version);

/// <summary>
/// What changed in the grains of one silo over a short interval, for the screens of every silo: the grids' latest states,
/// the board's, the drills' and the depots' if they changed, and the events stored meanwhile (the wall's feed).
/// </summary>
public sealed record ScreenBatch(List<GridChange> Grids, BoardState? Board, DrillRecord[]? RunningDrills, DrillRecord[]? EndedDrills,
    List<CountyEvent> Events, List<Supplies.DepotSnapshot>? Depots = null);
