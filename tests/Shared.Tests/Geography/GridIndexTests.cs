using CommandCenter.Geography;

namespace CommandCenter.Shared.Tests.Geography;

public class GridIndexTests
{
    private static Area Grid(string code, AreaShape shape) => new(code, code, AreaLevel.Grid, "1001001", shape, default);

    private static CountyMap MapOf(params Area[] grids)
    {
        var all = AreaShape.FromRing([new(0, 0), new(10, 0), new(10, 10), new(0, 10)]);
        return new CountyMap(
            new Area("1", "县", AreaLevel.County, null, all, new(5, 5)),
            [new Area("1001", "街道", AreaLevel.Street, "1", all, new(5, 5))],
            [new Area("1001001", "社区", AreaLevel.Community, "1001", all, new(5, 5))],
            grids, []);
    }

    [Fact]
    public void Locates_in_holes_and_outside_as_null()
    {
        var ring = new AreaShape([[
            [new(0, 0), new(4, 0), new(4, 4), new(0, 4)],
            [new(1, 1), new(3, 1), new(3, 3), new(1, 3)]]]);
        var map = MapOf(Grid("a", ring), Grid("b", AreaShape.FromRing([new(6, 6), new(9, 6), new(9, 9)])));
        Assert.Equal("a", map.LocateGrid(new GeoPoint(0.5, 2))?.Code);
        Assert.Null(map.LocateGrid(new GeoPoint(2, 2)));
        Assert.Equal("b", map.LocateGrid(new GeoPoint(8.5, 7))?.Code);
        Assert.Null(map.LocateGrid(new GeoPoint(6.5, 8.5)));   // in b's box, not in b
        Assert.Null(map.LocateGrid(new GeoPoint(50, 50)));
        Assert.Null(map.LocateGrid(new GeoPoint(double.NaN, 1)));
    }

    [Fact]
    public void Overlapping_grids_resolve_to_the_first_in_input_order_and_no_grids_locate_nothing()
    {
        var big = AreaShape.FromRing([new(0, 0), new(5, 0), new(5, 5), new(0, 5)]);
        var small = AreaShape.FromRing([new(1, 1), new(2, 1), new(2, 2), new(1, 2)]);
        Assert.Equal("x", MapOf(Grid("x", small), Grid("y", big)).LocateGrid(new GeoPoint(1.5, 1.5))?.Code);
        Assert.Equal("y", MapOf(Grid("y", big), Grid("x", small)).LocateGrid(new GeoPoint(1.5, 1.5))?.Code);
        Assert.Null(MapOf().LocateGrid(new GeoPoint(1, 1)));
    }
}
