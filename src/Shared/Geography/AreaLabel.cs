namespace CommandCenter.Geography;

/// <summary>Label points (标注点): a point guaranteed to lie inside an area, for any polygon shape.</summary>
public static class AreaLabel
{
    /// <summary>
    /// The pole of inaccessibility of the shape's largest polygon: the inside point farthest from every edge
    /// (NetTopologySuite's MaximumInscribedCircle, to 1/200 of the polygon's extent). A label there stays clear of
    /// the boundary, where a centroid of a crescent- or L-shaped district lands in its neighbour or on its edge
    /// and collides with the neighbour's label. Falls back to <see cref="InteriorPoint"/>.
    /// </summary>
    public static GeoPoint PoleOfInaccessibility(AreaShape shape)
    {
        if (shape.Polygons.Count == 0) throw new GeographyException("cannot label an empty shape");
        var polygon = shape.Polygons.MaxBy(p => Math.Abs(SignedArea(p[0])))!;
        try
        {
            var nts = NtsShapes.ToPolygon(polygon);
            var extent = Math.Max(nts.EnvelopeInternal.Width, nts.EnvelopeInternal.Height);
            var center = NetTopologySuite.Algorithm.Construct.MaximumInscribedCircle.GetCenter(nts, Math.Max(extent / 200, 1e-9));
            var point = new GeoPoint(center.X, center.Y);
            if (Geometry.Contains(shape, point)) return point;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NetTopologySuite.Geometries.TopologyException)
        {
            // an invalid polygon the importer was told not to repair: the scan below copes with anything
        }
        return InteriorPoint(shape);
    }

    private static readonly double[] Fractions = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9];

    /// <summary>
    /// A point inside the shape: on the largest polygon, scan a few horizontal lines and take the middle
    /// of the widest inside interval (even-odd over all rings, so holes are avoided).
    /// </summary>
    public static GeoPoint InteriorPoint(AreaShape shape)
    {
        if (shape.Polygons.Count == 0) throw new GeographyException("cannot label an empty shape");
        var polygon = shape.Polygons.MaxBy(p => Math.Abs(SignedArea(p[0])))!;
        double minLat = double.MaxValue, maxLat = double.MinValue;
        foreach (var q in polygon[0]) { minLat = Math.Min(minLat, q.Lat); maxLat = Math.Max(maxLat, q.Lat); }

        GeoPoint? best = null;
        var bestWidth = -1.0;
        var xs = new List<double>();
        foreach (var f in Fractions)
        {
            var y = minLat + f * (maxLat - minLat);
            xs.Clear();
            foreach (var ring in polygon)
                for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
                {
                    GeoPoint a = ring[i], b = ring[j];
                    if ((a.Lat > y) != (b.Lat > y))
                        xs.Add(a.Lon + (y - a.Lat) * (b.Lon - a.Lon) / (b.Lat - a.Lat));
                }
            xs.Sort();
            for (var k = 0; k + 1 < xs.Count; k += 2)
            {
                var width = xs[k + 1] - xs[k];
                var candidate = new GeoPoint((xs[k] + xs[k + 1]) / 2, y);
                if (width > bestWidth && Geometry.Contains(shape, candidate)) { best = candidate; bestWidth = width; }
            }
        }
        return best ?? polygon[0][0];
    }

    /// <summary>Shoelace area in square degrees; positive for a counter-clockwise ring.</summary>
    public static double SignedArea(IReadOnlyList<GeoPoint> ring)
    {
        var sum = 0.0;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            sum += (ring[j].Lon - ring[i].Lon) * (ring[j].Lat + ring[i].Lat);
        return sum / 2;
    }
}
