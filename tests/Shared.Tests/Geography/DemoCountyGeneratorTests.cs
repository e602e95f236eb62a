using System.Text.RegularExpressions;
using CommandCenter.Geography;

namespace CommandCenter.Shared.Tests.Geography;

public class DemoCountyGeneratorTests
{
    private static CountyMap Map => DemoCounty.Map;

    private static string Snapshot(CountyMap map) =>
        GeoJsonExporter.ToFeatureCollection(map.AllAreas) + GeoJsonExporter.PoisToFeatureCollection(map.Pois);

    [Fact]
    public void Same_seed_gives_identical_output_and_another_seed_does_not()
    {
        var first = Snapshot(DemoCountyGenerator.Generate());
        Assert.Equal(first, Snapshot(DemoCountyGenerator.Generate()));
        Assert.Equal(first, Snapshot(DemoCountyGenerator.Generate(DemoCountyGenerator.DefaultSeed)));
        Assert.NotEqual(first, Snapshot(DemoCountyGenerator.Generate(7)));
    }

    [Fact]
    public void Scale_one_is_the_demo_county_and_scale_four_a_county_four_times_its_size()
    {
        Assert.Equal(Snapshot(DemoCountyGenerator.Generate()), Snapshot(DemoCountyGenerator.Generate(DemoCountyGenerator.DefaultSeed, 1)));
        var big = DemoCountyGenerator.Generate(DemoCountyGenerator.DefaultSeed, 4);
        Assert.Equal(4 * Map.Grids.Count, big.Grids.Count);
        Assert.Equal(4 * Map.Streets.Count, big.Streets.Count);
        Assert.InRange(big.Communities.Count, 3.5 * Map.Communities.Count, 4.5 * Map.Communities.Count);
        Assert.Equal(big.Grids.Count, big.Grids.Select(g => g.Code).Distinct().Count());
        Assert.Equal(big.Streets.Count, big.Streets.Select(s => s.Name).Distinct().Count());
        Assert.Equal(big.Grids.Count, big.Communities.Sum(c => big.ChildrenOf(c.Code).Count));
        Assert.All(big.Grids, g => Assert.True(Geometry.Contains(g.Shape, g.LabelPoint)));
    }

    [Fact]
    public void Other_seeds_also_generate_a_valid_county()
    {
        foreach (var seed in new[] { 1, 42, 12345 })
        {
            var map = DemoCountyGenerator.Generate(seed);
            Assert.InRange(map.Grids.Count, 2200, 2600);
            Assert.All(map.Grids, g => Assert.True(Geometry.Contains(g.Shape, g.LabelPoint)));
            Assert.All(map.Communities, c => Assert.True(Geometry.Contains(c.Shape, c.LabelPoint)));
            Assert.All(map.Pois, p => Assert.Equal(p.GridCode, map.LocateGrid(p.Position)?.Code));
        }
    }

    [Fact]
    public void Counts_are_in_the_target_ranges()
    {
        Assert.Equal("330110", Map.County.Code);
        Assert.Equal("临江区", Map.County.Name);
        Assert.InRange(Map.Streets.Count, 10, 14);
        Assert.InRange(Map.Communities.Count, 150, 220);
        Assert.InRange(Map.Grids.Count, 2200, 2600);
        Assert.All(Map.Communities, c => Assert.InRange(Map.ChildrenOf(c.Code).Count, 5, 25));
        Assert.All(Map.Streets, s => Assert.InRange(Map.ChildrenOf(s.Code).Count, 8, 25));

        int Count(PoiKind kind) => Map.Pois.Count(p => p.Kind == kind);
        Assert.Equal(12, Count(PoiKind.PoliceStation));
        Assert.Equal(8, Count(PoiKind.FireStation));
        Assert.Equal(6, Count(PoiKind.Hospital));
        Assert.Equal(15, Count(PoiKind.SupplyDepot));
        Assert.InRange(Count(PoiKind.ServiceCenter), 50, 75);
    }

    [Fact]
    public void County_lies_in_the_expected_box()
    {
        var (minLon, minLat, maxLon, maxLat) = Map.County.Shape.Bounds;
        Assert.True(minLon >= 120.0 && maxLon <= 120.5, $"lon {minLon}..{maxLon}");
        Assert.True(minLat >= 30.1 && maxLat <= 30.45, $"lat {minLat}..{maxLat}");
    }

    [Fact]
    public void Codes_are_unique_and_hierarchical()
    {
        var all = Map.AllAreas.ToList();
        Assert.Equal(all.Count, all.Select(a => a.Code).Distinct().Count());
        foreach (var a in all.Where(a => a.Level != AreaLevel.County))
        {
            Assert.NotNull(a.ParentCode);
            Assert.Equal(a.ParentCode!.Length + 3, a.Code.Length);
            Assert.StartsWith(a.ParentCode, a.Code);
            Assert.Matches("^[0-9]{3}$", a.Code[^3..]);
            Assert.Equal(a.Level - 1, Map.Find(a.ParentCode)!.Level);
        }
        Assert.All(Map.Grids, g => Assert.Equal(15, g.Code.Length));
        Assert.Equal(Map.Grids.Count, Map.Communities.Sum(c => Map.ChildrenOf(c.Code).Count));
    }

    [Fact]
    public void Names_look_like_chinese_place_names()
    {
        Assert.All(Map.Streets, s => Assert.Matches("(街道|镇)$", s.Name));
        Assert.All(Map.Communities, c => Assert.Matches("^\\p{IsCJKUnifiedIdeographs}{2}(社区|村)$", c.Name));
        Assert.Equal(Map.Communities.Count, Map.Communities.Select(c => c.Name).Distinct().Count());
        foreach (var g in Map.Grids)
            Assert.Matches("^" + Regex.Escape(Map.Find(g.ParentCode!)!.Name) + "第[0-9]+网格$", g.Name);
    }

    [Fact]
    public void Every_label_point_lies_inside_its_area()
    {
        Assert.All(Map.AllAreas, a => Assert.True(Geometry.Contains(a.Shape, a.LabelPoint), $"{a.Code} {a.Name}"));
    }

    [Fact]
    public void Union_outlines_contain_their_childrens_label_points_and_are_contiguous()
    {
        foreach (var parent in new[] { Map.County }.Concat(Map.Streets).Concat(Map.Communities))
        {
            Assert.Single(parent.Shape.Polygons); // one connected piece
            foreach (var child in Map.ChildrenOf(parent.Code))
                Assert.True(Geometry.Contains(parent.Shape, child.LabelPoint), $"{child.Code} label outside {parent.Code}");
        }
        Assert.All(Map.Grids, g => Assert.True(Geometry.Contains(Map.County.Shape, g.LabelPoint)));
    }

    [Fact]
    public void Pois_lie_in_their_grid()
    {
        Assert.Equal(Map.Pois.Count, Map.Pois.Select(p => p.Id).Distinct().Count());
        foreach (var poi in Map.Pois)
        {
            Assert.Matches("^poi-(police|fire|hospital|depot|service)-[0-9]{2,}$", poi.Id);
            var grid = Map.Find(poi.GridCode);
            Assert.NotNull(grid);
            Assert.Equal(AreaLevel.Grid, grid!.Level);
            Assert.True(Geometry.Contains(grid.Shape, poi.Position), $"{poi.Id} not in {poi.GridCode}");
            Assert.Equal(poi.GridCode, Map.LocateGrid(poi.Position)?.Code);
        }
        Assert.All(Map.Pois.Where(p => p.Kind == PoiKind.PoliceStation), p => Assert.EndsWith("派出所", p.Name));
        Assert.All(Map.Pois.Where(p => p.Kind == PoiKind.ServiceCenter), p => Assert.EndsWith("党群服务中心", p.Name));
    }
}
