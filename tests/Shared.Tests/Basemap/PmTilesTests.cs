using CommandCenter.Basemap;
using CommandCenter.Shared.Tests.Geography;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Shared.Tests.Basemap;

/// <summary>PMTiles v3: tile ids on the Hilbert curve (the specification's values) and an archive that reads back every tile.</summary>
public sealed class PmTilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-pmtiles-").FullName;

    [Theory]
    [InlineData(0, 0, 0, 0UL)]
    [InlineData(1, 0, 0, 1UL)]
    [InlineData(1, 0, 1, 2UL)]
    [InlineData(1, 1, 1, 3UL)]
    [InlineData(1, 1, 0, 4UL)]
    [InlineData(2, 0, 0, 5UL)]
    [InlineData(20, 0, 0, 366503875925UL)]
    public void Tile_ids_follow_the_specification(int z, int x, int y, ulong id) => Assert.Equal(id, PmTiles.TileId(z, x, y));

    [Fact]
    public void The_demo_basemap_as_PMTiles_gives_the_same_tiles_as_its_MBTiles()
    {
        var mb = Path.Combine(_dir, "demo.mbtiles");
        var pm = Path.Combine(_dir, "demo.pmtiles");
        DemoBasemap.Write(mb, DemoCounty.Map, 3);
        PmTilesWriter.FromMbTiles(mb, pm);
        var mbtiles = new MbTilesReader(mb);
        var pmtiles = ITileSource.Open(pm);
        Assert.IsType<PmTilesReader>(pmtiles);
        Assert.Equal((mbtiles.Info.MinZoom, mbtiles.Info.MaxZoom, "pbf"), (pmtiles.Info.MinZoom, pmtiles.Info.MaxZoom, pmtiles.Info.Format));
        for (var i = 0; i < 4; i++) Assert.Equal(mbtiles.Info.Bounds[i], pmtiles.Info.Bounds[i], 6);
        var all = mbtiles.AllTiles().ToList();
        Assert.True(all.Count > 300);
        foreach (var (z, x, y, tile) in all) Assert.Equal(tile, pmtiles.Tile(z, x, y));
        // a tile the archive does not have, next to ones it has
        var (z0, x0, y0, _) = all[0];
        Assert.Null(pmtiles.Tile(z0, x0 + 100, y0));
        Assert.Null(pmtiles.Tile(3, 0, 0));
        Assert.Contains("\"water\"", pmtiles.Info.VectorLayersJson);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
