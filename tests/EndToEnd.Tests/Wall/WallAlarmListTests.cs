using CommandCenter.Dispatch;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;
using CommandCenter.Wall;

namespace CommandCenter.EndToEnd.Tests.Wall;

/// <summary>The wall's alarm list (pure logic: the grains and the wall's state, no host).</summary>
public class WallAlarmListTests
{
    [Fact]
    public void The_list_is_the_most_urgent_alarms_in_the_order_a_full_sort_gives()
    {
        var map = DemoCountyGenerator.Generate();
        var options = new GrainOptions();
        var model = new CountyModel(map, options);
        var rng = new Random(7);
        var start = new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
        var seq = 0L;
        // 3,000 alarms over 200 grids: every severity, drills, acknowledged ones, and many sharing a raise time (ties)
        for (var i = 0; i < 3_000; i++)
        {
            var grid = map.Grids[rng.Next(200)].Code;
            var at = start.AddSeconds(rng.Next(600));
            model.Apply(new CountyEvent
            {
                Id = $"a{i}", Type = EventType.AlarmRaised, OccurredAt = at, Source = "test", GridCode = grid, Seq = ++seq,
                AlarmId = $"alarm-{i}", Severity = 1 + rng.Next(4), AlarmKind = "smoke", DrillId = i % 9 == 0 ? "drill-1" : null,
            });
            if (i % 5 == 0)
                model.Apply(new CountyEvent { Id = $"k{i}", Type = EventType.AlarmAcknowledged, OccurredAt = at.AddMinutes(1), Source = "test", GridCode = "", Seq = ++seq, AlarmId = $"alarm-{i}" });
        }
        var now = start.AddMinutes(30);
        var wall = new WallState(options, Microsoft.Extensions.Options.Options.Create(new WallOptions()), new UnitCatalogue(map));

        var list = wall.Alarms(model, now);

        // what the wall used to compute: every alarm, stable-sorted by (drill, acknowledged, severity, raised), the first 400
        var expected = model.ActiveGrids.SelectMany(g => g.Alarms.Select(a => (Grid: g.Code, Alarm: a)))
            .OrderBy(x => x.Alarm.DrillId is not null).ThenBy(x => x.Alarm.IsAcknowledged).ThenBy(x => x.Alarm.Severity).ThenBy(x => x.Alarm.RaisedAt)
            .Take(WallState.AlarmsSent).ToList();
        Assert.Equal(expected.Select(x => x.Alarm.Id), list.Select(a => a.Id));
        Assert.Equal(expected.Select(x => x.Grid), list.Select(a => a.Grid));
        Assert.All(list, a => Assert.Equal(a.Acked ? 0 : options.EscalationLevel(now - a.RaisedAt), a.Escalation));
    }
}
