using System.Diagnostics;
using CommandCenter.Basemap;
using CommandCenter.Shared.Tests.Geography;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CommandCenter.Shared.Tests.Basemap;

/// <summary>The demo county's generated basemap: deterministic, small, fast, and its river is in the tiles the wall reads.</summary>
public sealed class DemoBasemapTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cc-basemap-").FullName;

    [Fact]
    public void The_same_seed_writes_the_same_bytes_in_seconds_and_a_few_MB()
    {
        var a = Path.Combine(_dir, "a.mbtiles");
        var b = Path.Combine(_dir, "b.mbtiles");
        var clock = Stopwatch.StartNew();
        var result = DemoBasemap.Write(a, DemoCounty.Map, 7);
        var took = clock.Elapsed;
        DemoBasemap.Write(b, DemoCounty.Map, 7);
        output.WriteLine($"{result.Tiles} tiles, {result.Bytes / 1024.0:0} KiB in {took.TotalSeconds:0.00} s");
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.True(result.Bytes < 5 * 1024 * 1024, $"{result.Bytes} bytes");
        Assert.True(took < TimeSpan.FromSeconds(20), $"{took}");
        var other = Path.Combine(_dir, "c.mbtiles");
        DemoBasemap.Write(other, DemoCounty.Map, 8);
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(other));
    }

    [Fact]
    public void The_river_is_in_the_tiles_at_every_zoom_the_wall_uses()
    {
        var path = Path.Combine(_dir, "demo.mbtiles");
        DemoBasemap.Write(path, DemoCounty.Map, 7);
        var reader = new MbTilesReader(path);
        Assert.Equal((DemoBasemap.MinZoom, DemoBasemap.MaxZoom), (reader.Info.MinZoom, reader.Info.MaxZoom));
        var (minLon, minLat, maxLon, maxLat) = DemoCounty.Map.County.Shape.Bounds;
        for (var z = DemoBasemap.MinZoom; z <= DemoBasemap.MaxZoom; z++)
        {
            // the river crosses the county west to east: every column of tiles across the county has a piece of it
            var (x0, y0, x1, y1) = WebMercator.TileRange(z, minLon, minLat, maxLon, maxLat);
            for (var x = x0; x <= x1; x++)
            {
                var layers = Enumerable.Range(y0, y1 - y0 + 1).Select(y => reader.Tile(z, x, y)).Where(t => t is not null)
                    .SelectMany(t => VectorTileDecoder.Decode(MbTilesReader.Gunzip(t!))).ToList();
                Assert.Contains(layers.Where(l => l.Name == "water").SelectMany(l => l.Features),
                    f => f.Type == 3 && Equals(f.Tags.GetValueOrDefault("class"), "river"));
                Assert.Contains(layers.Where(l => l.Name == "waterway").SelectMany(l => l.Features),
                    f => f.Type == 2 && Equals(f.Tags.GetValueOrDefault("name"), "临江"));
            }
        }
        // roads, a railway, the reservoir and the station are there too (zoom 12 over the whole county)
        var all = AllLayers(reader, 12, minLon, minLat, maxLon, maxLat);
        var classes = all.Where(l => l.Name == "transportation").SelectMany(l => l.Features).Select(f => f.Tags["class"]).ToHashSet();
        Assert.Superset(new HashSet<object> { "motorway", "primary", "tertiary", "minor", "rail" }, classes);
        Assert.Contains(all.Where(l => l.Name == "water").SelectMany(l => l.Features), f => Equals(f.Tags.GetValueOrDefault("class"), "lake") && ((string)f.Tags["name"]).EndsWith("水库"));
        Assert.Contains(all.Where(l => l.Name == "poi").SelectMany(l => l.Features), f => Equals(f.Tags.GetValueOrDefault("name"), "临江站"));
        Assert.Contains(AllLayers(reader, 14, minLon, minLat, maxLon, maxLat), l => l.Name == "building" && l.Features.Count > 0);
    }

    private static List<VectorTileDecoder.Layer> AllLayers(MbTilesReader reader, int z, double minLon, double minLat, double maxLon, double maxLat)
    {
        var (x0, y0, x1, y1) = WebMercator.TileRange(z, minLon, minLat, maxLon, maxLat);
        var list = new List<VectorTileDecoder.Layer>();
        for (var x = x0; x <= x1; x++)
            for (var y = y0; y <= y1; y++)
                if (reader.Tile(z, x, y) is { } t) list.AddRange(VectorTileDecoder.Decode(MbTilesReader.Gunzip(t)));
        return list;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
