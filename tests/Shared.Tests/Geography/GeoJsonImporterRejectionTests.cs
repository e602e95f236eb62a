using CommandCenter.Geography;
using static CommandCenter.Shared.Tests.Geography.GeoJsonSamples;

namespace CommandCenter.Shared.Tests.Geography;

/// <summary>Each kind of bad input is rejected with a message naming the feature (index, code, name).</summary>
public class GeoJsonImporterRejectionTests
{
    private const string Grid3 = "100001001003";
    private static readonly GeoJsonImportOptions NoRepair = new() { RepairGeometry = false };

    private static string Reject(List<string> features, GeoJsonImportOptions? options = null)
    {
        var ex = Assert.Throws<GeographyException>(() => GeoJsonImporter.FromString(Collection(features), options));
        return ex.Message;
    }

    /// <summary>The tiny county with grid #5 (code 100001001003) given another geometry.</summary>
    private static string RejectGrid3Geometry(string geometry, GeoJsonImportOptions? options = null)
    {
        var features = TinyCounty();
        features[5] = Feature(Grid3, "翠苑社区第3网格", "grid", "100001001", geometry);
        var message = Reject(features, options);
        Assert.Contains($"source 1 feature #5 (code {Grid3}, name 翠苑社区第3网格)", message);
        return message;
    }

    private static string Coordinates(string rings) => $$"""{"type":"Polygon","coordinates":[{{rings}}]}""";

    [Fact]
    public void The_tiny_sample_itself_is_valid()
    {
        Assert.Equal(4, GeoJsonImporter.FromString(Collection(TinyCounty())).Grids.Count);
    }

    [Fact]
    public void Duplicate_code()
    {
        var features = TinyCounty();
        features[6] = Feature(Grid3, "重复网格", "grid", "100001001", Square(1, 0, 2, 1));
        var message = Reject(features);
        Assert.Contains($"feature #6 (code {Grid3}, name 重复网格): duplicate code {Grid3}", message);
        Assert.Contains("feature #5", message); // the first user of the code
    }

    [Fact]
    public void Unknown_parent_and_parent_at_the_wrong_level()
    {
        var features = TinyCounty();
        features[3] = Feature("100001001001", "孤儿网格", "grid", "999", Square(0, 1, 1, 2));
        features[4] = Feature("100001001002", "越级网格", "grid", "100001", Square(1, 1, 2, 2));
        var message = Reject(features);
        Assert.Contains("feature #3 (code 100001001001, name 孤儿网格): unknown parent 999", message);
        Assert.Contains("feature #4 (code 100001001002, name 越级网格): parent 100001 is a street", message);
    }

    [Theory]
    [InlineData("code")]
    [InlineData("name")]
    [InlineData("level")]
    [InlineData("parent")]
    public void Missing_property(string property)
    {
        var features = TinyCounty();
        features[5] = Feature(property == "code" ? null : Grid3, property == "name" ? null : "第3网格",
            property == "level" ? null : "grid", property == "parent" ? null : "100001001", Square(0, 0, 1, 1));
        var message = Reject(features);
        Assert.Contains("source 1 feature #5 (", message);
        Assert.Contains($"missing property '{property}'", message);
        if (property != "code") Assert.Contains($"code {Grid3}", message);
        else Assert.Contains("name 第3网格", message);
    }

    [Fact]
    public void Ring_with_fewer_than_4_positions()
    {
        var message = RejectGrid3Geometry(Coordinates("[[120.1,30.2],[120.11,30.2],[120.1,30.2]]"));
        Assert.Contains("ring 0 has 3 positions", message);
    }

    [Fact]
    public void Unclosed_ring()
    {
        var message = RejectGrid3Geometry(Coordinates("[[120.1,30.2],[120.11,30.2],[120.11,30.21],[120.1,30.21]]"));
        Assert.Contains("ring 0 is not closed", message);
    }

    [Fact]
    public void Non_numeric_coordinates()
    {
        var message = RejectGrid3Geometry(Coordinates("[[120.1,30.2],[\"120.11\",30.2],[120.11,30.21],[120.1,30.2]]"));
        Assert.Contains("ring 0 position 1 has non-numeric coordinates", message);
    }

    [Fact]
    public void Out_of_range_coordinates()
    {
        var message = RejectGrid3Geometry(Coordinates("[[120.1,30.2],[200.5,30.2],[120.11,30.21],[120.1,30.2]]"));
        Assert.Contains("ring 0 position 1 is out of range (lon 200.5, lat 30.2)", message);
    }

    [Fact]
    public void Self_intersecting_outer_ring_when_repair_is_off()
    {
        // A bow tie: (0,0) → (1,1) → (1,0) → (0,1) → (0,0). Repaired by default (RealBoundaryImportTests).
        var message = RejectGrid3Geometry(Coordinates("[[120.1,30.2],[120.11,30.21],[120.11,30.2],[120.1,30.21],[120.1,30.2]]"), NoRepair);
        Assert.Contains("ring 0 self-intersects", message);
    }

    [Fact]
    public void Ring_folding_back_on_itself_when_repair_is_off()
    {
        var message = RejectGrid3Geometry(Coordinates("[[120.1,30.2],[120.12,30.2],[120.11,30.2],[120.11,30.21],[120.1,30.2]]"), NoRepair);
        Assert.Contains("self-intersects", message);
    }

    [Theory]
    [InlineData("""{"type":"LineString","coordinates":[[120.1,30.2],[120.11,30.21]]}""", "wrong geometry type LineString")]
    [InlineData("""{"type":"Point","coordinates":[120.1,30.2]}""", "wrong geometry type Point")]
    [InlineData("null", "missing geometry")]
    public void Wrong_geometry_type(string geometry, string expected)
    {
        Assert.Contains(expected, RejectGrid3Geometry(geometry));
    }

    [Fact]
    public void Bad_hole_in_a_multipolygon_names_polygon_and_ring()
    {
        var geometry = $$"""{"type":"MultiPolygon","coordinates":[[{{Ring(0, 0, 1, 1)}}],[{{Ring(3, 3, 4, 4)}},[[1,2],[3,4]]]]}""";
        Assert.Contains("polygon 1 ring 1 has 2 positions", RejectGrid3Geometry(geometry));
    }

    [Fact]
    public void Missing_county()
    {
        var features = TinyCounty();
        features.RemoveAt(0);
        var message = Reject(features);
        Assert.Contains("missing county", message);
        Assert.Contains("unknown parent 100", message); // the street names its lost parent
    }

    [Fact]
    public void More_than_one_county()
    {
        var features = TinyCounty();
        features.Add(Feature("200", "另一个县", "county", null, Square(5, 5, 6, 6)));
        Assert.Contains("feature #7 (code 200, name 另一个县): more than one county", Reject(features));
    }

    [Fact]
    public void Unknown_level_and_poi_kind()
    {
        var features = TinyCounty();
        features[6] = Feature("100001001004", "第4网格", "building", "100001001", Square(1, 0, 2, 1));
        features.Add(Feature("poi-x", "某站", "poi", null, """{"type":"Point","coordinates":[120.105,30.205]}""", "\"kind\":\"spaceport\""));
        features.Add(Feature("poi-y", "远处的站", "poi", null, """{"type":"Point","coordinates":[121,31]}""", "\"kind\":\"fire\""));
        var message = Reject(features);
        Assert.Contains("feature #6 (code 100001001004, name 第4网格): unknown level \"building\"", message);
        Assert.Contains("feature #7 (code poi-x, name 某站): unknown kind 'spaceport'", message);
    }

    [Fact]
    public void Poi_outside_every_grid()
    {
        var features = TinyCounty();
        features.Add(Feature("poi-y", "远处的站", "poi", null, """{"type":"Point","coordinates":[121,31]}""", "\"kind\":\"fire\""));
        Assert.Contains("feature #7 (code poi-y, name 远处的站): position (121, 31) lies outside every grid", Reject(features));
    }

    [Fact]
    public void All_errors_are_collected_and_the_list_is_capped()
    {
        var features = TinyCounty();
        for (var i = 0; i < 30; i++)
            features.Add(Feature($"X{i}", $"坏网格{i}", "grid", "nowhere", Square(0, 0, 1, 1)));
        features[5] = Feature(Grid3, "第3网格", "grid", "100001001", Coordinates("[[1,2]]"));
        var message = Reject(features);
        Assert.StartsWith("GeoJSON import failed with 31 error(s)", message);
        Assert.Contains("feature #5", message); // geometry problems come first, in file order
        Assert.Contains("… and 11 more", message);
    }

    [Fact]
    public void Invalid_json_and_wrong_root_name_the_source()
    {
        var ex = Assert.Throws<GeographyException>(() => GeoJsonImporter.FromStrings([Collection(TinyCounty()), "{ not json"]));
        Assert.Contains("source 2: invalid JSON", ex.Message);
        ex = Assert.Throws<GeographyException>(() => GeoJsonImporter.FromStrings([Collection(TinyCounty()), "[1,2]"]));
        Assert.Contains("source 2: not a GeoJSON FeatureCollection", ex.Message);
    }
}
