using CommandCenter.Geography;

namespace CommandCenter.Simulation;

/// <summary>IoT sensors at fixed positions inside random grids: smoke, gas, water level, manhole cover, hydrant pressure.</summary>
internal sealed class SensorNetwork
{
    private static readonly (string Kind, int Weight)[] KindMix =
        [("smoke", 35), ("gas", 15), ("water_level", 15), ("manhole", 20), ("hydrant", 15)];

    private readonly Sensor[] _sensors;

    public SensorNetwork(ScenarioContext ctx, int count)
    {
        var total = KindMix.Sum(k => k.Weight);
        _sensors = new Sensor[ctx.Sampler.Grids.Count == 0 ? 0 : count];
        for (var i = 0; i < _sensors.Length; i++)
        {
            var roll = ctx.Random.Next(total);
            var kind = KindMix[^1].Kind;
            foreach (var (k, w) in KindMix)
            {
                if (roll < w) { kind = k; break; }
                roll -= w;
            }
            var grid = ctx.Sampler.RandomGrid();
            _sensors[i] = new Sensor(FormattableString.Invariant($"S{i + 1:D5}"), kind, grid, ctx.Sampler.PointIn(grid));
        }
    }

    public int Count => _sensors.Length;

    public Sensor Random(ScenarioContext ctx) => _sensors[ctx.Random.Next(_sensors.Length)];

    public sealed record Sensor(string Id, string Kind, Area Grid, GeoPoint Position);
}
