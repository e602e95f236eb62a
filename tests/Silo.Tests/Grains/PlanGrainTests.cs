using CommandCenter.Events;
using CommandCenter.Grains;
using CommandCenter.Ingest;
using CommandCenter.Plans;
using CommandCenter.TestSupport;
using static CommandCenter.Silo.Tests.TestCounty;

namespace CommandCenter.Silo.Tests.Grains;

/// <summary>
/// A plan activated on an incident through the board grain is stored with its steps: after the cluster restarts, the
/// board rebuilt from the log alone has the same checklist (version, steps, what fulfilled them, who).
/// </summary>
public sealed class PlanGrainTests
{
    [Fact]
    public async Task A_plan_checklist_is_rebuilt_from_the_log_after_a_restart()
    {
        await using var server = await InfluxServer.StartAsync();
        var influx = await server.CreateClientAsync("grains_plans");
        var time = new ManualTime(T0.AddMinutes(30));
        PlanStep[] steps =
        [
            new() { Id = "s1", Action = PlanActions.Dispatch, Title = "调派消防车 1 辆", WithinMinutes = 15, Role = "指挥长", UnitKind = "fire", Count = 1 },
            new() { Id = "s2", Action = PlanActions.Shelter, Title = "开放\"滨江\"避难场所，\\ 备用", WithinMinutes = 60, Role = "街道应急办", Poi = "poi-service-01" },
        ];
        CountyEvent Board(EventType t, int minute) => Event(t, "", T0.AddMinutes(minute)) with { IncidentId = "I-1", Actor = "调度员-王" };
        await using (var cluster = await CountyCluster.StartAsync(influx, time))
        {
            var answers = await cluster.Pipeline.SubmitAsync(
            [
                Board(EventType.IncidentOpened, 0) with { Title = "高层火灾", Severity = 2 },
                Board(EventType.PlanActivated, 1) with { PlanId = "fire-highrise", PlanVersion = 2, Title = "高层建筑火灾预案", PlanSteps = steps },
                Board(EventType.OrderChanged, 2) with { OrderId = "O-1", UnitId = "poi-fire-01-1", UnitKind = "fire", OrderState = OrderState.Ordered },
                Board(EventType.PlanStepDone, 3) with { PlanId = "fire-highrise", StepId = "s2", Note = "已开放" },
            ]);
            Assert.All(answers, a => Assert.Equal(IngestStatus.Accepted, a.Status));
        }
        await using var restarted = await CountyCluster.StartAsync(influx, time);
        var plan = Assert.Single((await restarted.Grains.GetGrain<ICommandBoardGrain>(County).Capture()).Value.Open.Single().Plans);
        Assert.Equal(("fire-highrise", 2, "高层建筑火灾预案"), (plan.PlanId, plan.Version, plan.Name));
        Assert.Equal(steps, plan.Steps.Select(s => s.Step));
        Assert.Equal((T0.AddMinutes(2), "调度员-王"), (plan.Steps[0].DoneAt, plan.Steps[0].DoneBy));
        Assert.Equal(["O-1"], plan.Steps[0].Links!);
        Assert.Equal("已开放", plan.Steps[1].Note);
    }
}
