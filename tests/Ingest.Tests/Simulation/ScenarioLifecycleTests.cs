using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Simulation;

namespace CommandCenter.Ingest.Tests.Simulation;

public sealed class ScenarioLifecycleTests
{
    private static readonly CountyMap Map = TestCounty.Build();

    [Fact]
    public void Every_case_starts_reported_and_moves_only_along_legal_transitions()
    {
        var start = TestCounty.BeijingNoon;
        var events = TestCounty.Run(TestCounty.Scenario(TestCounty.Options(100), Map), start, TimeSpan.FromHours(4));
        var cases = events.Where(e => e.Type == EventType.CaseChanged).GroupBy(e => e.CaseId!).ToList();
        Assert.True(cases.Count > 3000);

        foreach (var c in cases)
        {
            var moves = c.ToList();
            Assert.Equal(CaseState.Reported, moves[0].CaseState);
            Assert.True(CaseCategories.All.ContainsKey(moves[0].Category!), moves[0].Category);
            Assert.All(moves, m => Assert.Equal(moves[0].GridCode, m.GridCode));
            Assert.All(moves, m => Assert.NotNull(Map.Find(m.GridCode!)));
            Assert.All(moves, m => Assert.False(string.IsNullOrEmpty(m.Actor)));
            for (var i = 1; i < moves.Count; i++)
                Assert.True(CaseTransitions.IsLegal(moves[i - 1].CaseState!.Value, moves[i].CaseState!.Value),
                    $"{c.Key}: {moves[i - 1].CaseState} → {moves[i].CaseState}");
            Assert.True(moves.Take(moves.Count - 1).All(m => !CaseTransitions.IsTerminal(m.CaseState!.Value)), $"{c.Key} moved after its end");
        }

        // the loop is exercised: rejections, returns with re-dispatch, closures
        var states = cases.Select(c => c.Select(m => m.CaseState!.Value).ToList()).ToList();
        Assert.Contains(states, s => s[^1] == CaseState.Rejected);
        Assert.Contains(states, s => s.Contains(CaseState.Returned) && s[^1] == CaseState.Closed);
        Assert.Contains(states, s => s.Zip(s.Skip(1)).Any(p => p == (CaseState.Returned, CaseState.Dispatched)));
        Assert.Contains(cases, c => c.First().WorkerId is not null);                          // worker reports
        Assert.Contains(cases, c => c.First().Category == "hotline" && c.First().WorkerId is null); // 12345

        // a meaningful share of the first hour's cases ends within an hour of the report
        var early = cases.Where(c => c.First().OccurredAt < start.AddHours(1)).ToList();
        var quick = early.Count(c => CaseTransitions.IsTerminal(c.Last().CaseState!.Value) && c.Last().OccurredAt - c.First().OccurredAt <= TimeSpan.FromHours(1));
        Assert.InRange(quick / (double)early.Count, 0.4, 0.95);
    }

    [Fact]
    public void About_the_overdue_share_of_cases_blow_their_deadline_and_the_rest_finish_in_time()
    {
        var start = TestCounty.BeijingNoon;
        var events = TestCounty.Run(TestCounty.Scenario(TestCounty.Options(30), Map), start, TimeSpan.FromHours(7), TimeSpan.FromSeconds(5));
        // cases with a 2 h or 4 h deadline reported in the first hour and not rejected at intake
        var cases = events.Where(e => e.Type == EventType.CaseChanged && e.DrillId is null).GroupBy(e => e.CaseId!)
            .Select(c => c.ToList())
            .Where(c => c[0].OccurredAt < start.AddHours(1) && c[0].Category is "fire_safety" or "safety_hazard" && c[1].CaseState != CaseState.Rejected)
            .ToList();
        Assert.True(cases.Count > 150, $"{cases.Count} cases");

        // resolved: handled, or rejected after a return without ever being handled
        static DateTimeOffset Resolved(List<WireEvent> c) => (c.FirstOrDefault(m => m.CaseState == CaseState.Handled) ?? c[^1]).OccurredAt!.Value;
        var late = cases.Count(c => Resolved(c) > c[0].OccurredAt + CaseCategories.DeadlineOf(c[0].Category));
        Assert.InRange(late / (double)cases.Count, 0.04, 0.18);
        Assert.All(cases, c => Assert.True(CaseTransitions.IsTerminal(c[^1].CaseState!.Value), $"{c[0].CaseId} did not finish"));
    }

    [Fact]
    public void Alarms_are_raised_then_acknowledged_at_most_once_then_cleared()
    {
        var start = TestCounty.BeijingNoon;
        var events = TestCounty.Run(TestCounty.Scenario(TestCounty.Options(50), Map), start, TimeSpan.FromHours(3), TimeSpan.FromSeconds(2));
        var alarms = events.Where(e => e.AlarmId is not null).GroupBy(e => e.AlarmId!).Select(g => g.ToList()).ToList();
        Assert.True(alarms.Count > 2000);

        foreach (var a in alarms)
        {
            Assert.Equal(EventType.AlarmRaised, a[0].Type);
            Assert.InRange(a[0].Severity!.Value, 1, 4);
            Assert.NotNull(a[0].AlarmKind);
            Assert.Equal(1, a.Count(e => e.Type == EventType.AlarmRaised));
            Assert.True(a.Count(e => e.Type == EventType.AlarmAcknowledged) <= 1, a[0].AlarmId);
            Assert.True(a.Count(e => e.Type == EventType.AlarmCleared) <= 1, a[0].AlarmId);
            var cleared = a.FindIndex(e => e.Type == EventType.AlarmCleared);
            Assert.True(cleared < 0 || cleared == a.Count - 1, "nothing after the clear");
            Assert.All(a, e => Assert.Equal(a[0].GridCode, e.GridCode));
            Assert.True(Geometry.Contains(Map.Find(a[0].GridCode!)!.Shape, new GeoPoint(a[0].Lon!.Value, a[0].Lat!.Value)));
        }

        // of the alarms raised in the first hour: ack within 1–5 min for most, ~8% never acknowledged
        var early = alarms.Where(a => a[0].OccurredAt < start.AddHours(1) && a[0].DrillId is null).ToList();
        var unacked = early.Where(a => a.All(e => e.Type != EventType.AlarmAcknowledged)).ToList();
        Assert.InRange(unacked.Count / (double)early.Count, 0.05, 0.11);
        foreach (var a in early.Except(unacked))
        {
            var ack = a.Single(e => e.Type == EventType.AlarmAcknowledged);
            Assert.InRange(ack.OccurredAt!.Value - a[0].OccurredAt!.Value, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5.1));
            Assert.StartsWith("值班员-", ack.Actor);
            var clear = a.Single(e => e.Type == EventType.AlarmCleared); // all cleared 5–60 min after the ack, within 3 h
            Assert.InRange(clear.OccurredAt!.Value - ack.OccurredAt!.Value, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(60.1));
        }
        Assert.All(unacked, a => Assert.True(a.Count == 1 || a[^1].OccurredAt - a[0].OccurredAt >= TimeSpan.FromMinutes(60)));
    }

    [Fact]
    public void Check_ins_lie_inside_the_workers_home_grid_and_carry_no_grid_code()
    {
        var scenario = TestCounty.Scenario(TestCounty.Options(50), Map);
        var events = TestCounty.Run(scenario, TestCounty.BeijingNoon, TimeSpan.FromMinutes(30));
        var checkIns = events.Where(e => e.Type == EventType.PatrolCheckIn).ToList();
        Assert.True(checkIns.Count > 10_000);

        foreach (var e in checkIns)
        {
            Assert.Null(e.GridCode);
            var home = Map.Find(scenario.HomeGridOf(e.WorkerId!)!)!;
            var p = new GeoPoint(e.Lon!.Value, e.Lat!.Value);
            Assert.True(Geometry.Contains(home.Shape, p), $"{e.WorkerId} at {p} outside {home.Code}");
            Assert.Equal(home.Code, Map.LocateGrid(p)!.Code);
        }
        // the L-shaped grid is patrolled, and its routes avoid the missing quarter
        Assert.Contains(checkIns, e => scenario.HomeGridOf(e.WorkerId!) == "S1C1G1");
        // workers walk a route: several distinct positions each
        Assert.All(checkIns.GroupBy(e => e.WorkerId).Where(g => g.Count() >= 6),
            g => Assert.True(g.Select(e => (e.Lon, e.Lat)).Distinct().Count() >= 3));
    }

    [Fact]
    public void About_three_quarters_of_the_workers_are_on_the_day_shift_and_the_shifts_do_not_overlap()
    {
        var scenario = TestCounty.Scenario(new SimulatorOptions { EventsPerSecond = 50, Seed = 3 }, Map);
        var start = new DateTimeOffset(2025, 6, 2, 6, 0, 0, TimeSpan.FromHours(8)); // night until 08:00, then day
        var events = TestCounty.Run(scenario, start, TimeSpan.FromHours(4), TimeSpan.FromSeconds(2));
        var night = events.Where(e => e.Type == EventType.PatrolCheckIn && e.OccurredAt < start.AddHours(2)).Select(e => e.WorkerId).ToHashSet();
        var day = events.Where(e => e.Type == EventType.PatrolCheckIn && e.OccurredAt >= start.AddHours(2).AddMinutes(2)).Select(e => e.WorkerId).ToHashSet();

        Assert.InRange(day.Count / 3000.0, 0.72, 0.78);
        Assert.InRange(night.Count / 3000.0, 0.22, 0.28);
        Assert.Empty(day.Intersect(night));
        Assert.Equal(16, day.Select(w => scenario.HomeGridOf(w!)).Distinct().Count()); // every grid is covered by day
    }
}
