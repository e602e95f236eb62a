using CommandCenter.Geography;
using static CommandCenter.Shared.Tests.Geography.GeoJsonSamples;

namespace CommandCenter.Shared.Tests.Geography;

/// <summary>
/// Issue 13 item 10: a city's published district boundaries import without hand edits: codes from adcode or the
/// feature id, one level for the whole file, the county built from the districts, and spikes, bow-ties and
/// self-touching rings repaired (and reported) instead of refused, with their areas kept.
/// </summary>
public class RealBoundaryImportTests
{
    private static readonly GeoJsonImportOptions Districts = new() { DefaultLevel = "street", CountyName = "杭州市" };

    private static GeoJsonImport Import() => GeoJsonImporter.ImportStrings([CityDistrictsSample.Json()], Districts);

    private static double Cells(AreaShape shape) =>
        shape.Polygons.Sum(p => Math.Abs(AreaLabel.SignedArea(p[0])) - p.Skip(1).Sum(h => Math.Abs(AreaLabel.SignedArea(h)))) / (Cell * Cell);

    [Fact]
    public void Codes_come_from_adcode_or_the_feature_id_and_every_district_is_a_street_of_the_built_county()
    {
        var result = Import();
        var map = result.Map;
        Assert.Equal(("330100", "杭州市", AreaLevel.County), (map.County.Code, map.County.Name, map.County.Level));
        Assert.Equal(["330102", "330105", "330106", "330108"], map.Streets.Select(s => s.Code).Order());
        Assert.All(map.Streets, s => Assert.Equal((AreaLevel.Street, "330100"), (s.Level, s.ParentCode)));
        Assert.Equal("拱墅区", map.Find("330105")!.Name);
        Assert.Equal(1, result.CodesFromFeatureId);
        Assert.Equal(4, result.LevelsDefaulted);
        Assert.True(result.CountyBuilt);
        Assert.Equal(1, result.StreetParentsDefaulted); // only 拱墅区 names no parent; the others name 330100
    }

    [Fact]
    public void Spike_bow_tie_and_self_touching_ring_are_repaired_and_reported_per_feature()
    {
        var repairs = Import().Repairs;
        Assert.Equal(3, repairs.Count);

        var spike = Assert.Single(repairs, r => r.Code == "330102");
        Assert.Equal((GeometryRepair.SpikeRemoved, "ring 0", 1), (spike.Kind, spike.Where, spike.Spikes));
        Assert.Equal((Lon0 + 2 * Cell, Lat0 - 1 * Cell), (spike.Lon, spike.Lat));
        Assert.Equal(("上城区", 0), (spike.Name, spike.Index));

        var bowTie = Assert.Single(repairs, r => r.Code == "330105");
        Assert.Equal((GeometryRepair.BowTieSplit, 2), (bowTie.Kind, bowTie.PolygonsAfter));
        Assert.Equal(Lon0 + 6 * Cell, bowTie.Lon, 9);
        Assert.Equal(Lat0 + 2 * Cell, bowTie.Lat, 9);

        var touching = Assert.Single(repairs, r => r.Code == "330106");
        Assert.Equal(GeometryRepair.SelfTouchingRingSplit, touching.Kind);
        Assert.Equal((Lon0 + 2 * Cell, Lat0 + 8 * Cell), (touching.Lon, touching.Lat));
        Assert.Equal((1, 1), (touching.PolygonsAfter, touching.HolesAfter)); // the cut-out triangle is a hole touching the edge

        Assert.All(repairs, r => Assert.Contains(r.Code, r.Describe()));
        Assert.DoesNotContain(repairs, r => r.Code == "330108");
    }

    [Fact]
    public void Repairs_keep_every_district_area()
    {
        var map = Import().Map;
        Assert.Equal(CityDistrictsSample.SpikeAreaCells, Cells(map.Find("330102")!.Shape), 6);
        Assert.Equal(CityDistrictsSample.BowTieAreaCells, Cells(map.Find("330105")!.Shape), 6);
        Assert.Equal(2, map.Find("330105")!.Shape.Polygons.Count);
        Assert.Equal(CityDistrictsSample.SelfTouchingAreaCells, Cells(map.Find("330106")!.Shape), 6);
        Assert.Equal(CityDistrictsSample.CleanAreaCells, Cells(map.Find("330108")!.Shape), 6);
        var total = CityDistrictsSample.SpikeAreaCells + CityDistrictsSample.BowTieAreaCells +
                    CityDistrictsSample.SelfTouchingAreaCells + CityDistrictsSample.CleanAreaCells;
        Assert.Equal(total, Cells(map.County.Shape), 6);
        Assert.Equal(total * Cell * Cell * 111.195 * 111.195 * Math.Cos(30.24 * Math.PI / 180), Geometry.AreaKm2(map.County.Shape), 1);

        // the repaired shapes locate points as the districts are drawn: the bow-tie's lobes in, the gap between them out
        Assert.True(Geometry.Contains(map.Find("330105")!.Shape, new GeoPoint(Lon0 + 4.5 * Cell, Lat0 + 2 * Cell)));
        Assert.True(Geometry.Contains(map.Find("330105")!.Shape, new GeoPoint(Lon0 + 7.5 * Cell, Lat0 + 2 * Cell)));
        Assert.False(Geometry.Contains(map.Find("330105")!.Shape, new GeoPoint(Lon0 + 6 * Cell, Lat0 + 3.5 * Cell)));
        Assert.False(Geometry.Contains(map.Find("330106")!.Shape, new GeoPoint(Lon0 + 2 * Cell, Lat0 + 7.3 * Cell)));
        Assert.True(Geometry.Contains(map.Find("330106")!.Shape, new GeoPoint(Lon0 + 2 * Cell, Lat0 + 6 * Cell)));
    }

    [Fact]
    public void The_repaired_import_exports_and_reads_back_with_no_further_repair()
    {
        var map = Import().Map;
        var again = GeoJsonImporter.ImportStrings([GeoJsonExporter.ToFeatureCollection(map)]);
        Assert.Empty(again.Repairs);
        Assert.Equal(map.Streets.Select(s => (s.Code, s.Name, s.ParentCode)), again.Map.Streets.Select(s => (s.Code, s.Name, s.ParentCode)));
        Assert.Equal(Cells(map.Find("330106")!.Shape), Cells(again.Map.Find("330106")!.Shape), 9);
    }

    [Fact]
    public void Labels_sit_inside_their_district_away_from_the_edges()
    {
        var map = Import().Map;
        foreach (var street in map.Streets)
            Assert.True(Geometry.Contains(street.Shape, street.LabelPoint), $"{street.Code} label {street.LabelPoint}");
        // 上城区 is a square: its pole of inaccessibility is its middle (2, 2), within the 1/200 tolerance
        var label = map.Find("330102")!.LabelPoint;
        Assert.Equal(Lon0 + 2 * Cell, label.Lon, 4);
        Assert.Equal(Lat0 + 2 * Cell, label.Lat, 4);
    }

    [Fact]
    public void Without_the_default_level_or_the_county_name_the_file_is_refused_naming_what_is_missing()
    {
        var noLevel = Assert.Throws<GeographyException>(() => GeoJsonImporter.FromString(CityDistrictsSample.Json()));
        Assert.Contains("feature #0 (code 330102, name 上城区): missing property 'level'", noLevel.Message);
        var noCounty = Assert.Throws<GeographyException>(() =>
            GeoJsonImporter.FromString(CityDistrictsSample.Json(), new GeoJsonImportOptions { DefaultLevel = "街道" }));
        Assert.Contains("missing county", noCounty.Message);
        var badLevel = Assert.Throws<GeographyException>(() =>
            GeoJsonImporter.FromString(CityDistrictsSample.Json(), new GeoJsonImportOptions { DefaultLevel = "planet" }));
        Assert.Contains("unknown default level 'planet'", badLevel.Message);
    }

    [Fact]
    public void Without_repair_the_flaws_are_refused_as_before()
    {
        var ex = Assert.Throws<GeographyException>(() =>
            GeoJsonImporter.FromString(CityDistrictsSample.Json(), Districts with { RepairGeometry = false }));
        Assert.Contains("feature #0 (code 330102, name 上城区): ring 0 self-intersects", ex.Message);
        Assert.Contains("feature #1 (code 330105, name 拱墅区): ring 0 self-intersects", ex.Message);
    }

    [Fact]
    public void A_district_that_is_only_a_spike_is_refused()
    {
        var features = TinyCounty();
        features[6] = Feature("100001001004", "第4网格", "grid", "100001001",
            $$"""{"type":"Polygon","coordinates":[[[{{Num(Lon0)}},{{Num(Lat0)}}],[{{Num(Lon0 + Cell)}},{{Num(Lat0)}}],[{{Num(Lon0 + 2 * Cell)}},{{Num(Lat0)}}],[{{Num(Lon0 + Cell)}},{{Num(Lat0)}}],[{{Num(Lon0)}},{{Num(Lat0)}}]]]}""");
        var ex = Assert.Throws<GeographyException>(() => GeoJsonImporter.FromString(Collection(features)));
        Assert.Contains("feature #6 (code 100001001004, name 第4网格): nothing with an area is left", ex.Message);
    }

    [Fact]
    public void A_fold_back_in_a_grid_of_the_tiny_county_is_cut_and_the_grid_kept()
    {
        var features = TinyCounty();
        // grid 3 runs out to (2, 0) and back to (1, 0) along its bottom edge: the tip (2, 0) is cut
        features[5] = Feature("100001001003", "翠苑社区第3网格", "grid", "100001001",
            """{"type":"Polygon","coordinates":[[[120.1,30.2],[120.12,30.2],[120.11,30.2],[120.11,30.21],[120.1,30.21],[120.1,30.2]]]}""");
        var result = GeoJsonImporter.ImportStrings([Collection(features)]);
        var repair = Assert.Single(result.Repairs);
        Assert.Equal(("100001001003", GeometryRepair.SpikeRemoved, 120.12, 30.2), (repair.Code, repair.Kind, repair.Lon, repair.Lat));
        Assert.Equal(1, Cells(result.Map.Find("100001001003")!.Shape), 6);
    }
}
