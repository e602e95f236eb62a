namespace CommandCenter.Basemap;

/// <summary>A file of vector tiles the host serves: an MBTiles (SQLite) or a PMTiles archive.</summary>
public interface ITileSource
{
    string Path { get; }
    MbTilesInfo Info { get; }

    /// <summary>The tile at XYZ (z, x, y) as stored (possibly gzip'd), or null when the file has none.</summary>
    byte[]? Tile(int z, int x, int y);

    /// <summary>Opens by extension: .pmtiles is a PMTiles archive, anything else MBTiles.</summary>
    public static ITileSource Open(string path) =>
        path.EndsWith(".pmtiles", StringComparison.OrdinalIgnoreCase) ? new PmTilesReader(path) : new MbTilesReader(path);
}
