using CommandCenter.Accounts;
using CommandCenter.Audit;
using CommandCenter.Hosting;

namespace CommandCenter.Plans;

/// <summary>
/// The plan library over HTTP: the console roles read plans (current, one version, history, the plans matching an alarm);
/// an admin saves a plan as its next version (422 naming the field, 409 when another version was saved meanwhile) or
/// retires it.
/// </summary>
public static class PlanEndpoints
{
    /// <summary>A plan as the editor sends it: no version (the library numbers it), the version it started from (0: a new plan).</summary>
    public sealed record SavePlan(string Name, IReadOnlyList<string> AlarmKinds, IReadOnlyList<int> Levels, IReadOnlyList<PlanStep> Steps, int ExpectedVersion);

    public static void MapPlans(this WebApplication web)
    {
        var read = web.MapGroup("/api/v1/plans").AddEndpointFilterFactory(RequestChecks.Factory).RequireAuthorization(Roles.CanViewConsole);
        read.MapGet("", (IPlanLibrary plans, bool? retired) => retired == true ? plans.All() : plans.Current());
        read.MapGet("/match", (IPlanLibrary plans, string? kinds, int? level) =>
        {
            var list = (kinds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (list.Length == 0) return RequestChecks.Refuse("kinds", "kinds is required: alarm kinds separated by commas (water_level,gas)");
            if (level is not (>= 1 and <= 4)) return RequestChecks.Refuse("level", "level is 1–4 (I–IV)");
            return Results.Ok(plans.Matching(list, level.Value));
        });
        read.MapGet("/{id}", (string id, IPlanLibrary plans) => plans.Find(id) is { } plan ? Results.Ok(plan) : NoPlan(id));
        read.MapGet("/{id}/history", (string id, IPlanLibrary plans) => plans.History(id) is { Count: > 0 } versions ? Results.Ok(versions) : NoPlan(id));
        read.MapGet("/{id}/versions/{version:int}", (string id, int version, IPlanLibrary plans) =>
            plans.Find(id, version) is { } plan ? Results.Ok(plan) : NoPlan(id, version));

        // the body is checked by the plan validator (every field, named), not by RequestChecks: a plan's name may be 200 characters
        var admin = web.MapGroup("/api/v1/plans").RequireAuthorization(Roles.CanAdminister).AddEndpointFilter<CsrfFilter>();
        admin.MapPut("/{id}", async (string id, SavePlan body, HttpContext http, IPlanLibrary plans, AuditLog audit) =>
        {
            var plan = new PlanDefinition { Id = id, Version = 0, Name = body.Name, AlarmKinds = body.AlarmKinds, Levels = body.Levels, Steps = body.Steps };
            var outcome = await plans.SaveAsync(plan, By(http), body.ExpectedVersion, http.RequestAborted);
            await audit.RecordAsync(http, "save_plan", Outcome(outcome), Target(id), Detail(outcome));
            return Answer(outcome);
        });
        admin.MapDelete("/{id}", async (string id, int? expectedVersion, HttpContext http, IPlanLibrary plans, AuditLog audit) =>
        {
            var outcome = await plans.RetireAsync(id, By(http), expectedVersion, http.RequestAborted);
            await audit.RecordAsync(http, "retire_plan", Outcome(outcome), Target(id), Detail(outcome));
            return Answer(outcome);
        });
    }

    private static IResult Answer(PlanSave outcome) => outcome switch
    {
        PlanSave.Saved s => Results.Ok(s.Plan),
        PlanSave.Invalid i => Results.ValidationProblem(
            i.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: i.Errors[0].Message, statusCode: 422, title: "the plan is not valid",
            extensions: new Dictionary<string, object?> { ["field"] = i.Errors[0].Field, ["error"] = i.Errors[0].Message }),
        PlanSave.Stale st => Results.Problem(statusCode: 409, title: "the plan was saved meanwhile",
            detail: $"version {st.CurrentVersion} was saved after the one you edited: reload it and make your change again",
            extensions: new Dictionary<string, object?> { ["field"] = "expectedVersion", ["currentVersion"] = st.CurrentVersion, ["error"] = $"version {st.CurrentVersion} was saved meanwhile" }),
        PlanSave.NotFound n => NoPlan(n.Id),
        _ => throw new InvalidOperationException(outcome.ToString()),
    };

    private static IResult NoPlan(string id, int? version = null) => Results.Problem(statusCode: 404,
        title: version is null ? $"no plan {id}" : $"no version {version} of plan {id}",
        extensions: new Dictionary<string, object?> { ["field"] = version is null ? "id" : "version" });

    private static string By(HttpContext http) => http.User.DisplayName(); // as console actions name their actor

    private static string Outcome(PlanSave outcome) => outcome switch
    {
        PlanSave.Saved => "ok", PlanSave.Stale => "conflict", PlanSave.NotFound => "unknown", _ => "refused",
    };

    private static string Target(string id) => id.Length <= 64 ? id : id[..64];

    private static string? Detail(PlanSave outcome) => outcome switch
    {
        PlanSave.Saved s => $"v{s.Plan.Version}{(s.Plan.Retired ? " retired" : "")}",
        PlanSave.Stale st => $"v{st.CurrentVersion} saved meanwhile",
        PlanSave.Invalid i => string.Join("; ", i.Errors.Take(3).Select(e => $"{e.Field}: {e.Message}")),
        _ => null,
    };
}
