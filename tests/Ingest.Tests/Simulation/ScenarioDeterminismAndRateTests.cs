using System.Text.Json;
using CommandCenter.Events;
using CommandCenter.Simulation;
using Xunit.Abstractions;

namespace CommandCenter.Ingest.Tests.Simulation;

public sealed class ScenarioDeterminismAndRateTests(ITestOutputHelper output)
{
    [Fact]
    public void Same_seed_and_step_times_give_the_same_events()
    {
        var a = TestCounty.Run(TestCounty.Scenario(TestCounty.Options(seed: 11)), TestCounty.BeijingNoon, TimeSpan.FromMinutes(30));
        var b = TestCounty.Run(TestCounty.Scenario(TestCounty.Options(seed: 11)), TestCounty.BeijingNoon, TimeSpan.FromMinutes(30));
        var c = TestCounty.Run(TestCounty.Scenario(TestCounty.Options(seed: 12)), TestCounty.BeijingNoon, TimeSpan.FromMinutes(30));

        Assert.True(a.Count > 50_000);
        Assert.Equal(Json(a), Json(b));
        Assert.NotEqual(Json(a), Json(c));
    }

    [Fact]
    public void Event_ids_are_unique_and_count_up_and_occurredAt_is_the_step_time()
    {
        var scenario = TestCounty.Scenario(TestCounty.Options());
        var start = TestCounty.BeijingNoon;
        for (var t = start; t < start.AddMinutes(10); t = t.AddSeconds(1))
            foreach (var e in scenario.Step(t))
            {
                Assert.Equal(t, e.OccurredAt);
                Assert.Equal("simulator", e.Source);
                Assert.True(e.GridCode is not null || (e.Lon is not null && e.Lat is not null), e.Id);
            }

        var ids = TestCounty.Run(TestCounty.Scenario(TestCounty.Options()), start, TimeSpan.FromMinutes(10)).Select(e => e.Id!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith($"sim-7-{start.ToUnixTimeSeconds():x}-", id));
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i), ids.Select(Counter));
    }

    [Theory]
    [InlineData(19)] // spans the 20:00 shift change
    [InlineData(7)]  // spans the 08:00 shift change
    public void Over_two_hours_at_50_per_second_the_rate_and_mix_hold(int beijingHour)
    {
        var options = new SimulatorOptions { EventsPerSecond = 50, Seed = 7 }; // 3,000 workers, 6,000 sensors
        var start = new DateTimeOffset(2025, 6, 2, beijingHour, 0, 0, TimeSpan.FromHours(8));
        var all = TestCounty.Run(TestCounty.Scenario(options), start, TimeSpan.FromHours(3));
        // the gauges' readings come on top of the target rate: 240 gauges once a minute each
        var readings = all.Where(e => e.Type == EventType.SensorReading).ToList();
        Assert.InRange(readings.Count / TimeSpan.FromHours(3).TotalSeconds, 240 / 60.0 * 0.95, 240 / 60.0 * 1.05);
        var events = all.Where(e => e.Type != EventType.SensorReading).ToList();

        // from a cold start: alarms and cases only begin, so follow-ups are still missing at first
        var cold = Measure(events.Where(e => e.OccurredAt < start.AddHours(2)).ToList(), TimeSpan.FromHours(2), "0–2 h");
        Assert.InRange(cold.Rate, 50 * 0.85, 50 * 1.15);
        Assert.InRange(cold.CheckIns, 0.64, 0.78);
        Assert.InRange(cold.Alarms, 0.09, 0.15);
        Assert.InRange(cold.Cases, 0.12, 0.21);
        Assert.InRange(cold.Drills, 0, 0.01);

        // after an hour of warm-up the target holds closely
        var warm = Measure(events.Where(e => e.OccurredAt >= start.AddHours(1)).ToList(), TimeSpan.FromHours(2), "1–3 h");
        Assert.InRange(warm.Rate, 50 * 0.95, 50 * 1.05);
        Assert.InRange(warm.CheckIns, 0.68, 0.74);
        Assert.InRange(warm.Alarms, 0.11, 0.13);
        Assert.InRange(warm.Cases, 0.155, 0.185);

        // steady: no 10-minute window after the first is off by more than 15%
        foreach (var window in events.GroupBy(e => (e.OccurredAt!.Value - start).Ticks / TimeSpan.FromMinutes(10).Ticks).Where(g => g.Key is > 0 and < 18))
            Assert.InRange(window.Count() / 600.0, 50 * 0.85, 50 * 1.15);
    }

    private (double Rate, double CheckIns, double Alarms, double Cases, double Drills) Measure(List<WireEvent> events, TimeSpan duration, string label)
    {
        var m = (events.Count / duration.TotalSeconds,
            Share(events, e => e.Type == EventType.PatrolCheckIn),
            Share(events, e => e.Type is EventType.AlarmRaised or EventType.AlarmAcknowledged or EventType.AlarmCleared),
            Share(events, e => e.Type == EventType.CaseChanged),
            Share(events, e => e.Type is EventType.DrillStarted or EventType.DrillEnded));
        output.WriteLine($"{label}: {events.Count} events, {m.Item1:0.0}/s: check-ins {m.Item2:P1}, alarms {m.Item3:P1}, cases {m.Item4:P1}, drill start/end {m.Item5:P2}");
        return m;
    }

    [Fact]
    public void Severity_mix_is_about_1_4_20_75_percent()
    {
        var events = TestCounty.Run(TestCounty.Scenario(TestCounty.Options(100)), TestCounty.BeijingNoon, TimeSpan.FromHours(1), TimeSpan.FromSeconds(2));
        var raised = events.Where(e => e.Type == EventType.AlarmRaised && e.DrillId is null).ToList();
        Assert.True(raised.Count > 5000);
        double ShareOf(int level) => raised.Count(e => e.Severity == level) / (double)raised.Count;
        Assert.InRange(ShareOf(Severity.I), 0.002, 0.02);
        Assert.InRange(ShareOf(Severity.II), 0.025, 0.055);
        Assert.InRange(ShareOf(Severity.III), 0.17, 0.23);
        Assert.InRange(ShareOf(Severity.IV), 0.72, 0.78);
        var kinds = raised.Select(e => e.AlarmKind).ToHashSet();
        Assert.Superset(kinds, new HashSet<string?> { "smoke", "gas", "water_level", "manhole", "hydrant", "video", "hotline", "police_110", "worker" });
    }

    [Fact]
    public void Step_throughput_on_one_core()
    {
        var options = new SimulatorOptions { EventsPerSecond = 5000, Seed = 7 };
        var scenario = TestCounty.Scenario(options);
        var start = TestCounty.BeijingNoon;
        scenario.Step(start);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long n = 0;
        for (var t = start; t < start.AddMinutes(10); t = t.AddMilliseconds(200)) n += scenario.Step(t).Count;
        watch.Stop();
        output.WriteLine($"{n} events in {watch.Elapsed.TotalMilliseconds:0} ms: {n / watch.Elapsed.TotalSeconds:N0} events/s generated");
        Assert.InRange(n / 600.0, 5000 * 0.7, 5000 * 1.1); // the first 10 minutes of a cold start: few follow-ups yet
    }

    internal static long Counter(string id) => long.Parse(id[(id.LastIndexOf('-') + 1)..]);

    private static double Share(List<WireEvent> events, Func<WireEvent, bool> predicate) =>
        events.Count(predicate) / (double)events.Count;

    private static string Json(List<WireEvent> events) => JsonSerializer.Serialize(events, IngestJson.Options);
}
