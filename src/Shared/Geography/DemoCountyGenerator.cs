namespace CommandCenter.Geography;

/// <summary>
/// Generates the demo county 临江区 (code 330110) near lon 120.0–120.5, lat 30.1–30.45: about 12 streets
/// (街道/镇), ~185 communities (社区/村) and ~2,400 grids (网格) that tile with no gap and no overlap,
/// plus police stations, fire stations, hospitals, supply depots and party-and-masses service centers.
/// Deterministic: the same seed gives the same map (only <c>new Random(seed)</c> is used).
/// <c>scale</c> makes a bigger county of the same density (for capacity benchmarks): scale × the grids, streets and
/// communities on scale × the area; scale 1 is the demo county itself, unchanged.
/// </summary>
public static class DemoCountyGenerator
{
    public const int DefaultSeed = 20261124;

    private const int LatticeCols = 70, LatticeRows = 64, TargetGrids = 2400;
    private const int StreetCount = 12, GridsPerCommunity = 13, TownCount = 4;
    private const double MinLon = 120.0, MinLat = 30.1, MaxLon = 120.5, MaxLat = 30.45, Jitter = 0.22;

    /// <summary>A generated area before it becomes an <see cref="Area"/>: its code, name and lattice cells.</summary>
    internal sealed record Region(string Code, string Name, string Stem, List<int> Cells);

    public static CountyMap Generate(int seed = DefaultSeed, double scale = 1)
    {
        if (scale is < 1 or > 16 or double.NaN) throw new ArgumentOutOfRangeException(nameof(scale), scale, "the demo county scales 1–16×");
        var side = Math.Sqrt(scale);
        var rng = new Random(seed);
        var lattice = new DemoLattice(rng, (int)Math.Round(LatticeCols * side), (int)Math.Round(LatticeRows * side),
            MinLon, MinLat, MinLon + (MaxLon - MinLon) * side, MinLat + (MaxLat - MinLat) * side, Jitter);
        var selected = DemoOutline.SelectCells(lattice, rng, (int)Math.Round(TargetGrids * scale));
        var countyCells = Enumerable.Range(0, lattice.CellCount).Where(c => selected[c]).ToList();
        var county = new Region(DemoNames.CountyCode, DemoNames.CountyName, "临江", countyCells);

        // Streets: the most central get street names (街道), the outlying ones town names (镇).
        var countyCentre = lattice.Centre(lattice.CentralCell(countyCells));
        var streetCells = RegionGrower.Partition(lattice, countyCells, (int)Math.Round(StreetCount * scale), rng)
            .OrderBy(cells => Distance2(lattice.Centre(lattice.CentralCell(cells)), countyCentre)).ToList();
        var urbanCount = streetCells.Count - Math.Min((int)Math.Round(TownCount * scale), streetCells.Count / 3);
        var streets = streetCells.Select((cells, i) =>
        {
            var name = i < urbanCount ? DemoNames.Street(i) : DemoNames.Town(i - urbanCount);
            return new Region($"{county.Code}{i + 1:D3}", name, DemoNames.Short(name), cells);
        }).ToList();

        // Communities: contiguous groups of ~13 grids inside each street, numbered north-west first.
        var stems = DemoNames.Stems(rng, countyCells.Count / GridsPerCommunity * 2 + 20);
        var communities = new List<Region>();
        foreach (var street in streets)
        {
            var k = Math.Max(1, (int)Math.Round(street.Cells.Count / (double)GridsPerCommunity));
            var groups = RegionGrower.Partition(lattice, street.Cells, k, rng)
                .OrderByDescending(g => lattice.Row(lattice.CentralCell(g))).ThenBy(g => lattice.Col(lattice.CentralCell(g))).ToList();
            var isTown = !street.Name.EndsWith("街道", StringComparison.Ordinal);
            for (var i = 0; i < groups.Count; i++)
            {
                var stem = stems[communities.Count];
                var name = stem + (isTown && i > 0 ? "村" : "社区");
                communities.Add(new Region($"{street.Code}{i + 1:D3}", name, stem, groups[i]));
            }
        }

        // Grids: one lattice cell each, numbered north to south, west to east.
        var grids = new List<Area>();
        var gridOfCell = new Dictionary<int, string>();
        var communityOfCell = new Dictionary<int, Region>();
        foreach (var community in communities)
        {
            var ordered = community.Cells.OrderByDescending(lattice.Row).ThenBy(lattice.Col).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var cell = ordered[i];
                var code = $"{community.Code}{i + 1:D3}";
                grids.Add(new Area(code, $"{community.Name}第{i + 1}网格", AreaLevel.Grid, community.Code,
                    AreaShape.FromRing(lattice.Ring(cell)), lattice.Centre(cell)));
                gridOfCell[cell] = code;
                communityOfCell[cell] = community;
            }
        }

        var pois = DemoPois.Place(lattice, rng, county, streets, communities, gridOfCell, communityOfCell);
        return new CountyMap(
            ToArea(lattice, county, AreaLevel.County, null),
            streets.Select(s => ToArea(lattice, s, AreaLevel.Street, county.Code)).ToList(),
            communities.Select(c => ToArea(lattice, c, AreaLevel.Community, c.Code[..^3])).ToList(),
            grids,
            pois);
    }

    /// <summary>Outline = union of the region's cells; label = centre of the cell nearest its middle.</summary>
    private static Area ToArea(DemoLattice lattice, Region region, AreaLevel level, string? parent) =>
        new(region.Code, region.Name, level, parent,
            TileUnion.Outline(region.Cells.Select(lattice.Ring)),
            lattice.Centre(lattice.CentralCell(region.Cells)));

    private static double Distance2(GeoPoint a, GeoPoint b) =>
        (a.Lon - b.Lon) * (a.Lon - b.Lon) + (a.Lat - b.Lat) * (a.Lat - b.Lat);
}
