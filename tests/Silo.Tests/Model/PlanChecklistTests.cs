using CommandCenter.Command;
using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.Plans;
using static CommandCenter.Silo.Tests.TestCounty;

namespace CommandCenter.Silo.Tests.Model;

public class PlanChecklistTests
{
    private static CountyEvent Board(EventType type, DateTimeOffset at, string actor = "调度员-王") => Event(type, "", at) with { Actor = actor };
    private static CountyEvent Open(DateTimeOffset at) => Board(EventType.IncidentOpened, at) with { IncidentId = "i1", Title = "临江水位超警", Severity = 2 };
    private static CountyEvent Order(string id, string unit, string kind, DateTimeOffset at) =>
        Board(EventType.OrderChanged, at) with { OrderId = id, IncidentId = "i1", UnitId = unit, UnitKind = kind, OrderState = OrderState.Ordered };

    private static readonly PlanStep[] FloodSteps =
    [
        new() { Id = "s1", Action = PlanActions.Notify, Title = "通知水务局", WithinMinutes = 10, Role = "值班员", Department = "water" },
        new() { Id = "s2", Action = PlanActions.Dispatch, Title = "调派消防救援力量 2 支", WithinMinutes = 20, Role = "指挥长", UnitKind = "fire", Count = 2 },
        new() { Id = "s3", Action = PlanActions.Warn, Title = "向沿江街道发布预警", WithinMinutes = 30, Role = "街道应急办" },
    ];

    private static CountyEvent Activate(DateTimeOffset at, string plan = "flood", int version = 3) => Board(EventType.PlanActivated, at) with
    {
        IncidentId = "i1", PlanId = plan, PlanVersion = version, Title = "防汛应急预案", PlanSteps = FloodSteps,
    };

    [Fact]
    public void Activating_a_plan_puts_its_checklist_on_the_incident_with_deadlines_from_activation()
    {
        var m = NewModel();
        m.Feed(Open(T0));
        Assert.Equal(IngestStatus.Accepted, m.Feed(Activate(T0.AddMinutes(2))).Status);
        var plan = Assert.Single(m.Board.Find("i1")!.Plans);
        Assert.Equal(("flood", 3, "防汛应急预案"), (plan.PlanId, plan.Version, plan.Name));
        Assert.Equal([T0.AddMinutes(12), T0.AddMinutes(22), T0.AddMinutes(32)], plan.Steps.Select(s => s.DueAt));
        Assert.All(plan.Steps, s => Assert.Equal(StepProgress.Pending, s.State(T0.AddMinutes(5))));
        Assert.Equal("plan_activated", m.Board.Find("i1")!.Timeline[^1].Kind);
        Assert.Equal("plan_active", m.Feed(Activate(T0.AddMinutes(3))).Refusal!.Code);
    }

    [Fact]
    public void A_dispatch_step_is_done_by_the_second_order_of_its_kind_and_links_both_orders()
    {
        var m = NewModel();
        m.Feed(Open(T0));
        m.Feed(Order("o1", "fire-01", "fire", T0.AddMinutes(1))); // before activation: counts
        m.Feed(Activate(T0.AddMinutes(2)));
        m.Feed(Order("o2", "police-01", "police", T0.AddMinutes(3))); // another kind: does not count
        Assert.False(m.Board.Find("i1")!.Plans[0].Find("s2")!.IsDone);
        m.Feed(Order("o3", "fire-02", "fire", T0.AddMinutes(4)) with { Actor = "调度员-李" });
        var step = m.Board.Find("i1")!.Plans[0].Find("s2")!;
        Assert.Equal((T0.AddMinutes(4), "调度员-李"), (step.DoneAt, step.DoneBy));
        Assert.Equal(["o1", "o3"], step.Links!);
        var fact = m.Board.Find("i1")!.Timeline[^1];
        Assert.Equal(("plan_step", "s2", "done"), (fact.Kind, fact.Subject, fact.To));
    }

    [Fact]
    public void A_whistle_that_summons_the_department_does_the_notify_step()
    {
        var m = NewModel();
        m.Feed(Open(T0));
        m.Feed(Activate(T0));
        m.Feed(Board(EventType.WhistleBlown, T0.AddMinutes(3)) with { WhistleId = "w1", IncidentId = "i1", Streets = [$"{County}001"], Departments = ["police", "water"] });
        var step = m.Board.Find("i1")!.Plans[0].Find("s1")!;
        Assert.Equal(T0.AddMinutes(3), step.DoneAt);
        Assert.Equal(["w1"], step.Links!);
    }

    [Fact]
    public void A_person_marks_a_step_done_once_and_unknown_plans_or_steps_are_refused()
    {
        var m = NewModel();
        m.Feed(Open(T0));
        m.Feed(Activate(T0));
        var done = Board(EventType.PlanStepDone, T0.AddMinutes(40), "值班员-赵") with { IncidentId = "i1", PlanId = "flood", StepId = "s3", Note = "短信已发送" };
        Assert.Equal(IngestStatus.Accepted, m.Feed(done).Status);
        var step = m.Board.Find("i1")!.Plans[0].Find("s3")!;
        Assert.Equal(("值班员-赵", "短信已发送", true), (step.DoneBy, step.Note, step.WasLate));
        Assert.Equal("late", m.Board.Find("i1")!.Timeline[^1].To); // done, but after its 30 minutes
        Assert.Equal("step_done", m.Feed(done with { Id = "again" }).Refusal!.Code);
        Assert.Equal("unknown_step", m.Feed(done with { Id = "x1", StepId = "s9" }).Refusal!.Code);
        Assert.Equal("unknown_plan", m.Feed(done with { Id = "x2", PlanId = "fire" }).Refusal!.Code);
    }

    [Theory]
    [InlineData(9, 0)]   // in time
    [InlineData(11, 1)]  // overdue: due at 10
    [InlineData(25, 1)]  // 15 minutes late: still level 1 (window 10 → at least 15)
    [InlineData(26, 2)]  // more than 15 minutes late
    public void An_overdue_step_escalates_like_an_unacknowledged_alarm(int minutes, int level)
    {
        var step = new StepProgress(FloodSteps[0], T0.AddMinutes(10));
        Assert.Equal(level, step.Escalation(T0.AddMinutes(minutes)));
        Assert.Equal(level > 0 ? StepProgress.Overdue : StepProgress.Pending, step.State(T0.AddMinutes(minutes)));
        Assert.Equal(0, (step with { DoneAt = T0.AddMinutes(30) }).Escalation(T0.AddMinutes(60)));
    }

    [Fact]
    public void The_checklist_survives_the_board_state_round_trip_and_a_clone_is_independent()
    {
        var m = NewModel();
        m.Feed(Open(T0));
        m.Feed(Activate(T0));
        var clone = m.Board.Clone();
        m.Feed(Order("o1", "fire-01", "fire", T0.AddMinutes(1)));
        m.Feed(Order("o2", "fire-02", "fire", T0.AddMinutes(2)));
        Assert.True(m.Board.Find("i1")!.Plans[0].Find("s2")!.IsDone);
        Assert.False(clone.Find("i1")!.Plans[0].Find("s2")!.IsDone);
        var back = CommandBoard.FromState(System.Text.Json.JsonSerializer.Deserialize<CommandCenter.Model.BoardState>(System.Text.Json.JsonSerializer.Serialize(m.Board.ToState()))!);
        Assert.Equal(["o1", "o2"], back.Find("i1")!.Plans[0].Find("s2")!.Links!);
        Assert.Equal("s1", back.Find("i1")!.Plans[0].Steps[0].Step.Id);
    }
}
