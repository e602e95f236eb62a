using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;
using CommandCenter.Model.Warnings;

namespace CommandCenter.Ingest.Tests.Simulation;

/// <summary>
/// The simulated gauges make the demo's risk warnings fire within the first hour: the storm's river gauges (a fast rise,
/// then thresholds), a gas leak, a silent rain gauge — folded through the grids' warning rules exactly as the grains do.
/// </summary>
public sealed class ScenarioWarningTests
{
    [Fact]
    public void Within_the_first_hour_a_storm_a_gas_leak_and_a_silent_gauge_raise_warnings_of_their_kind()
    {
        var map = TestCounty.Build();
        var start = TestCounty.BeijingNoon;
        var events = TestCounty.Run(TestCounty.Scenario(TestCounty.Options(), map), start, TimeSpan.FromMinutes(60), TimeSpan.FromSeconds(5));
        var readings = events.Where(e => e.Type == EventType.SensorReading).ToList();
        Assert.NotEmpty(readings);

        var grids = new Dictionary<string, GridState>(StringComparer.Ordinal);
        var options = new GrainOptions();
        var next = 0;
        // the grids as they stood at <paramref name="minutes"/>: every reading up to then applied, in order
        List<SensorWarning> At(double minutes)
        {
            var until = start.AddMinutes(minutes);
            for (; next < readings.Count && readings[next].OccurredAt <= until; next++)
            {
                var w = readings[next];
                var code = map.LocateGrid(new GeoPoint(w.Lon!.Value, w.Lat!.Value))!.Code;
                if (!grids.TryGetValue(code, out var grid)) grids[code] = grid = new GridState(code, options);
                Assert.Null(grid.Apply(new CountyEvent
                {
                    Id = w.Id!, Type = EventType.SensorReading, OccurredAt = w.OccurredAt!.Value, Source = "sim", GridCode = code,
                    Lon = w.Lon, Lat = w.Lat, SensorId = w.SensorId, SensorKind = w.SensorKind, Value = w.Value,
                }));
            }
            return grids.Values.SelectMany(g => g.WarningsAt(until)).ToList();
        }

        // ten minutes in: the storm's rivers rise fast (0.05 m a minute) long before any threshold
        Assert.Contains(At(12), w => w.SensorKind == "water_level" && w.Cause == WarningCause.Rise);
        // the storm's rain gauges pass 50 mm/h (orange)
        Assert.Contains(At(30), w => w.SensorKind == "rainfall" && w.Level <= 2);
        Assert.Contains(At(36), w => w.Cause == WarningCause.Silent && w.SensorKind == "rainfall");
        // 45 minutes in: river gauges past the warning level (yellow or worse), the gas leak past 20 %LEL
        var late = At(45);
        Assert.Contains(late, w => w.SensorKind == "water_level" && w.Cause == WarningCause.Threshold && w.Level <= 3);
        Assert.Contains(late, w => w.SensorKind == "gas" && w.Level <= 3);
        // and the quiet gauges raise nothing: no hydrant falls, one gas detector leaks
        Assert.DoesNotContain(late, w => w.SensorKind == "hydrant_pressure");
        Assert.Single(late, w => w.SensorKind == "gas");
    }
}
