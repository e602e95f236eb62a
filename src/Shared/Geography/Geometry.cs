namespace CommandCenter.Geography;

/// <summary>Plane geometry on lon/lat degrees (areas are small: a county).</summary>
public static class Geometry
{
    /// <summary>Even-odd point-in-polygon over every ring, so holes are excluded.</summary>
    public static bool Contains(AreaShape shape, GeoPoint p)
    {
        // indexed loops: this runs for every located event, and interface enumerators would allocate
        var polygons = shape.Polygons;
        for (var i = 0; i < polygons.Count; i++)
        {
            var polygon = polygons[i];
            var inside = false;
            for (var r = 0; r < polygon.Count; r++)
                if (RingContains(polygon[r], p)) inside = !inside;
            if (inside) return true;
        }
        return false;
    }

    public static bool RingContains(IReadOnlyList<GeoPoint> ring, GeoPoint p)
    {
        var inside = false;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            var a = ring[i];
            var b = ring[j];
            if ((a.Lat > p.Lat) != (b.Lat > p.Lat) &&
                p.Lon < (b.Lon - a.Lon) * (p.Lat - a.Lat) / (b.Lat - a.Lat) + a.Lon)
                inside = !inside;
        }
        return inside;
    }

    /// <summary>Area in km² (outer rings less holes; degrees scaled at the shape's mean latitude: fine for a county).</summary>
    public static double AreaKm2(AreaShape shape)
    {
        var (_, minLat, _, maxLat) = shape.Bounds;
        var kmPerDegree = 2 * Math.PI * 6371.0088 / 360;
        var degrees2 = shape.Polygons.Sum(p => Math.Abs(AreaLabel.SignedArea(p[0])) - p.Skip(1).Sum(h => Math.Abs(AreaLabel.SignedArea(h))));
        return degrees2 * kmPerDegree * kmPerDegree * Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
    }

    /// <summary>Great-circle distance in metres (haversine).</summary>
    public static double DistanceMetres(GeoPoint a, GeoPoint b)
    {
        const double r = 6_371_000;
        var dLat = (b.Lat - a.Lat) * Math.PI / 180;
        var dLon = (b.Lon - a.Lon) * Math.PI / 180;
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(a.Lat * Math.PI / 180) * Math.Cos(b.Lat * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * r * Math.Asin(Math.Sqrt(h));
    }
}
