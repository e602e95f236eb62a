using CommandCenter.Events;
using CommandCenter.Ingest;
using static CommandCenter.Silo.Tests.TestCounty;

namespace CommandCenter.Silo.Tests.Grains;

public class CommandBoardTests
{
    private static CountyEvent Board(EventType type, DateTimeOffset at) => Event(type, "", at) with { Actor = "调度员-王" };
    private static CountyEvent OpenIncident(string id, DateTimeOffset at) => Board(EventType.IncidentOpened, at) with { IncidentId = id, Title = "化工厂火情", Severity = 2, Commander = "李局" };
    private static CountyEvent Order(string id, string incident, string unit, OrderState state, DateTimeOffset at) =>
        Board(EventType.OrderChanged, at) with { OrderId = id, IncidentId = incident, UnitId = unit, UnitKind = "fire", OrderState = state };

    [Fact]
    public void An_order_walks_its_states_and_an_illegal_move_names_the_legal_ones()
    {
        var m = NewModel();
        m.Feed(OpenIncident("i1", T0));
        Assert.Equal(IngestStatus.Accepted, m.Feed(Order("o1", "i1", "fire-01", OrderState.Ordered, T0.AddMinutes(1))).Status);
        var skip = m.Feed(Order("o1", "i1", "fire-01", OrderState.OnScene, T0.AddMinutes(2)));
        Assert.Equal("illegal_transition", skip.Refusal!.Code);
        Assert.Contains("acknowledged, cancelled", skip.Refusal.Message);
        foreach (var s in new[] { OrderState.Acknowledged, OrderState.EnRoute, OrderState.OnScene, OrderState.Done })
            Assert.Equal(IngestStatus.Accepted, m.Feed(Order("o1", "i1", "fire-01", s, T0.AddMinutes(3))).Status);
        var o = m.Board.Find("i1")!.Orders["o1"];
        Assert.Equal(OrderState.Done, o.State);
        Assert.Equal(T0.AddMinutes(3), o.OnSceneAt);
        Assert.Null(m.Board.OrderOfUnit("fire-01"));
    }

    [Fact]
    public void A_busy_unit_cannot_be_sent_twice_and_a_late_unit_is_overdue()
    {
        var m = NewModel();
        m.Feed(OpenIncident("i1", T0));
        m.Feed(Order("o1", "i1", "fire-01", OrderState.Ordered, T0));
        Assert.Equal("unit_busy", m.Feed(Order("o2", "i1", "fire-01", OrderState.Ordered, T0)).Refusal!.Code);
        var order = m.Board.Find("i1")!.Orders["o1"];
        Assert.False(order.IsOverdue(T0.AddMinutes(11)));
        Assert.True(order.IsOverdue(T0.AddMinutes(13))); // fire: on scene within 12 minutes
    }

    [Fact]
    public void Linked_alarms_show_on_the_incident_timeline_and_closing_frees_units()
    {
        var m = NewModel();
        var g = Grid(1, 1, 1);
        m.Feed(Raise(g, "a1", 2, T0));
        m.Feed(OpenIncident("i1", T0.AddMinutes(1)));
        Assert.Equal("unknown_alarm", m.Feed(Board(EventType.IncidentLinked, T0) with { IncidentId = "i1", AlarmId = "nope" }).Refusal!.Code);
        Assert.Equal(IngestStatus.Accepted, m.Feed(Board(EventType.IncidentLinked, T0.AddMinutes(1)) with { IncidentId = "i1", AlarmId = "a1" }).Status);
        Assert.Equal("already_linked", m.Feed(Board(EventType.IncidentLinked, T0.AddMinutes(1)) with { IncidentId = "i1", AlarmId = "a1" }).Refusal!.Code);
        m.Feed(Ack("a1", T0.AddMinutes(2)));
        m.Feed(Order("o1", "i1", "police-01", OrderState.Ordered, T0.AddMinutes(3)));
        m.Feed(Board(EventType.IncidentClosed, T0.AddMinutes(30)) with { IncidentId = "i1", Note = "火情已扑灭" });
        var closed = m.Board.Find("i1")!;
        Assert.Equal(T0.AddMinutes(30), closed.ClosedAt);
        Assert.Equal(["opened", "linked", "alarm_acknowledged", "order", "closed"], closed.Timeline.Select(t => t.Kind));
        Assert.Empty(m.Board.Open);
        Assert.Null(m.Board.OrderOfUnit("police-01"));
        Assert.Equal("unknown_incident", m.Feed(Board(EventType.IncidentNote, T0.AddMinutes(31)) with { IncidentId = "i1", Note = "x" }).Refusal!.Code);
    }

    [Fact]
    public void Raising_the_level_and_changing_the_commander_are_on_the_timeline_and_a_no_op_is_refused()
    {
        var m = NewModel();
        m.Feed(OpenIncident("i1", T0));
        var update = Board(EventType.IncidentUpdated, T0.AddMinutes(5)) with { IncidentId = "i1", Severity = 1, Commander = "张县长", Streets = [$"{County}001", $"{County}002"] };
        Assert.Equal(IngestStatus.Accepted, m.Feed(update).Status);
        var i = m.Board.Find("i1")!;
        Assert.Equal((1, "张县长", 2), (i.Level, i.Commander, i.Streets.Count));
        Assert.Equal("updated", i.Timeline[^1].Kind);
        Assert.Contains("II → I", i.Timeline[^1].Text);
        Assert.Contains("李局 → 张县长", i.Timeline[^1].Text);
        Assert.Equal("no_change", m.Feed(update with { Id = "again", OccurredAt = T0.AddMinutes(6) }).Refusal!.Code);
        Assert.Equal("unknown_incident", m.Feed(update with { Id = "elsewhere", IncidentId = "nope" }).Refusal!.Code);
    }

    [Fact]
    public void A_whistle_shows_who_reported_in_and_who_is_late()
    {
        var m = NewModel();
        var blow = Board(EventType.WhistleBlown, T0) with { WhistleId = "w1", Streets = [$"{County}001"], Departments = ["城管", "市场监管", "公安"], DeadlineAt = T0.AddMinutes(30) };
        Assert.Equal(IngestStatus.Accepted, m.Feed(blow).Status);
        m.Feed(Board(EventType.ReportIn, T0.AddMinutes(5)) with { WhistleId = "w1", Department = "城管", OrderState = OrderState.Acknowledged });
        m.Feed(Board(EventType.ReportIn, T0.AddMinutes(20)) with { WhistleId = "w1", Department = "城管", OrderState = OrderState.OnScene });
        m.Feed(Board(EventType.ReportIn, T0.AddMinutes(10)) with { WhistleId = "w1", Department = "公安", OrderState = OrderState.Acknowledged });
        Assert.Equal("not_summoned", m.Feed(Board(EventType.ReportIn, T0) with { WhistleId = "w1", Department = "消防", OrderState = OrderState.Acknowledged }).Refusal!.Code);
        Assert.Equal("already_reported", m.Feed(Board(EventType.ReportIn, T0.AddMinutes(21)) with { WhistleId = "w1", Department = "城管", OrderState = OrderState.OnScene }).Refusal!.Code);
        var w = m.Board.Whistles.Single();
        var late = w.Departments.Where(d => w.IsLate(d, T0.AddMinutes(31))).ToList();
        Assert.Equal(["市场监管", "公安"], late);
        Assert.DoesNotContain(w.Departments, d => w.IsLate(d, T0.AddMinutes(29)));
    }

    [Fact]
    public void The_board_is_cloned_for_replay_independently()
    {
        var m = NewModel();
        m.Feed(OpenIncident("i1", T0));
        var copy = m.Clone();
        m.Feed(Order("o1", "i1", "fire-01", OrderState.Ordered, T0));
        Assert.Empty(copy.Board.Find("i1")!.Orders);
        Assert.Single(m.Board.Find("i1")!.Orders);
    }
}
