using CommandCenter.Dispatch;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;
using CommandCenter.Wall;

namespace CommandCenter.EndToEnd.Tests.Wall;

/// <summary>The wall's check-in dots (pure logic: the wall's state, no host): newest first, bounded, snapshot and deltas agreeing.</summary>
public class WallCheckInDotsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    private static CountyEvent CheckIn(int i) => new()
    {
        Id = $"c{i}", Type = EventType.PatrolCheckIn, OccurredAt = Start.AddMilliseconds(i), Source = "test", GridCode = "g",
        Seq = i + 1, WorkerId = $"w{i}", Lon = 120 + i * 1e-6, Lat = 30,
    };

    private static CountyEvent Alarm(int i) => new()
    {
        Id = $"a{i}", Type = EventType.AlarmRaised, OccurredAt = Start.AddMilliseconds(i), Source = "test", GridCode = "g",
        Seq = i + 1, AlarmId = $"alarm-{i}", Severity = 2, AlarmKind = "smoke",
    };

    private static WallState NewState()
    {
        var map = DemoCountyGenerator.Generate();
        return new WallState(new GrainOptions(), Microsoft.Extensions.Options.Options.Create(new WallOptions()), new UnitCatalogue(map));
    }

    [Fact]
    public void A_flush_with_more_check_ins_than_a_screen_keeps_sends_the_newest_first_and_the_feed_still_gets_every_alarm()
    {
        var state = NewState();
        var events = Enumerable.Range(0, 4_000).Select(i => i % 100 == 50 ? Alarm(i) : CheckIn(i)).ToList();

        var (feed, dots) = state.Record(events);

        var expected = events.Where(e => e.Type == EventType.PatrolCheckIn).Reverse().Take(WallState.CheckInsKept).Select(e => e.WorkerId);
        Assert.Equal(expected, dots.Select(d => d.Worker));
        Assert.Equal(40, feed.Count); // alarms are feed rows, none dropped for the dots
    }

    [Fact]
    public void The_snapshot_lists_the_same_newest_check_ins_as_the_deltas_across_many_flushes()
    {
        var state = NewState();
        var model = new CountyModel(DemoCountyGenerator.Generate(), new GrainOptions());
        var sent = new List<WallCheckIn>();
        var next = 0;
        foreach (var size in new[] { 7, 1_499, 1, 2_000, 333, 0, 1_500, 12 })
        {
            var (_, dots) = state.Record(Enumerable.Range(next, size).Select(CheckIn).ToList());
            next += size;
            sent.InsertRange(0, dots); // as the screen does: each delta's dots in front
        }

        var snapshot = state.Snapshot(model, 1, Start.AddMinutes(1));

        Assert.Equal(sent.Take(WallState.CheckInsKept).Select(d => d.Worker), snapshot.CheckIns.Select(d => d.Worker));
        Assert.Equal($"w{next - 1}", snapshot.CheckIns[0].Worker);
        // and only recent ones: an hour later none is shown
        Assert.Empty(state.Snapshot(model, 2, Start.AddHours(1)).CheckIns);
    }
}
