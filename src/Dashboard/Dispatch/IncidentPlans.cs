using CommandCenter.Accounts;
using CommandCenter.Command;
using CommandCenter.Events;
using CommandCenter.Live;
using CommandCenter.Model;
using CommandCenter.Plans;

namespace CommandCenter.Dispatch;

/// <summary>
/// Response plans (预案) on an incident, from the console: which plans match it (the kinds of its linked alarms and of
/// the warnings up in its grid, at its level), activating one — the version's steps travel in the plan_activated event,
/// so the incident keeps that version whatever the admin edits later — and marking a step done.
/// </summary>
public static class IncidentPlans
{
    public sealed record PlanSummary(string Id, int Version, string Name, IReadOnlyList<string> AlarmKinds, IReadOnlyList<int> Levels, int Steps);
    public sealed record Proposals(IReadOnlyList<string> Kinds, int Level, IReadOnlyList<PlanSummary> Proposed, IReadOnlyList<PlanSummary> Others);
    public sealed record ActivateRequest(string? RequestId, string PlanId, int? Version);
    public sealed record StepDoneRequest(string? RequestId, string? Note);

    /// <summary>A warning's sensor kind → the alarm kind whose plans apply (a rising river gauge or heavy rain: the flood plan).</summary>
    public static readonly IReadOnlyDictionary<string, string> AlarmKindOfSensor = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["water_level"] = "water_level", ["rainfall"] = "water_level", ["gas"] = "gas", ["hydrant_pressure"] = "hydrant",
    };

    /// <summary>What the incident is about: the kinds of its linked alarms still known, and of the warnings up in its grid now.</summary>
    public static IReadOnlyList<string> KindsOf(CountyModel m, IncidentRecord i, DateTimeOffset now)
    {
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var a in i.Alarms)
            if (m.GridOfAlarm(a) is { } g && m.FindGrid(g)?.FindAlarm(a) is { } alarm) kinds.Add(alarm.Kind);
        if (i.GridCode is { Length: > 0 } grid && m.FindGrid(grid) is { } state)
            foreach (var w in state.WarningsAt(now))
                if (AlarmKindOfSensor.TryGetValue(w.SensorKind, out var k)) kinds.Add(k);
        return [.. kinds];
    }

    private sealed record Found(IReadOnlyList<string> Kinds, int Level, HashSet<string> Active);

    public static void MapIncidentPlans(RouteGroupBuilder api, RouteGroupBuilder coord)
    {
        api.MapGet("/incidents/{id}/plans", async (string id, ILiveCounty silo, IPlanLibrary library, TimeProvider time, ConsoleText text, CancellationToken ct) =>
        {
            var found = await silo.ReadAsync(m => m.Board.Find(id) is { } i
                ? new Found(KindsOf(m, i, time.GetUtcNow()), i.Level, i.Plans.Select(p => p.PlanId).ToHashSet(StringComparer.Ordinal)) : null, ct);
            if (found is not ({ } kinds, var level, { } active))
                return Results.Json(new { status = "unknown", code = "unknown_incident", error = text.Render("unknown_incident", new Dictionary<string, string> { ["id"] = id }, $"incident {id} is not known") }, statusCode: 404);
            var current = library.Current().Where(p => !active.Contains(p.Id)).ToList();
            var proposed = library.Matching(kinds, level).Where(p => !active.Contains(p.Id)).Select(p => p.Id).ToHashSet();
            PlanSummary Summary(PlanDefinition p) => new(p.Id, p.Version, p.Name, p.AlarmKinds, p.Levels, p.Steps.Count);
            return Results.Ok(new Proposals(kinds, level,
                current.Where(p => proposed.Contains(p.Id)).Select(Summary).ToList(),
                current.Where(p => !proposed.Contains(p.Id)).OrderBy(p => p.Name, StringComparer.Ordinal).Select(Summary).ToList()));
        }).RequireAuthorization(Roles.CanViewConsole);

        coord.MapPost("/incidents/{id}/plans", (string id, ActivateRequest body, HttpContext http, ConsoleAction action, IPlanLibrary library, ConsoleText text) =>
        {
            if (body.PlanId is not { Length: > 0 and <= ConsoleEndpoints.IdMax }) return Task.FromResult(text.Invalid("planId", "required", "planId is required"));
            if (body.Version is < 1) return Task.FromResult(text.Invalid("version", "invalid_number", "version: 1 or more"));
            // no version: the latest, which must not be retired; a version named: exactly that one (e.g. from a proposal a moment ago)
            if (library.Find(body.PlanId, body.Version) is not { } plan)
                return Task.FromResult(text.Invalid(body.Version is null ? "planId" : "version", "unknown_plan_version", $"plan {body.PlanId} has no such version"));
            if (plan.Retired || (body.Version is null && library.Find(body.PlanId)?.Retired == true))
                return action.RefuseAsync(http, "activate_plan", id, "plan_retired", $"plan {plan.Id} is retired", new Dictionary<string, string> { ["id"] = plan.Id });
            return action.RunOneAsync(http, body.RequestId, "activate_plan", id, EventType.PlanActivated, e => e with
            {
                IncidentId = id, PlanId = plan.Id, PlanVersion = plan.Version, Title = plan.Name, PlanSteps = plan.Steps,
            });
        });

        coord.MapPost("/incidents/{id}/plans/{planId}/steps/{stepId}/done", (string id, string planId, string stepId, StepDoneRequest body, HttpContext http,
            ConsoleAction action, ConsoleText text) =>
            body.Note is { Length: > ConsoleEndpoints.NoteMax }
                ? Task.FromResult(text.Invalid("note", "too_long", $"note: at most {ConsoleEndpoints.NoteMax} characters", ConsoleEndpoints.NoteMax))
                : action.RunOneAsync(http, body.RequestId, "plan_step_done", id, EventType.PlanStepDone, e => e with
                {
                    IncidentId = id, PlanId = planId, StepId = stepId, Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(),
                }));
    }
}
