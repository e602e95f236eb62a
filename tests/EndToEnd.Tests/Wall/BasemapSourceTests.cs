using CommandCenter.Basemap;
using CommandCenter.Geography;
using CommandCenter.Hosting;
using CommandCenter.Wall;
using CommandCenter.Wall.Basemap;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CommandCenter.EndToEnd.Tests.Wall;

/// <summary>Which basemap a host serves: the county's file, the demo county's generated one, or none (switched off).</summary>
public sealed class BasemapSourceTests : IDisposable
{
    private static readonly Lazy<CountyMap> Demo = new(() => DemoCountyGenerator.Generate());
    private readonly string _root = Directory.CreateTempSubdirectory("cc-basemap-source-").FullName;

    private BasemapSource Source(BasemapOptions basemap, string geographyKind = "demo") => new(
        Options.Create(new WallOptions { Basemap = basemap }), new GeographySource(geographyKind, "test", DateTimeOffset.UnixEpoch),
        new GeographyOptions(), Demo.Value, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DataRoot.Key] = _root }).Build(),
        NullLogger<BasemapSource>.Instance);

    [Fact]
    public void The_demo_county_gets_its_basemap_generated_into_the_data_folder_once()
    {
        var stale = Path.Combine(_root, "basemap", $"demo-{new GeographyOptions().DemoSeed}-v0.mbtiles");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "an older generator's file");
        var first = Source(new BasemapOptions());
        Assert.NotNull(first.Reader);
        Assert.StartsWith(Path.Combine(_root, "basemap"), first.Reader!.Path);
        Assert.False(File.Exists(stale));
        var written = File.GetLastWriteTimeUtc(first.Reader.Path);
        var second = Source(new BasemapOptions());
        Assert.Equal(first.Reader.Path, second.Reader!.Path);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.Reader.Path)); // reused, not generated again
    }

    [Fact]
    public void Switched_off_there_is_no_basemap_even_with_a_file()
    {
        var file = Path.Combine(_root, "county.mbtiles");
        DemoBasemap.Write(file, Demo.Value, 1);
        Assert.Null(Source(new BasemapOptions { Enabled = false, File = file }).Reader);
        Assert.False(Directory.Exists(Path.Combine(_root, "basemap")));
    }

    [Fact]
    public void A_county_file_is_served_whatever_the_geography_and_an_imported_county_without_one_gets_none()
    {
        var file = Path.Combine(_root, "county.mbtiles");
        DemoBasemap.Write(file, Demo.Value, 1);
        Assert.Equal(Path.GetFullPath(file), Source(new BasemapOptions { File = file }, "imported").Reader!.Path);
        Assert.Null(Source(new BasemapOptions(), "imported").Reader);
        Assert.Null(Source(new BasemapOptions(), "files").Reader);
    }

    [Fact]
    public void A_county_PMTiles_archive_is_served_too_and_a_broken_one_is_not()
    {
        var mb = Path.Combine(_root, "county.mbtiles");
        DemoBasemap.Write(mb, Demo.Value, 1);
        var pm = Path.Combine(_root, "county.pmtiles");
        PmTilesWriter.FromMbTiles(mb, pm);
        var reader = Source(new BasemapOptions { File = pm }).Reader;
        Assert.IsType<PmTilesReader>(reader);
        var (z, x, y, tile) = new MbTilesReader(mb).AllTiles().Last();
        Assert.Equal(tile, reader!.Tile(z, x, y));
        var broken = Path.Combine(_root, "broken.pmtiles");
        File.WriteAllText(broken, "not an archive");
        Assert.Null(Source(new BasemapOptions { File = broken }).Reader);
    }

    [Fact]
    public void A_missing_county_file_leaves_the_wall_without_a_basemap_instead_of_failing_the_start()
    {
        Assert.Null(Source(new BasemapOptions { File = Path.Combine(_root, "none.mbtiles") }).Reader);
    }

    [Fact]
    public void A_raster_MBTiles_is_not_served_as_vector_tiles()
    {
        var file = Path.Combine(_root, "raster.mbtiles");
        using (var writer = new MbTilesWriter(file, new Dictionary<string, string> { ["name"] = "raster", ["format"] = "png" }))
            writer.Add(10, 1, 1, [0x89, 0x50, 0x4e, 0x47], gzip: false);
        Assert.Null(Source(new BasemapOptions { File = file }).Reader);
        var vector = Path.Combine(_root, "vector.mbtiles"); // the same file saying pbf: served
        using (var writer = new MbTilesWriter(vector, new Dictionary<string, string> { ["name"] = "vector", ["format"] = "pbf" }))
            writer.Add(10, 1, 1, [0x1a, 0x00]);
        Assert.NotNull(Source(new BasemapOptions { File = vector }).Reader);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }
}
