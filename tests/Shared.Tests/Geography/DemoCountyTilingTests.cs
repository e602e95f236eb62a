using CommandCenter.Geography;

namespace CommandCenter.Shared.Tests.Geography;

/// <summary>
/// The demo county's grids tile it: on a dense lattice of sample points over the county's bounding
/// box, every point inside the county outline lies in exactly one grid (brute force, not the index),
/// points outside lie in none, and the index, the communities and the streets agree.
/// </summary>
public class DemoCountyTilingTests
{
    private static List<GeoPoint> Samples(CountyMap map, int cols, int rows)
    {
        var (minLon, minLat, maxLon, maxLat) = map.County.Shape.Bounds;
        var points = new List<GeoPoint>(cols * rows);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                points.Add(new GeoPoint(minLon + (c + 0.5) / cols * (maxLon - minLon), minLat + (r + 0.37) / rows * (maxLat - minLat)));
        return points;
    }

    /// <summary>Brute force: every area is tested with Geometry.Contains (after a cheap bounding-box test).</summary>
    private static List<Area> Containing(IReadOnlyList<(Area Area, (double MinLon, double MinLat, double MaxLon, double MaxLat) Box)> areas, GeoPoint p)
    {
        var result = new List<Area>();
        foreach (var (area, box) in areas)
            if (p.Lon >= box.MinLon && p.Lon <= box.MaxLon && p.Lat >= box.MinLat && p.Lat <= box.MaxLat && Geometry.Contains(area.Shape, p))
                result.Add(area);
        return result;
    }

    private static List<(Area, (double, double, double, double))> WithBoxes(IEnumerable<Area> areas) =>
        areas.Select(a => (a, a.Shape.Bounds)).ToList();

    [Fact]
    public void Grids_tile_the_county_and_the_index_agrees_with_brute_force()
    {
        var map = DemoCounty.Map;
        var points = Samples(map, 160, 125); // 20,000 points
        var allGrids = WithBoxes(map.Grids);
        var inside = 0;
        foreach (var p in points)
        {
            var grids = Containing(allGrids, p);
            if (Geometry.Contains(map.County.Shape, p))
            {
                inside++;
                Assert.True(grids.Count == 1, $"{p} lies in {grids.Count} grids: {string.Join(", ", grids.Select(g => g.Code))}");
            }
            else Assert.True(grids.Count == 0, $"{p} is outside the county but in {grids.Count} grids");
            Assert.Equal(grids.SingleOrDefault()?.Code, map.LocateGrid(p)?.Code);
        }
        Assert.InRange(inside, 10_000, 19_000); // the county fills most of its bounding box
    }

    [Fact]
    public void Community_and_street_outlines_tile_the_county_consistently_with_the_grids()
    {
        var map = DemoCounty.Map;
        var (allCommunities, allStreets) = (WithBoxes(map.Communities), WithBoxes(map.Streets));
        foreach (var p in Samples(map, 160, 125))
        {
            var grid = map.LocateGrid(p);
            var communities = Containing(allCommunities, p);
            var streets = Containing(allStreets, p);
            if (grid is null)
            {
                Assert.Empty(communities);
                Assert.Empty(streets);
                continue;
            }
            Assert.Equal(grid.ParentCode, Assert.Single(communities).Code);
            Assert.Equal(map.StreetOf(grid.Code).Code, Assert.Single(streets).Code);
        }
    }
}
