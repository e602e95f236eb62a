using NetTopologySuite.Geometries;

namespace CommandCenter.Geography;

/// <summary>Our rings (closing position dropped) to and from NetTopologySuite geometries (closed rings).</summary>
internal static class NtsShapes
{
    public static readonly GeometryFactory Factory = new();

    public static MultiPolygon ToNts(AreaShape shape) =>
        Factory.CreateMultiPolygon([.. shape.Polygons.Select(ToPolygon)]);

    public static Polygon ToPolygon(IReadOnlyList<IReadOnlyList<GeoPoint>> rings) =>
        Factory.CreatePolygon(ToRing(rings[0]), [.. rings.Skip(1).Select(ToRing)]);

    public static LinearRing ToRing(IReadOnlyList<GeoPoint> points)
    {
        var coordinates = new Coordinate[points.Count + 1];
        for (var i = 0; i < points.Count; i++) coordinates[i] = new Coordinate(points[i].Lon, points[i].Lat);
        coordinates[^1] = coordinates[0];
        return Factory.CreateLinearRing(coordinates);
    }

    /// <summary>Every non-empty polygon of a (multi)polygon or collection: outer ring, then holes.</summary>
    public static List<List<IReadOnlyList<GeoPoint>>> Polygons(NetTopologySuite.Geometries.Geometry geometry)
    {
        var parts = new List<List<IReadOnlyList<GeoPoint>>>();
        for (var i = 0; i < geometry.NumGeometries; i++)
            if (geometry.GetGeometryN(i) is Polygon { IsEmpty: false } p)
                parts.Add([Points(p.Shell), .. p.Holes.Select(h => (IReadOnlyList<GeoPoint>)Points(h))]);
        return parts;
    }

    private static List<GeoPoint> Points(LineString ring)
    {
        var c = ring.Coordinates;
        var points = new List<GeoPoint>(c.Length - 1);
        for (var i = 0; i < c.Length - 1; i++) points.Add(new GeoPoint(c[i].X, c[i].Y));
        return points;
    }
}
