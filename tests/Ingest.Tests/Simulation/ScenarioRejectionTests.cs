using CommandCenter.Events;
using CommandCenter.Simulation;

namespace CommandCenter.Ingest.Tests.Simulation;

/// <summary>When the server rejects an event, the scenario stops that entity's follow-ups.</summary>
public sealed class ScenarioRejectionTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);

    [Fact]
    public void A_rejected_alarm_raise_gets_no_acknowledgement_or_clear()
    {
        var (scenario, t, batch, victim) = RunUntil(e => e.Type == EventType.AlarmRaised && e.DrillId is null);
        var open = scenario.OpenAlarms;
        scenario.OnResults(batch, Reject(batch, victim));
        Assert.Equal(open - 1, scenario.OpenAlarms);

        var later = TestCounty.Run(scenario, t + Step, TimeSpan.FromHours(4), Step);
        Assert.DoesNotContain(later, e => e.AlarmId == victim.AlarmId);
        Assert.Contains(later, e => e.Type == EventType.AlarmAcknowledged); // the others go on
        Assert.Equal(1, scenario.Rejected);
    }

    [Fact]
    public void A_rejected_case_move_ends_the_case()
    {
        var (scenario, t, batch, victim) = RunUntil(e => e.CaseState == CaseState.Accepted && e.DrillId is null);
        scenario.OnResults(batch, Reject(batch, victim));

        var later = TestCounty.Run(scenario, t + Step, TimeSpan.FromHours(8), Step);
        Assert.DoesNotContain(later, e => e.CaseId == victim.CaseId);
        Assert.Contains(later, e => e.CaseState == CaseState.Dispatched);
    }

    [Fact]
    public void A_rejected_case_report_gets_no_further_moves()
    {
        var (scenario, t, batch, victim) = RunUntil(e => e.CaseState == CaseState.Reported && e.DrillId is null);
        scenario.OnResults(batch, Reject(batch, victim));
        var later = TestCounty.Run(scenario, t + Step, TimeSpan.FromHours(8), Step);
        Assert.DoesNotContain(later, e => e.CaseId == victim.CaseId);
    }

    [Fact]
    public void A_worker_whose_check_in_is_rejected_checks_in_no_more()
    {
        var (scenario, t, batch, victim) = RunUntil(e => e.Type == EventType.PatrolCheckIn);
        scenario.OnResults(batch, Reject(batch, victim));
        var later = TestCounty.Run(scenario, t + Step, TimeSpan.FromHours(26), TimeSpan.FromSeconds(10)); // through both shift changes
        Assert.DoesNotContain(later, e => e.WorkerId == victim.WorkerId);
        Assert.Equal(1, scenario.RetiredWorkers);
    }

    [Fact]
    public void A_rejected_drill_start_stops_the_drill_but_not_the_next_one()
    {
        var options = TestCounty.Options(20);
        options.DrillEveryHours = 1;
        var (scenario, t, batch, victim) = RunUntil(e => e.Type == EventType.DrillStarted, options);
        scenario.OnResults(batch, Reject(batch, victim));
        var later = TestCounty.Run(scenario, t + Step, TimeSpan.FromHours(1.5), Step);
        Assert.DoesNotContain(later, e => e.DrillId == victim.DrillId);
        Assert.Single(later, e => e.Type == EventType.DrillStarted);
    }

    [Fact]
    public void Accepted_and_duplicate_results_change_nothing()
    {
        var a = TestCounty.Scenario(TestCounty.Options(20));
        var b = TestCounty.Scenario(TestCounty.Options(20));
        var start = TestCounty.BeijingNoon;
        for (var t = start; t < start.AddHours(1); t += Step)
        {
            var batch = a.Step(t);
            Assert.Equal(batch.Select(e => e.Id), b.Step(t).Select(e => e.Id));
            var results = batch.Select((e, i) => new IngestResult(i, e.Id, i % 2 == 0 ? IngestStatus.Accepted : IngestStatus.Duplicate)).ToList();
            a.OnResults(batch, new IngestResponse(batch.Count - batch.Count / 2, batch.Count / 2, 0, 0, results));
        }
        Assert.Equal(0, a.Rejected);
    }

    /// <summary>Steps until an event matching <paramref name="match"/> comes out; returns that step's batch.</summary>
    private static (CountyScenario, DateTimeOffset, IReadOnlyList<WireEvent>, WireEvent) RunUntil(Func<WireEvent, bool> match, SimulatorOptions? options = null)
    {
        var scenario = TestCounty.Scenario(options ?? TestCounty.Options(20));
        for (var t = TestCounty.BeijingNoon; ; t += Step)
        {
            var batch = scenario.Step(t);
            if (batch.FirstOrDefault(match) is { } victim) return (scenario, t, batch, victim);
        }
    }

    private static IngestResponse Reject(IReadOnlyList<WireEvent> batch, WireEvent victim)
    {
        var results = batch.Select((e, i) => ReferenceEquals(e, victim)
            ? new IngestResult(i, e.Id, IngestStatus.Rejected, "test says no")
            : new IngestResult(i, e.Id, IngestStatus.Accepted)).ToList();
        return new IngestResponse(batch.Count - 1, 0, 1, 0, results);
    }
}
