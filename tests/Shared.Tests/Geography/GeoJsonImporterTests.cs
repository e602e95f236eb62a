using System.Text;
using CommandCenter.Geography;
using static CommandCenter.Shared.Tests.Geography.GeoJsonSamples;

namespace CommandCenter.Shared.Tests.Geography;

public class GeoJsonImporterTests
{
    /// <summary>Exact coordinates, ring by ring (R format round-trips doubles).</summary>
    private static string ShapeText(AreaShape shape) =>
        string.Join(" | ", shape.Polygons.Select(p => string.Join(" / ", p.Select(r => string.Join(" ", r.Select(q => $"{q.Lon:R},{q.Lat:R}"))))));

    [Fact]
    public void Round_trip_of_the_demo_county_equals_the_original()
    {
        var map = DemoCounty.Map;
        var areas = map.AllAreas.ToList();
        // Split over three sources, children before parents, POIs on their own.
        var grids = GeoJsonExporter.ToFeatureCollection(map.Grids);
        var upper = GeoJsonExporter.ToFeatureCollection(areas.Where(a => a.Level != AreaLevel.Grid).Reverse());
        var pois = GeoJsonExporter.PoisToFeatureCollection(map.Pois);

        var back = GeoJsonImporter.FromStrings([grids, upper, pois]);

        Assert.Equal(map.Streets.Count, back.Streets.Count);
        Assert.Equal(map.Communities.Count, back.Communities.Count);
        Assert.Equal(map.Grids.Count, back.Grids.Count);
        foreach (var a in areas)
        {
            var b = back.Find(a.Code);
            Assert.NotNull(b);
            Assert.Equal((a.Name, a.Level, a.ParentCode, a.LabelPoint), (b!.Name, b.Level, b.ParentCode, b.LabelPoint));
            Assert.Equal(ShapeText(a.Shape), ShapeText(b.Shape));
        }
        Assert.Equal(map.Pois, back.Pois);
        Assert.Equal(map.LocateGrid(map.Grids[100].LabelPoint)?.Code, back.LocateGrid(map.Grids[100].LabelPoint)?.Code);
    }

    [Fact]
    public void The_whole_county_in_one_file_reads_back_identically()
    {
        var map = DemoCounty.Map;
        var once = GeoJsonExporter.ToFeatureCollection(map);
        var back = GeoJsonImporter.FromString(once);
        Assert.Equal((map.Streets.Count, map.Communities.Count, map.Grids.Count), (back.Streets.Count, back.Communities.Count, back.Grids.Count));
        Assert.Equal(map.Pois, back.Pois);
        Assert.Equal(once, GeoJsonExporter.ToFeatureCollection(back)); // the admin page's export → import → export is stable
    }

    [Fact]
    public void Exported_geojson_closes_rings_and_keeps_chinese_readable()
    {
        var json = GeoJsonExporter.ToFeatureCollection([DemoCounty.Map.County]);
        Assert.Contains("\"name\":\"临江区\"", json);
        Assert.Contains("\"parent\":null", json);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var ring = doc.RootElement.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates")[0];
        Assert.Equal(ring[0].GetRawText(), ring[ring.GetArrayLength() - 1].GetRawText());
        Assert.Equal(DemoCounty.Map.County.Shape.Polygons[0][0].Count + 1, ring.GetArrayLength());
    }

    [Fact]
    public void MultiPolygon_with_a_hole_does_not_locate_points_in_the_hole()
    {
        // Grid 1: a 3×3 block with a 1×1 hole in the middle, plus a separate island. Grid 2 is elsewhere.
        var multi = $$"""{"type":"MultiPolygon","coordinates":[[{{Ring(0, 0, 3, 3)}},{{Ring(1, 1, 2, 2)}}],[{{Ring(4, 0, 5, 1)}}]]}""";
        var json = Collection([
            Feature("9", "县", "county", null, Square(0, 0, 6, 3)),
            Feature("9001", "街道", "street", "9", Square(0, 0, 6, 3)),
            Feature("9001001", "社区", "community", "9001", Square(0, 0, 6, 3)),
            Feature("9001001001", "第1网格", "grid", "9001001", multi),
            Feature("9001001002", "第2网格", "grid", "9001001", Square(5, 2, 6, 3)),
        ]);
        var map = GeoJsonImporter.FromString(json);
        GeoPoint At(double x, double y) => new(Lon0 + x * Cell, Lat0 + y * Cell);

        var grid = map.Find("9001001001")!;
        Assert.Equal(2, grid.Shape.Polygons.Count);
        Assert.Equal(2, grid.Shape.Polygons[0].Count);
        Assert.Equal(4, grid.Shape.Polygons[0][0].Count); // closing position dropped
        Assert.Null(map.LocateGrid(At(1.5, 1.5)));         // in the hole
        Assert.Equal("9001001001", map.LocateGrid(At(0.5, 1.5))?.Code);
        Assert.Equal("9001001001", map.LocateGrid(At(4.5, 0.5))?.Code); // the island
        Assert.Equal("9001001002", map.LocateGrid(At(5.5, 2.5))?.Code);
        Assert.True(Geometry.Contains(grid.Shape, grid.LabelPoint));
    }

    [Fact]
    public void Property_names_and_level_words_are_configurable()
    {
        var options = new GeoJsonImportOptions { CodeProperty = "BM", NameProperty = "MC", ParentProperty = "SJBM", LevelProperty = "JB" };
        string F(string code, string name, string level, string? parent, string geometry) =>
            $$"""{"type":"Feature","properties":{"BM":"{{code}}","MC":"{{name}}","JB":{{level}}{{(parent is null ? "" : $",\"SJBM\":\"{parent}\"")}}},"geometry":{{geometry}}}""";
        var json = Collection([
            F("1", "区", "\"区\"", null, Square(0, 0, 2, 2)),
            F("1001", "街道", "1", "1", Square(0, 0, 2, 2)),
            F("1001001", "村", "\"村\"", "1001", Square(0, 0, 2, 2)),
            F("1001001001", "网格甲", "\"网格\"", "1001001", Square(0, 0, 1, 2)),
            F("1001001002", "网格乙", "3", "1001001", Square(1, 0, 2, 2)),
        ]);
        var map = GeoJsonImporter.FromString(json, options);
        Assert.Equal("区", map.County.Name);
        Assert.Equal(2, map.Grids.Count);
        Assert.Equal("1001001002", map.LocateGrid(new GeoPoint(Lon0 + 1.5 * Cell, Lat0 + Cell))?.Code);

        var ex = Assert.Throws<GeographyException>(() => GeoJsonImporter.FromString(json)); // default names
        Assert.Contains("missing property 'code'", ex.Message);
    }

    [Fact]
    public void Pois_are_read_from_point_features_and_placed_in_their_grid()
    {
        var features = TinyCounty();
        features.Add(Feature("poi-police-01", "江滨派出所", "poi", null,
            $$"""{"type":"Point","coordinates":[{{Num(Lon0 + 1.5 * Cell)}},{{Num(Lat0 + 0.5 * Cell)}}]}""", "\"kind\":\"派出所\""));
        var map = GeoJsonImporter.FromString(Collection(features));
        var poi = Assert.Single(map.Pois);
        Assert.Equal(("poi-police-01", PoiKind.PoliceStation, "100001001004"), (poi.Id, poi.Kind, poi.GridCode));
    }

    [Fact]
    public void Streams_and_files_are_accepted_and_features_may_be_split_across_them()
    {
        var features = TinyCounty();
        var first = Collection(features.Take(3));
        var second = Collection(features.Skip(3));
        using var s1 = new MemoryStream(Encoding.UTF8.GetBytes(first));
        using var s2 = new MemoryStream(Encoding.UTF8.GetBytes(second));
        Assert.Equal(4, GeoJsonImporter.FromStreams([s2, s1]).Grids.Count);

        var dir = Directory.CreateTempSubdirectory("geojson-import-");
        try
        {
            var a = Path.Combine(dir.FullName, "upper.geojson");
            var b = Path.Combine(dir.FullName, "grids.geojson");
            File.WriteAllText(a, first);
            File.WriteAllText(b, second.Replace("\"100001001\"}", "\"100001009\"}"));
            var ex = Assert.Throws<GeographyException>(() => GeoJsonImporter.FromFiles([a, b]));
            Assert.Contains("grids.geojson feature #0", ex.Message);
            Assert.Contains("unknown parent 100001009", ex.Message);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Label_property_is_used_when_inside_and_recomputed_otherwise()
    {
        var features = TinyCounty();
        features[3] = Feature("100001001001", "翠苑社区第1网格", "grid", "100001001", Square(0, 1, 1, 2),
            $"\"label\":[{Num(Lon0 + 0.25 * Cell)},{Num(Lat0 + 1.75 * Cell)}]");
        features[4] = Feature("100001001002", "翠苑社区第2网格", "grid", "100001001", Square(1, 1, 2, 2), "\"label\":[0,0]");
        var map = GeoJsonImporter.FromString(Collection(features));
        Assert.Equal(new GeoPoint(Lon0 + 0.25 * Cell, Lat0 + 1.75 * Cell), map.Find("100001001001")!.LabelPoint);
        var computed = map.Find("100001001002")!;
        Assert.True(Geometry.Contains(computed.Shape, computed.LabelPoint));
    }
}
