namespace CommandCenter.Basemap;

/// <summary>
/// Web Mercator in "world" units: x and y from 0 to 1 over the whole map (y down, north up), so tile (z, x, y)
/// covers [x, x+1) / 2^z by [y, y+1) / 2^z. MBTiles rows count from the south (TMS): row = 2^z − 1 − y.
/// </summary>
public static class WebMercator
{
    public static double X(double lon) => (lon + 180) / 360;

    public static double Y(double lat)
    {
        var s = Math.Sin(lat * Math.PI / 180);
        return 0.5 - Math.Log((1 + s) / (1 - s)) / (4 * Math.PI);
    }

    public static double Lon(double x) => x * 360 - 180;

    public static double Lat(double y) => 90 - 360 * Math.Atan(Math.Exp((y - 0.5) * 2 * Math.PI)) / Math.PI;

    /// <summary>The XYZ row (from the north) of an MBTiles/TMS row (from the south), and back: the same flip.</summary>
    public static int FlipY(int z, int y) => (1 << z) - 1 - y;

    /// <summary>The tiles at zoom z that cover a lon/lat box.</summary>
    public static (int MinX, int MinY, int MaxX, int MaxY) TileRange(int z, double minLon, double minLat, double maxLon, double maxLat)
    {
        var n = 1 << z;
        int Clamp(double v) => Math.Clamp((int)Math.Floor(v * n), 0, n - 1);
        return (Clamp(X(minLon)), Clamp(Y(maxLat)), Clamp(X(maxLon)), Clamp(Y(minLat)));
    }
}
