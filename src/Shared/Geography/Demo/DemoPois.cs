namespace CommandCenter.Geography;

/// <summary>
/// Places the demo county's points of interest: one police station (派出所) per street, 8 fire stations
/// (消防救援站), 6 hospitals (医院) and 15 supply depots (应急物资储备点) spread over the county, and a
/// party-and-masses service center (党群服务中心) in every third community. Each stands well inside a
/// lattice cell, so its grid is that cell's grid.
/// </summary>
internal static class DemoPois
{
    public static List<Poi> Place(
        DemoLattice lattice, Random rng, DemoCountyGenerator.Region county,
        IReadOnlyList<DemoCountyGenerator.Region> streets, IReadOnlyList<DemoCountyGenerator.Region> communities,
        IReadOnlyDictionary<int, string> gridOfCell, IReadOnlyDictionary<int, DemoCountyGenerator.Region> communityOfCell)
    {
        var pois = new List<Poi>();
        void Add(string prefix, PoiKind kind, string name, int cell)
        {
            var id = $"poi-{prefix}-{pois.Count(p => p.Kind == kind) + 1:D2}";
            var position = lattice.PointIn(cell, 0.25 + rng.NextDouble() * 0.5, 0.25 + rng.NextDouble() * 0.5);
            pois.Add(new Poi(id, kind, name, position, gridOfCell[cell]));
        }

        foreach (var street in streets)
            Add("police", PoiKind.PoliceStation, $"{street.Stem}派出所", lattice.CentralCell(street.Cells));

        foreach (var cell in Spread(lattice, county.Cells, 8, rng))
            Add("fire", PoiKind.FireStation, $"{communityOfCell[cell].Stem}消防救援站", cell);

        var hospitals = Spread(lattice, county.Cells, DemoNames.Hospitals.Length, rng);
        for (var i = 0; i < hospitals.Count; i++)
            Add("hospital", PoiKind.Hospital, DemoNames.Hospitals[i], hospitals[i]);

        foreach (var cell in Spread(lattice, county.Cells, 15, rng))
            Add("depot", PoiKind.SupplyDepot, $"{communityOfCell[cell].Stem}应急物资储备点", cell);

        for (var i = 0; i < communities.Count; i += 3)
            Add("service", PoiKind.ServiceCenter, $"{communities[i].Name}党群服务中心", lattice.CentralCell(communities[i].Cells));

        return pois;
    }

    /// <summary>Cells spread evenly over the set, away from its edge: the centres of k-means clusters.</summary>
    private static List<int> Spread(DemoLattice lattice, IReadOnlyList<int> cells, int count, Random rng) =>
        RegionGrower.Seeds(lattice, cells, count, rng);
}
