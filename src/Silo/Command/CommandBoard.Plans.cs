using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Plans;

namespace CommandCenter.Command;

/// <summary>
/// Response plans on incidents (预案): activating one puts its checklist on the incident; a step is done when a person
/// marks it (plan_step_done) or when the board sees what it asks for happen on the incident — enough orders of the unit
/// kind, a whistle that summons the department, enough of the item delivered by supply orders. Deterministic: from the events alone.
/// </summary>
public sealed partial class CommandBoard
{
    private Refusal? ActivatePlan(CountyEvent e) => WithIncident(e, i =>
    {
        if (i.Plans.Any(p => p.PlanId == e.PlanId))
            return new Refusal("plan_active", $"plan {e.PlanId} is already active on incident {i.Id}",
                new Dictionary<string, string> { ["id"] = e.PlanId!, ["incident"] = i.Id });
        var plan = new ActivePlan(e.PlanId!, e.PlanVersion ?? 1, e.Title ?? e.PlanId!, e.OccurredAt, e.Actor ?? e.Source)
        {
            Steps = [.. (e.PlanSteps ?? []).Select(s => new StepProgress(s, e.OccurredAt.AddMinutes(s.WithinMinutes)))],
        };
        i.Plans.Add(plan);
        i.Add(Entry(e, TimelineKinds.PlanActivated) with { Subject = plan.PlanId, Text = plan.Name, To = Count(plan.Version) });
        // what already happened on the incident counts: units sent before the plan was chosen fulfil its dispatch steps
        Fulfil(i, e, _ => true);
        return null;
    });

    private Refusal? CompleteStep(CountyEvent e) => WithIncident(e, i =>
    {
        var k = i.Plans.FindIndex(p => p.PlanId == e.PlanId);
        if (k < 0) return Refusal.About("unknown_plan", e.PlanId!, $"plan {e.PlanId} is not active on incident {i.Id}");
        if (i.Plans[k].Find(e.StepId!) is not { } step) return Refusal.About("unknown_step", e.StepId!, $"plan {e.PlanId} has no step {e.StepId}");
        if (step.DoneAt is { } at)
            return new Refusal("step_done", $"step {e.StepId} was done at {at:O} by {step.DoneBy}",
                new Dictionary<string, string> { ["id"] = e.StepId!, ["at"] = $"{at:O}", ["by"] = step.DoneBy ?? "" });
        MarkDone(i, k, step, e, links: null, note: e.Note);
        return null;
    });

    /// <summary>Marks done the open steps of the incident's plans that what happened now fulfils (orders, whistles, supplies).</summary>
    private void Fulfil(IncidentRecord i, CountyEvent e, Func<StepProgress, bool> concerned)
    {
        for (var k = 0; k < i.Plans.Count; k++)
            foreach (var step in i.Plans[k].Steps.Where(s => !s.IsDone && concerned(s)).ToList())
                if (Fulfilment(i, step.Step) is { Count: > 0 } links) MarkDone(i, k, step, e, links, note: null);
    }

    /// <summary>What on the incident fulfils the step (order, whistle or supply order ids), or null while it is not fulfilled.</summary>
    private List<string>? Fulfilment(IncidentRecord i, PlanStep step)
    {
        switch (step.Action)
        {
            case PlanActions.Dispatch:
                var sent = i.Orders.Values.Where(o => o.UnitKind == step.UnitKind && o.State != OrderState.Cancelled)
                    .OrderBy(o => o.OrderedAt).Select(o => o.Id).ToList();
                return sent.Count >= (step.Count ?? 1) ? sent : null;
            case PlanActions.Notify:
                var whistles = _whistles.Values.Where(w => w.IncidentId == i.Id && w.Departments.Contains(step.Department ?? ""))
                    .OrderBy(w => w.BlownAt).Select(w => w.Id).ToList();
                return whistles.Count > 0 ? whistles : null;
            case PlanActions.Supplies:
                // 物资到位: what was delivered for the incident, not only ordered
                var delivered = i.Supplies.Values.Where(o => o.Item == step.Item && o.State == OrderState.Done).OrderBy(o => o.DeliveredAt).ToList();
                return delivered.Sum(o => o.Quantity - o.Returned) >= (step.Quantity ?? 1) ? [.. delivered.Select(o => o.Id)] : null;
            default:
                return null; // shelter, warn: a person marks them done
        }
    }

    private static void MarkDone(IncidentRecord i, int plan, StepProgress step, CountyEvent e, IReadOnlyList<string>? links, string? note)
    {
        var done = step with { DoneAt = e.OccurredAt, DoneBy = e.Actor ?? e.Source, Links = links, Note = note };
        i.Plans[plan] = i.Plans[plan].With(done);
        i.Add(Entry(e, TimelineKinds.PlanStep) with
        {
            Subject = step.Step.Id, Text = step.Step.Title, Items = links,
            To = done.WasLate ? "late" : StepProgress.Done,
        });
    }
}
