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

    [Fact]
    public void PoleOfInaccessibility_is_inside_and_as_far_from_every_edge_as_the_shape_allows()
    {
        // an L of arms 1 wide: the vertex average (1.83, 1.67) lies outside it; the best label point is 0.5 or more from every edge
        var l = new List<GeoPoint> { new(0, 0), new(4, 0), new(4, 1), new(1, 1), new(1, 4), new(0, 4) };
        var shape = AreaShape.FromRing(l);
        Assert.False(Geometry.Contains(shape, new GeoPoint(l.Average(p => p.Lon), l.Average(p => p.Lat))));
        var pole = AreaLabel.PoleOfInaccessibility(shape);
        Assert.True(Geometry.Contains(shape, pole), pole.ToString());
        // the largest circle fits in the corner, touching both outer edges and the inner corner: radius √2/(1+√2) ≈ 0.586
        Assert.InRange(EdgeDistance(l, pole), 0.586 - 4.0 / 200, 0.586 + 1e-9);

        // a square with a hole off-centre: the pole keeps away from the hole too
        var holed = new AreaShape([[Box(0, 0, 10, 10), Box(1, 1, 6, 6)]]);
        var p2 = AreaLabel.PoleOfInaccessibility(holed);
        Assert.True(Geometry.Contains(holed, p2), p2.ToString());
        Assert.True(p2.Lon > 6 || p2.Lat > 6, p2.ToString());
        // the largest circle sits in the far corner, touching its two edges and the hole's corner (6, 6):
        // centre (c, c) with 10 − c = √2 (c − 6), c ≈ 7.657
        Assert.InRange(p2.Lon, 7.657 - 0.05, 7.657 + 0.05);
        Assert.InRange(p2.Lat, 7.657 - 0.05, 7.657 + 0.05);
    }

    private static double EdgeDistance(List<GeoPoint> ring, GeoPoint p)
    {
        var min = double.MaxValue;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            GeoPoint a = ring[j], b = ring[i];
            double dx = b.Lon - a.Lon, dy = b.Lat - a.Lat;
            var t = Math.Clamp(((p.Lon - a.Lon) * dx + (p.Lat - a.Lat) * dy) / (dx * dx + dy * dy), 0, 1);
            min = Math.Min(min, Math.Sqrt(Math.Pow(p.Lon - a.Lon - t * dx, 2) + Math.Pow(p.Lat - a.Lat - t * dy, 2)));
        }
        return min;
    }
}
