using CommandCenter.Geography;

namespace CommandCenter.Shared.Tests.Geography;

public class GeometryTests
{
    private static List<GeoPoint> Box(double x0, double y0, double x1, double y1) =>
        [new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1)];

    [Fact]
    public void Contains_excludes_holes_and_includes_every_polygon()
    {
        var shape = new AreaShape([[Box(0, 0, 3, 3), Box(1, 1, 2, 2)], [Box(5, 5, 6, 6)]]);
        Assert.True(Geometry.Contains(shape, new GeoPoint(0.5, 0.5)));
        Assert.False(Geometry.Contains(shape, new GeoPoint(1.5, 1.5)));  // hole
        Assert.True(Geometry.Contains(shape, new GeoPoint(5.5, 5.5)));   // second polygon
        Assert.False(Geometry.Contains(shape, new GeoPoint(4, 4)));
        Assert.Equal((0.0, 0.0, 6.0, 6.0), shape.Bounds);
    }

    [Fact]
    public void DistanceMetres_is_sane()
    {
        var oneDegreeLat = Geometry.DistanceMetres(new GeoPoint(120, 30), new GeoPoint(120, 31));
        Assert.InRange(oneDegreeLat, 110_800, 111_400);
        var oneDegreeLonAt30 = Geometry.DistanceMetres(new GeoPoint(120, 30), new GeoPoint(121, 30));
        Assert.InRange(oneDegreeLonAt30, 96_000, 96_600); // cos 30° × 111.2 km
        Assert.Equal(0, Geometry.DistanceMetres(new GeoPoint(120.3, 30.3), new GeoPoint(120.3, 30.3)));
    }

    [Fact]
    public void InteriorPoint_lies_inside_concave_shapes_and_avoids_holes()
    {
        var u = new List<GeoPoint> { new(0, 0), new(3, 0), new(3, 3), new(2, 3), new(2, 1), new(1, 1), new(1, 3), new(0, 3) };
        var ring = AreaShape.FromRing(u);
        Assert.True(Geometry.Contains(ring, AreaLabel.InteriorPoint(ring)));

        var donut = new AreaShape([[Box(0, 0, 4, 4), Box(0.5, 0.5, 3.5, 3.5)]]);
        Assert.True(Geometry.Contains(donut, AreaLabel.InteriorPoint(donut)));

        var cw = AreaShape.FromRing(Enumerable.Reverse(u).ToList());
        Assert.True(Geometry.Contains(cw, AreaLabel.InteriorPoint(cw)));
    }
}
