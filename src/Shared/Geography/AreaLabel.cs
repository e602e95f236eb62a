namespace CommandCenter.Geography;

/// <summary>Label points (标注点): a point guaranteed to lie inside an area, for any polygon shape.</summary>
public static class AreaLabel
{
    private static readonly double[] Fractions = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9];

    /// <summary>
    /// The pole of inaccessibility of the shape's largest polygon: the inside point farthest from every edge (holes
    /// included), found to 1/200 of the polygon's extent by the "polylabel" search (cells covering the polygon, split
    /// best-first while a cell could still hold a farther point). A label there stays clear of the boundary, where a
    /// centroid of a crescent- or L-shaped district falls on its edge or in its neighbour. Falls back to
    /// <see cref="InteriorPoint"/>.
    /// </summary>
    public static GeoPoint PoleOfInaccessibility(AreaShape shape)
    {
        if (shape.Polygons.Count == 0) throw new GeographyException("cannot label an empty shape");
        var polygon = shape.Polygons.MaxBy(p => Math.Abs(SignedArea(p[0])))!;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var q in polygon[0]) { minX = Math.Min(minX, q.Lon); minY = Math.Min(minY, q.Lat); maxX = Math.Max(maxX, q.Lon); maxY = Math.Max(maxY, q.Lat); }
        var cellSize = Math.Min(maxX - minX, maxY - minY);
        if (!(cellSize > 0)) return InteriorPoint(shape);
        var precision = Math.Max(maxX - minX, maxY - minY) / 200;

        var queue = new PriorityQueue<(double X, double Y, double H, double D), double>();
        void Add(double x, double y, double h)
        {
            var d = SignedDistance(polygon, x, y);
            queue.Enqueue((x, y, h, d), -(d + h * Math.Sqrt(2))); // the farthest a point in the cell could be
        }
        var h0 = cellSize / 2;
        for (var x = minX; x < maxX; x += cellSize)
            for (var y = minY; y < maxY; y += cellSize)
                Add(x + h0, y + h0, h0);
        var best = (X: (minX + maxX) / 2, Y: (minY + maxY) / 2, H: 0.0, D: SignedDistance(polygon, (minX + maxX) / 2, (minY + maxY) / 2));
        while (queue.TryDequeue(out var cell, out _))
        {
            if (cell.D > best.D) best = cell;
            if (cell.D + cell.H * Math.Sqrt(2) - best.D <= precision) continue;
            var h = cell.H / 2;
            Add(cell.X - h, cell.Y - h, h);
            Add(cell.X + h, cell.Y - h, h);
            Add(cell.X - h, cell.Y + h, h);
            Add(cell.X + h, cell.Y + h, h);
        }
        var point = new GeoPoint(best.X, best.Y);
        return best.D > 0 && Geometry.Contains(shape, point) ? point : InteriorPoint(shape);
    }

    /// <summary>Distance from (x, y) to the polygon's nearest edge, positive inside (even-odd over all rings).</summary>
    private static double SignedDistance(IReadOnlyList<IReadOnlyList<GeoPoint>> polygon, double x, double y)
    {
        var inside = false;
        var min = double.MaxValue;
        foreach (var ring in polygon)
            for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            {
                GeoPoint a = ring[i], b = ring[j];
                if ((a.Lat > y) != (b.Lat > y) && x < (b.Lon - a.Lon) * (y - a.Lat) / (b.Lat - a.Lat) + a.Lon) inside = !inside;
                min = Math.Min(min, SegmentDistance2(x, y, a, b));
            }
        return (inside ? 1 : -1) * Math.Sqrt(min);
    }

    private static double SegmentDistance2(double px, double py, GeoPoint a, GeoPoint b)
    {
        double x = a.Lon, y = a.Lat, dx = b.Lon - x, dy = b.Lat - y;
        if (dx != 0 || dy != 0)
        {
            var t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
            if (t > 1) { x = b.Lon; y = b.Lat; }
            else if (t > 0) { x += dx * t; y += dy * t; }
        }
        dx = px - x;
        dy = py - y;
        return dx * dx + dy * dy;
    }

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
