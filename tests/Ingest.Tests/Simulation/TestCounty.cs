using CommandCenter.Geography;
using CommandCenter.Ingest;
using CommandCenter.Simulation;

namespace CommandCenter.Ingest.Tests.Simulation;

/// <summary>
/// A hand-made county for the simulator tests: 2 streets × 2 communities × 4 grids of 0.01° squares on a 4×4
/// layout, except grid S1C1G1, which is L-shaped (its bounding box's upper-right quarter is not in it).
/// </summary>
internal static class TestCounty
{
    public const double Lon0 = 120.0, Lat0 = 30.0, Size = 0.01;

    public static readonly DateTimeOffset BeijingNoon = new(2025, 6, 2, 12, 0, 0, TimeSpan.FromHours(8));

    public static CountyMap Build()
    {
        var county = Square("C", "测试县", AreaLevel.County, null, 0, 0, 4);
        var streets = new List<Area>();
        var communities = new List<Area>();
        var grids = new List<Area>();
        for (var s = 0; s < 2; s++)
        {
            var street = Square($"S{s + 1}", $"第{s + 1}街道", AreaLevel.Street, "C", s * 2, 0, 2, 4);
            streets.Add(street);
            for (var c = 0; c < 2; c++)
            {
                var community = Square($"{street.Code}C{c + 1}", $"社区{s + 1}-{c + 1}", AreaLevel.Community, street.Code, s * 2, c * 2, 2, 2);
                communities.Add(community);
                var g = 0;
                for (var dx = 0; dx < 2; dx++)
                    for (var dy = 0; dy < 2; dy++)
                    {
                        var code = $"{community.Code}G{++g}";
                        grids.Add(code == "S1C1G1"
                            ? LShape(code, s * 2 + dx, c * 2 + dy, community.Code)
                            : Square(code, $"网格{code}", AreaLevel.Grid, community.Code, s * 2 + dx, c * 2 + dy, 1));
                    }
            }
        }
        return new CountyMap(county, streets, communities, grids, []);
    }

    public static SimulatorOptions Options(double eventsPerSecond = 50, int seed = 7) => new()
    {
        EventsPerSecond = eventsPerSecond,
        Seed = seed,
        Workers = 300,
        Sensors = 600,
    };

    /// <summary>Steps a fresh scenario every <paramref name="step"/> from <paramref name="start"/> for <paramref name="duration"/>.</summary>
    public static List<WireEvent> Run(CountyScenario scenario, DateTimeOffset start, TimeSpan duration, TimeSpan? step = null)
    {
        var events = new List<WireEvent>();
        var dt = step ?? TimeSpan.FromSeconds(1);
        for (var t = start; t <= start + duration; t += dt) events.AddRange(scenario.Step(t));
        return events;
    }

    public static CountyScenario Scenario(SimulatorOptions options, CountyMap? map = null) =>
        new(new Random(options.Seed), map ?? Build(), options);

    private static Area Square(string code, string name, AreaLevel level, string? parent, int x, int y, int w, int h = -1)
    {
        if (h < 0) h = w;
        var (x0, y0, x1, y1) = (Lon0 + x * Size, Lat0 + y * Size, Lon0 + (x + w) * Size, Lat0 + (y + h) * Size);
        GeoPoint[] ring = [new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1)];
        return new Area(code, name, level, parent, AreaShape.FromRing(ring), new((x0 + x1) / 2, (y0 + y1) / 2));
    }

    private static Area LShape(string code, int x, int y, string parent)
    {
        var (x0, y0, xm, ym, x1, y1) = (Lon0 + x * Size, Lat0 + y * Size, Lon0 + (x + 0.5) * Size, Lat0 + (y + 0.5) * Size, Lon0 + (x + 1) * Size, Lat0 + (y + 1) * Size);
        GeoPoint[] ring = [new(x0, y0), new(x1, y0), new(x1, ym), new(xm, ym), new(xm, y1), new(x0, y1)];
        return new Area(code, $"网格{code}", AreaLevel.Grid, parent, AreaShape.FromRing(ring), new((x0 + xm) / 2, (y0 + ym) / 2));
    }
}
