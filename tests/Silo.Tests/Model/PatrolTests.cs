using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Ingest;
using static CommandCenter.Silo.Tests.TestCounty;

namespace CommandCenter.Silo.Tests.Grains;

public class PatrolTests
{
    [Fact]
    public void A_check_in_puts_the_worker_on_duty_until_the_window_passes_and_the_grid_stays_covered_for_four_hours()
    {
        var m = NewModel();
        var g = Grid(1, 2, 2);
        m.Feed(CheckIn(g, "w1", T0));
        Assert.Equal(1, m.County.Figures[Figure.WorkersOnDuty]);
        Assert.Equal(1, m.County.Figures[Figure.GridsPatrolled]);
        Assert.Equal(T0, m.FindGrid(g)!.LastPatrolledAt);
        m.Tick(T0.AddMinutes(61));
        Assert.Equal(0, m.County.Figures[Figure.WorkersOnDuty]);
        Assert.Equal(1, m.County.Figures[Figure.GridsPatrolled]);
        m.Tick(T0.AddHours(4).AddSeconds(1));
        Assert.Equal(0, m.County.Figures[Figure.GridsPatrolled]);
    }

    [Fact]
    public void A_worker_who_checks_in_elsewhere_is_counted_once_in_the_new_grid()
    {
        var m = NewModel();
        m.Feed(CheckIn(Grid(1, 1, 1), "w1", T0));
        m.Feed(CheckIn(Grid(2, 2, 3), "w1", T0.AddMinutes(5)));
        Assert.Equal(1, m.County.Figures[Figure.WorkersOnDuty]);
        Assert.Equal(0, m.FindGrid(Grid(1, 1, 1))!.Figures[Figure.WorkersOnDuty]);
        Assert.Equal(1, m.FindGrid(Grid(2, 2, 3))!.Figures[Figure.WorkersOnDuty]);
        Assert.Equal(2, m.County.Figures[Figure.GridsPatrolled]);
    }

    [Fact]
    public void A_worker_counts_where_their_latest_check_in_is_whatever_order_the_check_ins_arrive_in()
    {
        // grid grains on different silos hand their check-ins to the log in any order: the fold must not care
        var (a, b) = (Grid(1, 1, 1), Grid(2, 1, 3));
        CountyEvent[] checkIns = [CheckIn(a, "w1", T0.AddMinutes(1)), CheckIn(b, "w1", T0.AddMinutes(3)), CheckIn(a, "w1", T0.AddMinutes(2))];
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        foreach (var order in orders)
        {
            var m = NewModel();
            foreach (var i in order) Assert.Equal(IngestStatus.Accepted, m.Feed(checkIns[i]).Status);
            var where = string.Join(",", order);
            Assert.True(m.FindGrid(b)!.FindWorker("w1")?.CheckedInAt == T0.AddMinutes(3), $"order {where}: w1 not present in b at 3'");
            Assert.True(m.FindGrid(a)!.FindWorker("w1") is null, $"order {where}: w1 still present in a");
            Assert.Equal(b, m.FindWorker("w1") is null ? null : b);
            Assert.Equal(T0.AddMinutes(2), m.FindGrid(a)!.LastPatrolledAt); // a was patrolled all the same
        }
    }

    [Fact]
    public void Drill_check_ins_count_apart()
    {
        var m = NewModel();
        m.Feed(CheckIn(Grid(1, 1, 1), "w1", T0) with { DrillId = "d1" });
        Assert.Equal(0, m.County.Figures[Figure.WorkersOnDuty]);
        Assert.Equal(1, m.County.Figures[Figure.DrillCheckIns]);
    }

    [Fact]
    public void Drills_start_once_and_end_once()
    {
        var m = NewModel();
        var start = Event(EventType.DrillStarted, "", T0) with { DrillId = "d1", DrillName = "防汛应急演练", DrillStreets = [$"{County}001"] };
        Assert.Equal(IngestStatus.Accepted, m.Feed(start).Status);
        Assert.Single(m.County.RunningDrills);
        Assert.Equal("drill_exists", m.Feed(start with { Id = "again" }).Refusal!.Code);
        var end = Event(EventType.DrillEnded, "", T0.AddMinutes(40)) with { DrillId = "d1" };
        Assert.Equal(IngestStatus.Accepted, m.Feed(end).Status);
        Assert.Empty(m.County.RunningDrills);
        Assert.Equal(T0.AddMinutes(40), m.County.EndedDrills[0].EndedAt);
        Assert.Equal("unknown_drill", m.Feed(Event(EventType.DrillEnded, "", T0.AddMinutes(41)) with { DrillId = "d1" }).Refusal!.Code);
    }
}
