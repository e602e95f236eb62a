using CommandCenter.Model;
using CommandCenter.Ingest;
using static CommandCenter.Silo.Tests.TestCounty;

namespace CommandCenter.Silo.Tests.Grains;

public class AlarmTests
{
    private static readonly string G = Grid(1, 1, 1);

    [Theory]
    [InlineData(1, StatusLevel.Critical)]
    [InlineData(2, StatusLevel.Alarm)]
    [InlineData(3, StatusLevel.Alarm)]
    [InlineData(4, StatusLevel.Attention)]
    public void Raised_alarm_sets_the_grid_level_by_severity(int severity, StatusLevel expected)
    {
        var m = NewModel();
        Assert.Equal(IngestStatus.Accepted, m.Feed(Raise(G, "a1", severity, T0)).Status);
        Assert.Equal(expected, m.FindGrid(G)!.Level);
        Assert.Equal(1, m.County.Figures[FigureExtensions.AlarmsOpen(severity)]);
        Assert.Equal(1, m.County.Figures[FigureExtensions.AlarmsUnacked(severity)]);
        Assert.Equal(T0, m.County.OldestUnackedAt);
    }

    [Fact]
    public void Acknowledge_by_alarm_id_alone_finds_the_grid_and_a_second_acknowledgement_is_refused()
    {
        var m = NewModel();
        m.Feed(Raise(G, "a1", 3, T0));
        var first = m.Feed(Ack("a1", T0.AddMinutes(2), "值班员-王"));
        Assert.Equal(IngestStatus.Accepted, first.Status);
        Assert.Equal(G, first.GridCode);
        var second = m.Feed(Ack("a1", T0.AddMinutes(3), "值班员-赵"));
        Assert.Equal(IngestStatus.Rejected, second.Status);
        Assert.Equal("already_acknowledged", second.Refusal!.Code);
        Assert.Contains("值班员-王", second.Refusal.Message);
        Assert.Equal(0, m.County.Figures.UnackedAlarms);
        Assert.Equal(1, m.County.Figures[Figure.AlarmsAcknowledged]);
        Assert.Equal(120_000, m.County.Figures[Figure.AckMillisTotal]);
        Assert.Null(m.County.OldestUnackedAt);
        Assert.Equal(StatusLevel.Attention, m.FindGrid(G)!.Level); // acknowledged level III: still open
    }

    [Fact]
    public void Unacknowledged_alarm_escalates_with_the_clock_and_clearing_returns_to_normal()
    {
        var m = NewModel();
        m.Feed(Raise(G, "a1", 4, T0));
        Assert.Equal(StatusLevel.Attention, m.FindGrid(G)!.Level);
        m.Tick(T0.AddMinutes(5));
        Assert.Equal(StatusLevel.Alarm, m.FindGrid(G)!.Level);
        Assert.Equal(1, m.County.Figures[Figure.AlarmsEscalated]);
        m.Tick(T0.AddMinutes(15));
        Assert.Equal(StatusLevel.Critical, m.FindGrid(G)!.Level);
        Assert.Equal(IngestStatus.Accepted, m.Feed(Clear("a1", T0.AddMinutes(16))).Status);
        Assert.Equal(StatusLevel.Normal, m.FindGrid(G)!.Level);
        Assert.Equal(0, m.County.Figures.OpenAlarms);
        Assert.Equal(0, m.County.Figures[Figure.GridsCritical]);
    }

    [Fact]
    public void Escalation_thresholds_are_configurable()
    {
        var m = NewModel(new GrainOptions { EscalationThresholds = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)] });
        m.Feed(Raise(G, "a1", 4, T0));
        m.Tick(T0.AddSeconds(61));
        Assert.Equal(StatusLevel.Alarm, m.FindGrid(G)!.Level);
        m.Tick(T0.AddSeconds(121));
        Assert.Equal(StatusLevel.Critical, m.FindGrid(G)!.Level);
    }

    [Fact]
    public void Unknown_alarm_and_reused_open_alarm_id_are_refused_without_changing_anything()
    {
        var m = NewModel();
        Assert.Equal("unknown_alarm", m.Feed(Ack("nope", T0)).Refusal!.Code);
        m.Feed(Raise(G, "a1", 4, T0));
        var before = m.County.Figures.Copy();
        Assert.Equal("alarm_exists", m.Feed(Raise(Grid(2, 1, 1), "a1", 1, T0)).Refusal!.Code);
        Assert.Equal(before, m.County.Figures);
        Assert.Equal("wrong_grid", m.Feed(Ack("a1", T0) with { GridCode = Grid(2, 2, 2) }).Refusal!.Code);
    }

    [Fact]
    public void Drill_alarms_never_touch_the_real_figures_or_the_level()
    {
        var m = NewModel();
        m.Feed(Raise(G, "d1", 1, T0, drill: "drill-1"));
        m.Tick(T0.AddMinutes(30));
        Assert.Equal(StatusLevel.Normal, m.FindGrid(G)!.Level);
        Assert.Equal(0, m.County.Figures.OpenAlarms);
        Assert.Equal(1, m.County.Figures[Figure.DrillAlarmsOpen]);
        Assert.Null(m.County.OldestUnackedAt);
    }

    [Fact]
    public void The_same_event_sent_twice_is_a_duplicate()
    {
        var m = NewModel();
        var e = Raise(G, "a1", 4, T0);
        Assert.Equal(IngestStatus.Accepted, m.Feed(e).Status);
        Assert.Equal(IngestStatus.Duplicate, m.Feed(e).Status);
        Assert.Equal(1, m.County.Figures.OpenAlarms);
    }
}
