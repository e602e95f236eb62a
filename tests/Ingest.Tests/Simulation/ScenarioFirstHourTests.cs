using CommandCenter.Events;
using Xunit.Abstractions;

namespace CommandCenter.Ingest.Tests.Simulation;

/// <summary>
/// Issue 14 item 5: the demo must show real 按期处置率 and 结案率 within its first minutes — cases closed (whose
/// on-time status is then known) — at the demo's own rates (appsettings: 6 events/s, 6 % case events).
/// </summary>
public sealed class ScenarioFirstHourTests(ITestOutputHelper output)
{
    [Fact]
    public void Cases_close_within_the_first_simulated_quarter_hour_and_keep_closing_through_the_hour()
    {
        var options = TestCounty.Options(eventsPerSecond: 6);
        options.AlarmShare = 0.02;
        options.CaseShare = 0.06;
        var start = TestCounty.BeijingNoon;
        var events = TestCounty.Run(TestCounty.Scenario(options), start, TimeSpan.FromHours(1));

        var cases = events.Where(e => e.Type == EventType.CaseChanged && e.DrillId is null).ToList();
        var reported = cases.Where(e => e.CaseState == CaseState.Reported).ToDictionary(e => e.CaseId!);
        var closed = cases.Where(e => e.CaseState == CaseState.Closed).ToList();
        var firstClose = closed.Count == 0 ? (TimeSpan?)null : closed.Min(e => e.OccurredAt) - start;
        // 按期处置率 counts the cases whose on-time status is known: closed (on time or late) or open past their deadline
        var open = reported.Keys.Except(cases.Where(e => e.CaseState is CaseState.Closed or CaseState.Rejected).Select(e => e.CaseId!)).ToList();
        var overdue = open.Count(id => reported[id].OccurredAt + CaseCategories.DeadlineOf(reported[id].Category) <= start.AddHours(1));
        var closedAt15 = closed.Count(e => e.OccurredAt <= start.AddMinutes(15));
        output.WriteLine($"reported {reported.Count}, closed {closed.Count} ({closedAt15} within 15 min, first after {firstClose}), open past deadline {overdue}");

        Assert.True(closed.Count + overdue >= 20, $"only {closed.Count} closed and {overdue} overdue cases in the first hour: the rates have little to count");
        Assert.True(closedAt15 >= 3, $"only {closedAt15} cases closed in the first 15 minutes (the first after {firstClose}): the demo would show '—' for a quarter of an hour");
    }
}
