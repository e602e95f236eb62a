using CommandCenter.Command;
using CommandCenter.Geography;
using CommandCenter.Supplies;

namespace CommandCenter.Model;

public sealed partial class CountyModel
{
    /// <summary>
    /// Makes a grid what its grain published (the screens' copy of the county on each silo, and a capture assembled from
    /// the grains): the grid's figures are recomputed at <paramref name="now"/> and the change is pushed up to its
    /// community, street and the county, as an event would.
    /// </summary>
    public void ReplaceGrid(GridSnapshot snapshot, DateTimeOffset now)
    {
        if (_map.Find(snapshot.Code) is not { Level: AreaLevel.Grid }) return;
        var old = _grids.GetValueOrDefault(snapshot.Code);
        var before = old?.Figures.Copy() ?? new Figures();
        var fresh = GridState.FromState(snapshot, _options);
        fresh.Refresh(now);
        Adopt(fresh);
        _locator.Replace(old, fresh);
        var delta = new Figures();
        delta.SetDifference(fresh.Figures, before);
        PushUp(fresh, delta);
    }

    /// <summary>Makes the board what the board grain published.</summary>
    public void ReplaceBoard(BoardState board) => Board = CommandBoard.FromState(board);

    /// <summary>Makes the drills what the county grain published.</summary>
    public void ReplaceDrills(IEnumerable<DrillRecord> running, IEnumerable<DrillRecord> ended) => County.RestoreDrills(running, ended);

    /// <summary>Makes a depot what its grain published.</summary>
    public void ReplaceDepot(DepotSnapshot depot) => Supplies.Replace(depot);

    /// <summary>A model made of the grains' captured parts (each grid refreshed at <paramref name="now"/>).</summary>
    public static CountyModel FromParts(CountyMap map, GrainOptions options, IEnumerable<GridSnapshot> grids, BoardState board,
        IEnumerable<DrillRecord> running, IEnumerable<DrillRecord> ended, long lastSeq, DateTimeOffset now,
        IEnumerable<DepotSnapshot>? depots = null)
    {
        var m = new CountyModel(map, options) { LastSeq = lastSeq, Now = now };
        foreach (var g in grids) m.ReplaceGrid(g, now);
        m.ReplaceBoard(board);
        m.ReplaceDrills(running, ended);
        m.Supplies.Restore(depots);
        m.TakeChangedGrids();
        return m;
    }
}
