namespace CommandCenter.Geography;

/// <summary>Simple-ring check (自相交检查): an O(n²) test of every pair of segments.</summary>
internal static class RingChecks
{
    /// <summary>The first pair of segments (i, j) that meet other than at their shared vertex, or null.
    /// Segment i runs from ring[i] to ring[i + 1] (the ring is closed implicitly).</summary>
    public static (int I, int J)? FindSelfIntersection(IReadOnlyList<GeoPoint> ring)
    {
        var n = ring.Count;
        for (var i = 0; i < n; i++)
        {
            GeoPoint a = ring[i], b = ring[(i + 1) % n];
            for (var j = i + 1; j < n; j++)
            {
                GeoPoint c = ring[j], d = ring[(j + 1) % n];
                var adjacent = j == i + 1 || (i == 0 && j == n - 1);
                if (adjacent)
                {
                    // Neighbours share one vertex; they only clash when they fold back onto each other.
                    var (p, q, r) = j == i + 1 ? (a, b, d) : (c, a, b);
                    if (Orient(p, q, r) == 0 && (q.Lon - p.Lon) * (r.Lon - q.Lon) + (q.Lat - p.Lat) * (r.Lat - q.Lat) < 0)
                        return (i, j);
                }
                else if (SegmentsMeet(a, b, c, d)) return (i, j);
            }
        }
        return null;
    }

    public static bool SegmentsMeet(GeoPoint p1, GeoPoint p2, GeoPoint q1, GeoPoint q2)
    {
        double d1 = Orient(q1, q2, p1), d2 = Orient(q1, q2, p2), d3 = Orient(p1, p2, q1), d4 = Orient(p1, p2, q2);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
        return (d1 == 0 && OnSegment(q1, q2, p1)) || (d2 == 0 && OnSegment(q1, q2, p2)) ||
               (d3 == 0 && OnSegment(p1, p2, q1)) || (d4 == 0 && OnSegment(p1, p2, q2));
    }

    private static double Orient(GeoPoint a, GeoPoint b, GeoPoint c) =>
        (b.Lon - a.Lon) * (c.Lat - a.Lat) - (b.Lat - a.Lat) * (c.Lon - a.Lon);

    /// <summary>p is collinear with a–b; is it within the segment's box?</summary>
    private static bool OnSegment(GeoPoint a, GeoPoint b, GeoPoint p) =>
        p.Lon >= Math.Min(a.Lon, b.Lon) && p.Lon <= Math.Max(a.Lon, b.Lon) &&
        p.Lat >= Math.Min(a.Lat, b.Lat) && p.Lat <= Math.Max(a.Lat, b.Lat);
}
