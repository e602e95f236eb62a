using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;

namespace CommandCenter.Simulation;

/// <summary>
/// 风险监测: river gauges, rain gauges, gas detectors and hydrant pressure sensors at fixed points, each reporting a
/// reading every <see cref="SimulatorOptions.GaugeInterval"/>. Quiet values with a little noise, except in the
/// <see cref="RiskWeather"/> episodes: a rainstorm over two streets lifting their river gauges, a slow gas leak, a rain
/// gauge that goes silent. Deterministic like the rest of the scenario.
/// </summary>
internal sealed class GaugeNetwork
{
    private static readonly (string Kind, double Share)[] Mix = [("water_level", 0.25), ("rainfall", 0.25), ("gas", 0.3), ("hydrant_pressure", 0.2)];

    private readonly List<Gauge> _gauges = [];

    /// <summary>The gauges' own random source (from the seed): adding gauges leaves the rest of the scenario's draws as they were.</summary>
    public Random Random { get; }

    public double Uniform(double min, double max) => min + Random.NextDouble() * (max - min);

    public GaugeNetwork(ScenarioContext ctx, int count)
    {
        Random = new Random(unchecked(ctx.Options.Seed * 31 + 17));
        if (ctx.Sampler.Grids.Count == 0) return;
        var n = 0;
        foreach (var (kind, share) in Mix)
            for (var i = 0; i < (int)Math.Round(count * share) && _gauges.Count < count; i++)
            {
                var grid = ctx.Sampler.Grids[Random.Next(ctx.Sampler.Grids.Count)];
                _gauges.Add(new Gauge(FormattableString.Invariant($"G{++n:D4}"), kind, grid, AreaSampler.PointIn(grid, Random), ctx.Map.StreetOf(grid.Code).Code, Base(kind)));
            }
        Weather = new RiskWeather(this, _gauges);
    }

    public IReadOnlyList<Gauge> All => _gauges;
    public RiskWeather? Weather { get; }

    private double Base(string kind) => kind switch
    {
        "water_level" => Uniform(1.6, 2.3), // m on the gauge (警戒 3.5)
        "rainfall" => 0,
        "gas" => Uniform(0, 2),              // %LEL
        _ => Uniform(0.28, 0.4),             // MPa
    };


    public void Start(ScenarioContext ctx, DateTimeOffset now)
    {
        Weather?.Start(now);
        foreach (var g in _gauges) ctx.Schedule(g, now + ctx.Options.GaugeInterval * Uniform(0, 1));
    }

    /// <summary>One gauge: reports its reading, then schedules the next one.</summary>
    internal sealed class Gauge(string id, string kind, Area grid, GeoPoint position, string street, double baseline) : SimEntity
    {
        public string Id { get; } = id;
        public string Kind { get; } = kind;
        public Area Grid { get; } = grid;
        public string Street { get; } = street;
        public double Baseline { get; } = baseline;

        public override void Fire(ScenarioContext ctx, DateTimeOffset at)
        {
            var weather = ctx.Gauges.Weather!;
            if (!weather.Silent(this, at))
                ctx.Emit(new WireEvent
                {
                    Id = ctx.NextEventId(), Type = EventType.SensorReading, OccurredAt = ctx.Now, Source = ctx.Source,
                    SensorId = Id, SensorKind = Kind, Value = Math.Round(weather.ValueOf(this, at), 3),
                    Lon = position.Lon, Lat = position.Lat,
                });
            ctx.Schedule(this, at + ctx.Options.GaugeInterval * ctx.Gauges.Uniform(0.95, 1.05));
        }
    }
}
