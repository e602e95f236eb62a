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
