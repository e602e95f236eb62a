using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Simulation;

namespace CommandCenter.Ingest.Tests.Simulation;

public sealed class ScenarioDrillTests
{
    private static readonly CountyMap Map = TestCounty.Build();

    [Fact]
    public void Drills_start_every_N_hours_and_their_events_carry_the_drill_id_and_stay_in_the_drill_streets()
    {
        var options = TestCounty.Options(20);
        options.DrillEveryHours = 1;
        var start = TestCounty.BeijingNoon;
        var events = TestCounty.Run(TestCounty.Scenario(options, Map), start, TimeSpan.FromHours(4), TimeSpan.FromSeconds(2));

        var started = events.Where(e => e.Type == EventType.DrillStarted).ToList();
        Assert.Equal(4, started.Count); // at 0:15, 1:15, 2:15, 3:15
        Assert.Equal(start.AddMinutes(15), started[0].OccurredAt);
        Assert.Equal(TimeSpan.FromHours(1), started[1].OccurredAt - started[0].OccurredAt);

        foreach (var drill in started.Take(3))
        {
            Assert.False(string.IsNullOrEmpty(drill.DrillName));
            Assert.EndsWith("演练", drill.DrillName);
            Assert.InRange(drill.DrillStreets!.Count, 1, 2); // this county has two streets
            Assert.Equal(drill.DrillStreets.Count, drill.DrillStreets.Distinct().Count());
            Assert.All(drill.DrillStreets, s => Assert.Equal(AreaLevel.Street, Map.Find(s)!.Level));

            var tagged = events.Where(e => e.DrillId == drill.DrillId).ToList();
            Assert.All(tagged, e => Assert.Contains(Map.StreetOf(e.GridCode!).Code, drill.DrillStreets));

            var ended = Assert.Single(tagged, e => e.Type == EventType.DrillEnded);
            Assert.InRange(ended.OccurredAt!.Value - drill.OccurredAt!.Value, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60.1));
            Assert.Same(tagged[^1], ended); // every drill alarm and case is done before the drill ends
            Assert.Same(tagged[0], drill);

            var alarms = tagged.Where(e => e.AlarmId is not null).GroupBy(e => e.AlarmId).ToList();
            var cases = tagged.Where(e => e.CaseId is not null).GroupBy(e => e.CaseId).ToList();
            Assert.InRange(alarms.Count, 6, 15);
            Assert.InRange(cases.Count, 3, 8);
            Assert.All(alarms, a => Assert.Equal([EventType.AlarmRaised, EventType.AlarmAcknowledged, EventType.AlarmCleared], a.Select(e => e.Type!.Value)));
            Assert.All(cases, c => Assert.Equal(CaseState.Closed, c.Last().CaseState));
        }

        // regular events never carry a drill id
        Assert.All(events.Where(e => e.Type == EventType.PatrolCheckIn), e => Assert.Null(e.DrillId));
    }

    [Fact]
    public void No_drills_when_DrillEveryHours_is_zero()
    {
        var options = TestCounty.Options(20);
        options.DrillEveryHours = 0;
        var events = TestCounty.Run(TestCounty.Scenario(options, Map), TestCounty.BeijingNoon, TimeSpan.FromHours(2), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(events, e => e.DrillId is not null);
    }
}
