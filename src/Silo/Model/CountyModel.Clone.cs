namespace CommandCenter.Model;

public sealed partial class CountyModel
{
    /// <summary>
    /// An independent copy of every grain, for replay checkpoints. The copy starts with an empty duplicate
    /// index: it is fed stored events only, which are unique by construction.
    /// </summary>
    public CountyModel Clone()
    {
        var c = new CountyModel(_map, _options, TimeSpan.FromHours(1)) { LastSeq = LastSeq, Now = Now, _locator = _locator.Clone(), Board = Board.Clone(), FoldsStoredEvents = FoldsStoredEvents };
        foreach (var grid in _grids.Values) c.Adopt(grid.Clone());
        foreach (var (code, parent) in _parents) c._parents[code].CopyFrom(parent);
        c.County.CopyFrom(County);
        c.County.CopyDrillsFrom(County);
        c.Supplies.Restore(Supplies.ToState());
        return c;
    }
}
