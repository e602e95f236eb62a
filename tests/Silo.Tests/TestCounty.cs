using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;

namespace CommandCenter.Silo.Tests;

/// <summary>A tiny hand-made county (2 streets × 2 communities × 3 square grids) and event builders.</summary>
public static class TestCounty
{
    public const string County = "330199";
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.FromHours(8));

    public const string Depot1 = "poi-depot-01", Depot2 = "poi-depot-02";

    public static CountyMap Map { get; } = Build();

    public static string Grid(int street, int community, int grid) => $"{County}{street:000}{community:000}{grid:000}";

    private static CountyMap Build()
    {
        var streets = new List<Area>();
        var communities = new List<Area>();
        var grids = new List<Area>();
        for (var s = 1; s <= 2; s++)
        {
            var sc = $"{County}{s:000}";
            streets.Add(new Area(sc, $"街道{s}", AreaLevel.Street, County, Square(s - 1, 0, 6, 1), new GeoPoint(s - 0.5, 0.5)));
            for (var c = 1; c <= 2; c++)
            {
                var cc = $"{sc}{c:000}";
                communities.Add(new Area(cc, $"社区{s}-{c}", AreaLevel.Community, sc, Square(s - 1, (c - 1) * 0.5, 1, 0.5), new GeoPoint(s - 0.5, c * 0.5 - 0.25)));
                for (var g = 1; g <= 3; g++)
                {
                    var lon = s - 1 + (g - 1) / 3.0;
                    var lat = (c - 1) * 0.5;
                    grids.Add(new Area($"{cc}{g:000}", $"网格{s}-{c}-{g}", AreaLevel.Grid, cc,
                        Square(lon, lat, 1 / 3.0, 0.5), new GeoPoint(lon + 1 / 6.0, lat + 0.25)));
                }
            }
        }
        var county = new Area(County, "测试县", AreaLevel.County, null, Square(0, 0, 2, 1), new GeoPoint(1, 0.5));
        Poi[] depots =
        [
            new(Depot1, PoiKind.SupplyDepot, "一号物资储备点", new GeoPoint(1 / 6.0, 0.25), Grid(1, 1, 1)),
            new(Depot2, PoiKind.SupplyDepot, "二号物资储备点", new GeoPoint(1 + 1 / 6.0, 0.25), Grid(2, 1, 1)),
        ];
        return new CountyMap(county, streets, communities, grids, depots);
    }

    private static AreaShape Square(double lon, double lat, double w, double h) => AreaShape.FromRing(
        [new(lon, lat), new(lon + w, lat), new(lon + w, lat + h), new(lon, lat + h)]);

    private static int _id;

    /// <summary>Gives the event an accept timestamp as the silo would (its own time, after the last applied), then applies it.</summary>
    public static ApplyOutcome Feed(this CountyModel m, CountyEvent e) => m.Apply(Stamp(m, e));

    public static CountyEvent Stamp(CountyModel m, CountyEvent e) =>
        e with { Seq = Math.Max(m.LastSeq + 1, (e.OccurredAt - DateTimeOffset.UnixEpoch).Ticks * 100) };

    public static CountyEvent Event(EventType type, string grid, DateTimeOffset at) => new()
    {
        Id = $"t-{Interlocked.Increment(ref _id)}",
        Type = type,
        OccurredAt = at,
        Source = "test",
        GridCode = grid,
    };

    public static CountyEvent Raise(string grid, string alarm, int severity, DateTimeOffset at, string? drill = null) =>
        Event(EventType.AlarmRaised, grid, at) with { AlarmId = alarm, Severity = severity, AlarmKind = "smoke", DrillId = drill };

    public static CountyEvent Ack(string alarm, DateTimeOffset at, string actor = "值班员-李") =>
        Event(EventType.AlarmAcknowledged, "", at) with { AlarmId = alarm, Actor = actor };

    public static CountyEvent Clear(string alarm, DateTimeOffset at) => Event(EventType.AlarmCleared, "", at) with { AlarmId = alarm };

    public static CountyEvent Case(string grid, string id, CaseState state, DateTimeOffset at, string category = "sanitation") =>
        Event(EventType.CaseChanged, grid, at) with { CaseId = id, CaseState = state, Category = category };

    public static CountyEvent CheckIn(string grid, string worker, DateTimeOffset at) =>
        Event(EventType.PatrolCheckIn, grid, at) with { WorkerId = worker };

    public static CountyModel NewModel(GrainOptions? options = null) => new(Map, options ?? new GrainOptions());
}
