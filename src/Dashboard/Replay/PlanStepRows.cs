using CommandCenter.Command;
using CommandCenter.Events;

namespace CommandCenter.Replay;

/// <summary>
/// The response report's plan steps (预案执行情况): for every plan activated in the replayed range, each step with the
/// minutes from activation to done, and whether it was missed — done after its deadline, or not done by the end of the
/// range with the deadline passed. Folded with the board's own rules, so a step fulfilled by an order counts as live did.
/// </summary>
public static class PlanStepRows
{
    public sealed record Row(string Incident, string IncidentTitle, string Plan, int Version, string PlanName, string Step, string Action, string Title,
        string Role, DateTimeOffset Activated, DateTimeOffset Due, DateTimeOffset? Done, string? DoneBy, IReadOnlyList<string>? Links, bool Missed, bool Drill)
    {
        public double? Minutes => Done is { } d ? Math.Round((d - Activated).TotalMinutes, 1) : null;
    }

    public static List<Row> Build(IReadOnlyList<CountyEvent> events, DateTimeOffset asOf)
    {
        var board = new CommandBoard();
        var latest = new Dictionary<string, IncidentRecord>(StringComparer.Ordinal); // incident → its record as last seen
        foreach (var e in events)
        {
            if (CommandBoard.Handles(e.Type))
            {
                // the log holds only accepted events: a link's alarm was open then
                if (board.Apply(e, _ => true) is not null) continue;
            }
            else if (e.Type == EventType.SupplyOrderChanged) board.Observe(e); // a delivery can do a supplies step
            else continue;
            // every event that moves a checklist names its incident (activation, step done, an order placed, a whistle, a
            // supply order): keep that incident as it is after it
            if (e.IncidentId is { } id && board.Find(id) is { Plans.Count: > 0 } i) latest[id] = i.Clone();
        }
        return latest.Values.OrderBy(i => i.OpenedAt)
            .SelectMany(i => i.Plans.SelectMany(p => p.Steps.Select(s => new Row(i.Id, i.Title, p.PlanId, p.Version, p.Name, s.Step.Id, s.Step.Action,
                s.Step.Title, s.Step.Role, p.ActivatedAt, s.DueAt, s.DoneAt, s.DoneBy, s.Links,
                s.WasLate || (s.DoneAt is null && asOf > s.DueAt), i.DrillId is not null))))
            .ToList();
    }
}
