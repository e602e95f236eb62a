using CommandCenter.Geography;

namespace CommandCenter.Simulation;

/// <summary>Random positions inside areas (rejection sampling in the bounding box) and the grids of each street.</summary>
internal sealed class AreaSampler
{
    private const int MaxTries = 200;
    private readonly Random _random;
    private readonly Dictionary<string, Area[]> _gridsByStreet;

    public AreaSampler(CountyMap map, Random random)
    {
        _random = random;
        Grids = map.Grids;
        _gridsByStreet = map.Grids
            .GroupBy(g => map.StreetOf(g.Code).Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<Area> Grids { get; }

    public IReadOnlyList<Area> GridsOfStreet(string streetCode) =>
        _gridsByStreet.TryGetValue(streetCode, out var grids) ? grids : [];

    /// <summary>Streets that have at least one grid, in map order.</summary>
    public IReadOnlyList<string> StreetsWithGrids => [.. _gridsByStreet.Keys];

    public Area RandomGrid() => Grids[_random.Next(Grids.Count)];

    /// <summary>
    /// A point inside the area, rounded to 6 decimals (≈0.1 m) and checked after rounding, so the server's
    /// point-in-polygon places it in the same grid. Falls back to the label point for degenerate shapes.
    /// </summary>
    public GeoPoint PointIn(Area area) => PointIn(area, _random);

    /// <summary>The same with another random source (the gauges keep their own).</summary>
    public static GeoPoint PointIn(Area area, Random random)
    {
        var (minLon, minLat, maxLon, maxLat) = area.Shape.Bounds;
        for (var i = 0; i < MaxTries; i++)
        {
            var p = new GeoPoint(
                Math.Round(minLon + random.NextDouble() * (maxLon - minLon), 6),
                Math.Round(minLat + random.NextDouble() * (maxLat - minLat), 6));
            if (Geometry.Contains(area.Shape, p)) return p;
        }
        return area.LabelPoint;
    }
}
