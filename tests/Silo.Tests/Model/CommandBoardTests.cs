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
        Assert.Equal(["opened", "commander", "linked_alarm", "alarm_acknowledged", "dispatched", "closed"], closed.Timeline.Select(t => t.Kind));
        Assert.Equal(("2", "化工厂火情"), (closed.Timeline[0].To, closed.Timeline[0].Text));
        Assert.Equal(("o1", "police-01", "fire"), (closed.Timeline[4].Subject, closed.Timeline[4].Unit, closed.Timeline[4].UnitKind));
        Assert.Equal(("火情已扑灭", null), (closed.Timeline[^1].Text, closed.Timeline[^1].To));
        Assert.Equal(["o1"], closed.Timeline[^1].Items!);
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
        // one fact per change, values not words: the level from 2 to 1, the commander from 李局 to 张县长, the scope 0 → 2 streets
        var facts = i.Timeline.Skip(2).ToList();
        Assert.Equal(["level", "commander", "scope"], facts.Select(f => f.Kind));
        Assert.Equal(("2", "1"), (facts[0].From, facts[0].To));
        Assert.Equal(("李局", "张县长"), (facts[1].From, facts[1].To));
        Assert.Equal(("0", "2", 2), (facts[2].From, facts[2].To, facts[2].Items!.Count));
        Assert.All(facts, f => Assert.Equal("调度员-王", f.Actor));
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

    [Fact]
    public void Closing_with_open_orders_kept_keeps_their_units_busy_and_their_states_moving_and_the_timeline_says_so()
    {
        var m = NewModel();
        m.Feed(OpenIncident("i1", T0));
        m.Feed(Order("o1", "i1", "fire-01", OrderState.Ordered, T0));
        m.Feed(Order("o2", "i1", "police-01", OrderState.Ordered, T0));
        m.Feed(Order("o2", "i1", "police-01", OrderState.Cancelled, T0.AddMinutes(1)));
        m.Feed(Board(EventType.WhistleBlown, T0) with { WhistleId = "w1", IncidentId = "i1", Streets = [$"{County}001"], Departments = ["城管", "公安"] });
        m.Feed(Board(EventType.ReportIn, T0.AddMinutes(2)) with { WhistleId = "w1", Department = "城管", OrderState = OrderState.OnScene });
        m.Feed(Board(EventType.IncidentClosed, T0.AddMinutes(30)) with { IncidentId = "i1", Note = "收尾", OpenOrders = OpenOrderChoice.Keep });

        Assert.Equal("o1", m.Board.OrderOfUnit("fire-01"));
        Assert.True(m.Board.IsOrderActive("o1"));
        Assert.False(m.Board.IsOrderActive("o2"));
        var closed = m.Board.Find("i1")!;
        var absent = closed.Timeline.Single(f => f.Kind == "not_reported");
        Assert.Equal("w1", absent.Subject);
        Assert.Equal(["公安"], absent.Items!);
        var close = closed.Timeline[^1];
        Assert.Equal(("closed", "keep", "收尾"), (close.Kind, close.To, close.Text));
        Assert.Equal(["o1"], close.Items!);

        Assert.Equal(IngestStatus.Accepted, m.Feed(Order("o1", "i1", "fire-01", OrderState.Acknowledged, T0.AddMinutes(31))).Status);
        Assert.Equal(IngestStatus.Accepted, m.Feed(Order("o1", "i1", "fire-01", OrderState.Cancelled, T0.AddMinutes(40))).Status);
        Assert.Null(m.Board.OrderOfUnit("fire-01"));
        Assert.False(m.Board.IsOrderActive("o1"));
        Assert.Equal(("order", "acknowledged", "cancelled"), (closed.Timeline[^1].Kind, closed.Timeline[^2].To, closed.Timeline[^1].To));
    }

    [Fact]
    public void Closing_without_a_choice_lets_open_orders_go_as_before()
    {
        var m = NewModel();
        m.Feed(OpenIncident("i1", T0));
        m.Feed(Order("o1", "i1", "fire-01", OrderState.Ordered, T0));
        m.Feed(Board(EventType.IncidentClosed, T0.AddMinutes(30)) with { IncidentId = "i1" });
        Assert.Null(m.Board.OrderOfUnit("fire-01"));
        Assert.False(m.Board.IsOrderActive("o1"));
        Assert.Equal("unknown_order", m.Feed(Order("o1", "i1", "fire-01", OrderState.Acknowledged, T0.AddMinutes(31))).Refusal!.Code);
    }
}
