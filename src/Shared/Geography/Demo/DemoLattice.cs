namespace CommandCenter.Geography;

/// <summary>
/// A lattice of jittered quadrilaterals over a lon/lat box. Vertices are shared, so neighbouring cells
/// share their edges exactly and any set of cells tiles with no gap and no overlap.
/// Cell id = row * Cols + col; row 0 is the southern edge, col 0 the western edge.
/// </summary>
internal sealed class DemoLattice
{
    private readonly GeoPoint[] _vertices; // (Cols + 1) * (Rows + 1)

    public DemoLattice(Random rng, int cols, int rows, double minLon, double minLat, double maxLon, double maxLat, double jitter)
    {
        Cols = cols;
        Rows = rows;
        double w = (maxLon - minLon) / cols, h = (maxLat - minLat) / rows;
        _vertices = new GeoPoint[(cols + 1) * (rows + 1)];
        for (var r = 0; r <= rows; r++)
            for (var c = 0; c <= cols; c++)
            {
                // Jitter < 0.25 of a cell keeps every quad convex, so its vertex centroid is inside.
                var dx = c == 0 || c == cols ? 0 : (rng.NextDouble() * 2 - 1) * jitter * w;
                var dy = r == 0 || r == rows ? 0 : (rng.NextDouble() * 2 - 1) * jitter * h;
                _vertices[r * (cols + 1) + c] = new GeoPoint(Math.Round(minLon + c * w + dx, 7), Math.Round(minLat + r * h + dy, 7));
            }
    }

    public int Cols { get; }
    public int Rows { get; }
    public int CellCount => Cols * Rows;

    public int Col(int cell) => cell % Cols;
    public int Row(int cell) => cell / Cols;

    private GeoPoint V(int col, int row) => _vertices[row * (Cols + 1) + col];

    /// <summary>The cell's ring, counter-clockwise: SW, SE, NE, NW.</summary>
    public IReadOnlyList<GeoPoint> Ring(int cell)
    {
        int c = Col(cell), r = Row(cell);
        return [V(c, r), V(c + 1, r), V(c + 1, r + 1), V(c, r + 1)];
    }

    /// <summary>Bilinear point in the cell, u across (west → east), v up (south → north), both in [0, 1].</summary>
    public GeoPoint PointIn(int cell, double u, double v)
    {
        int c = Col(cell), r = Row(cell);
        GeoPoint sw = V(c, r), se = V(c + 1, r), ne = V(c + 1, r + 1), nw = V(c, r + 1);
        double lon = (1 - v) * ((1 - u) * sw.Lon + u * se.Lon) + v * ((1 - u) * nw.Lon + u * ne.Lon);
        double lat = (1 - v) * ((1 - u) * sw.Lat + u * se.Lat) + v * ((1 - u) * nw.Lat + u * ne.Lat);
        return new GeoPoint(lon, lat);
    }

    public GeoPoint Centre(int cell) => PointIn(cell, 0.5, 0.5);

    /// <summary>Edge neighbours (4-connectivity) inside the lattice.</summary>
    public IEnumerable<int> Neighbours(int cell)
    {
        int c = Col(cell), r = Row(cell);
        if (c > 0) yield return cell - 1;
        if (c < Cols - 1) yield return cell + 1;
        if (r > 0) yield return cell - Cols;
        if (r < Rows - 1) yield return cell + Cols;
    }

    /// <summary>The cell of the set whose centre is nearest the set's mean centre: a label cell.</summary>
    public int CentralCell(IReadOnlyList<int> cells)
    {
        double lon = 0, lat = 0;
        foreach (var c in cells) { var p = Centre(c); lon += p.Lon; lat += p.Lat; }
        lon /= cells.Count; lat /= cells.Count;
        return cells.MinBy(c => { var p = Centre(c); return (p.Lon - lon) * (p.Lon - lon) + (p.Lat - lat) * (p.Lat - lat); });
    }
}
