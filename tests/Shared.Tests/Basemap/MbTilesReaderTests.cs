using CommandCenter.Basemap;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Shared.Tests.Basemap;

/// <summary>The MBTiles reader against a file written here with plain SQL, as other tools write them (rows from the south).</summary>
public sealed class MbTilesReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-mbtiles-").FullName;

    private string Make(params (int Z, int Col, int TmsRow, byte[] Data)[] tiles)
    {
        var path = Path.Combine(_dir, $"t{Guid.NewGuid():N}.mbtiles");
        using var db = new SqliteConnection($"Data Source={path};Pooling=false");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);" +
                          "INSERT INTO metadata VALUES ('name','t'),('format','pbf'),('bounds','120.1,30.2,120.3,30.4'),('minzoom','3'),('maxzoom','12');";
        cmd.ExecuteNonQuery();
        foreach (var (z, col, row, data) in tiles)
        {
            using var ins = db.CreateCommand();
            ins.CommandText = "INSERT INTO tiles VALUES ($z, $x, $y, $d)";
            ins.Parameters.AddWithValue("$z", z); ins.Parameters.AddWithValue("$x", col); ins.Parameters.AddWithValue("$y", row); ins.Parameters.AddWithValue("$d", data);
            ins.ExecuteNonQuery();
        }
        return path;
    }

    [Fact]
    public void An_XYZ_row_is_read_from_the_TMS_row_counted_from_the_south()
    {
        // zoom 3 has rows 0..7: XYZ row 1 (second from the north) is TMS row 6
        var reader = new MbTilesReader(Make((3, 2, 6, [1, 2, 3]), (3, 2, 1, [9])));
        Assert.Equal([1, 2, 3], reader.Tile(3, 2, 1));
        Assert.Equal([9], reader.Tile(3, 2, 6));
    }

    [Fact]
    public void A_missing_tile_is_null()
    {
        var reader = new MbTilesReader(Make((3, 2, 6, [1])));
        Assert.Null(reader.Tile(3, 3, 1));
        Assert.Null(reader.Tile(4, 2, 1));
    }

    [Fact]
    public void A_gzip_tile_is_recognised_and_unpacks_to_the_original()
    {
        byte[] plain = [0x1a, 0x05, 0x78, 0x02, 0x0a, 0x01, 0x61];
        var reader = new MbTilesReader(Make((5, 1, 1, MbTilesWriter.Gzip(plain)), (5, 1, 2, plain)));
        var stored = reader.Tile(5, 1, 30)!;
        Assert.True(MbTilesReader.IsGzip(stored));
        Assert.Equal(plain, MbTilesReader.Gunzip(stored));
        Assert.False(MbTilesReader.IsGzip(reader.Tile(5, 1, 29)!));
    }

    [Fact]
    public void The_metadata_gives_bounds_and_zooms()
    {
        var info = new MbTilesReader(Make((3, 0, 0, [1]))).Info;
        Assert.Equal([120.1, 30.2, 120.3, 30.4], info.Bounds);
        Assert.Equal((3, 12), (info.MinZoom, info.MaxZoom));
        Assert.Equal("pbf", info.Format);
    }

    [Fact]
    public void A_missing_file_is_refused_with_its_path()
    {
        var path = Path.Combine(_dir, "none.mbtiles");
        var ex = Assert.Throws<FileNotFoundException>(() => new MbTilesReader(path));
        Assert.Contains(path, ex.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
