using System.Globalization;
using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Basemap;

/// <summary>What an MBTiles file says about itself (its <c>metadata</c> table).</summary>
public sealed record MbTilesInfo(string Name, string Format, int MinZoom, int MaxZoom, double[] Bounds, double[]? Center, string? VectorLayersJson, string? Attribution);

/// <summary>
/// Reads tiles from an MBTiles file (SQLite: <c>tiles(zoom_level, tile_column, tile_row, tile_data)</c>, rows in TMS
/// order, counted from the south). Read-only; one pooled connection per read, so concurrent requests are safe.
/// </summary>
public sealed class MbTilesReader : ITileSource
{
    private readonly string _connection;

    public MbTilesReader(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"MBTiles file not found: {path}", path);
        Path = System.IO.Path.GetFullPath(path);
        _connection = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        Info = ReadInfo();
    }

    public string Path { get; }
    public MbTilesInfo Info { get; }

    /// <summary>The tile at XYZ (z, x, y) as stored (possibly gzip'd: see <see cref="IsGzip"/>), or null when the file has none.</summary>
    public byte[]? Tile(int z, int x, int y)
    {
        using var db = new SqliteConnection(_connection);
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT tile_data FROM tiles WHERE zoom_level = $z AND tile_column = $x AND tile_row = $y";
        cmd.Parameters.AddWithValue("$z", z);
        cmd.Parameters.AddWithValue("$x", x);
        cmd.Parameters.AddWithValue("$y", WebMercator.FlipY(z, y));
        return cmd.ExecuteScalar() as byte[];
    }

    /// <summary>Every tile (XYZ rows), as stored.</summary>
    public IEnumerable<(int Z, int X, int Y, byte[] Tile)> AllTiles()
    {
        using var db = new SqliteConnection(_connection);
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles ORDER BY zoom_level, tile_column, tile_row";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var z = r.GetInt32(0);
            yield return (z, r.GetInt32(1), WebMercator.FlipY(z, r.GetInt32(2)), (byte[])r.GetValue(3));
        }
    }

    /// <summary>gzip's magic bytes: tippecanoe, GDAL and this product's generator gzip vector tiles; some tools do not.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> data) => data.Length > 2 && data[0] == 0x1f && data[1] == 0x8b;

    public static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private MbTilesInfo ReadInfo()
    {
        using var db = new SqliteConnection(_connection);
        db.Open();
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = "SELECT name, value FROM metadata";
            using var r = cmd.ExecuteReader();
            while (r.Read()) if (!r.IsDBNull(0) && !r.IsDBNull(1)) meta[r.GetString(0)] = r.GetString(1);
        }
        int minZoom, maxZoom;
        using (var cmd = db.CreateCommand())
        {
            // the tiles themselves are the truth when the metadata leaves the zooms out
            cmd.CommandText = "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles";
            using var r = cmd.ExecuteReader();
            r.Read();
            minZoom = meta.TryGetValue("minzoom", out var a) && int.TryParse(a, CultureInfo.InvariantCulture, out var za) ? za : r.IsDBNull(0) ? 0 : r.GetInt32(0);
            maxZoom = meta.TryGetValue("maxzoom", out var b) && int.TryParse(b, CultureInfo.InvariantCulture, out var zb) ? zb : r.IsDBNull(1) ? 14 : r.GetInt32(1);
        }
        var bounds = Numbers(meta.GetValueOrDefault("bounds"), 4) ?? [-180, -85.0511, 180, 85.0511];
        return new MbTilesInfo(meta.GetValueOrDefault("name") ?? System.IO.Path.GetFileNameWithoutExtension(Path), meta.GetValueOrDefault("format") ?? "pbf",
            minZoom, maxZoom, bounds, Numbers(meta.GetValueOrDefault("center"), 2), VectorLayers(meta.GetValueOrDefault("json")), meta.GetValueOrDefault("attribution"));
    }

    private static double[]? Numbers(string? csv, int atLeast)
    {
        if (csv is null) return null;
        var parts = csv.Split(',');
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])) return null;
        return values.Length >= atLeast ? values : null;
    }

    /// <summary>The <c>vector_layers</c> array of the metadata's <c>json</c> entry (MBTiles 1.3), as JSON text.</summary>
    private static string? VectorLayers(string? json)
    {
        if (json is null) return null;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("vector_layers", out var layers) ? layers.GetRawText() : null;
        }
        catch (System.Text.Json.JsonException) { return null; }
    }
}

/// <summary>Writes an MBTiles 1.3 file of gzip'd vector tiles (format pbf), as tippecanoe and GDAL do.</summary>
public sealed class MbTilesWriter : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly SqliteTransaction _tx;
    private readonly SqliteCommand _insert;

    public MbTilesWriter(string path, IReadOnlyDictionary<string, string> metadata)
    {
        if (File.Exists(path)) File.Delete(path);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        _db.Open();
        Exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;");
        Exec("CREATE TABLE metadata (name TEXT, value TEXT); CREATE UNIQUE INDEX name ON metadata (name);" +
             "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);" +
             "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);");
        _tx = _db.BeginTransaction();
        foreach (var (name, value) in metadata)
        {
            using var m = _db.CreateCommand();
            m.Transaction = _tx;
            m.CommandText = "INSERT INTO metadata (name, value) VALUES ($n, $v)";
            m.Parameters.AddWithValue("$n", name);
            m.Parameters.AddWithValue("$v", value);
            m.ExecuteNonQuery();
        }
        _insert = _db.CreateCommand();
        _insert.Transaction = _tx;
        _insert.CommandText = "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES ($z, $x, $y, $d)";
        _insert.Parameters.Add("$z", SqliteType.Integer);
        _insert.Parameters.Add("$x", SqliteType.Integer);
        _insert.Parameters.Add("$y", SqliteType.Integer);
        _insert.Parameters.Add("$d", SqliteType.Blob);
    }

    public int TileCount { get; private set; }

    /// <summary>Adds the tile at XYZ (z, x, y); the row is flipped to TMS here. gzip: the bytes are compressed first.</summary>
    public void Add(int z, int x, int y, byte[] tile, bool gzip = true)
    {
        _insert.Parameters["$z"].Value = z;
        _insert.Parameters["$x"].Value = x;
        _insert.Parameters["$y"].Value = WebMercator.FlipY(z, y);
        _insert.Parameters["$d"].Value = gzip ? Gzip(tile) : tile;
        _insert.ExecuteNonQuery();
        TileCount++;
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gz.Write(data);
        // the header's time stamp and OS byte are fixed by .NET: the same tile gives the same bytes
        return output.ToArray();
    }

    private void Exec(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _tx.Commit();
        _insert.Dispose();
        _tx.Dispose();
        _db.Dispose();
    }
}
