namespace CommandCenter.Geography;

/// <summary>
/// A MultiPolygon: each polygon is a list of rings, the first the outer boundary, the rest holes.
/// Rings are closed implicitly (the last point is not a repeat of the first).
/// </summary>
public sealed record AreaShape(IReadOnlyList<IReadOnlyList<IReadOnlyList<GeoPoint>>> Polygons)
{
    public static AreaShape FromRing(IReadOnlyList<GeoPoint> outer) => new([[outer]]);

    public (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds
    {
        get
        {
            double minLon = double.MaxValue, minLat = double.MaxValue, maxLon = double.MinValue, maxLat = double.MinValue;
            foreach (var polygon in Polygons)
                foreach (var p in polygon[0])
                {
                    if (p.Lon < minLon) minLon = p.Lon;
                    if (p.Lon > maxLon) maxLon = p.Lon;
                    if (p.Lat < minLat) minLat = p.Lat;
                    if (p.Lat > maxLat) maxLat = p.Lat;
                }
            return (minLon, minLat, maxLon, maxLat);
        }
    }
}
