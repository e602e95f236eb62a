using CommandCenter.Dispatch;
using CommandCenter.Ingest;
using CommandCenter.Wall;

namespace CommandCenter.ApiDocs;

/// <summary>
/// The words of the OpenAPI document: per operation (method and route as mapped) its group, summary, description
/// and, where the handler returns an untyped result, the body it answers with. Kept in one table beside the
/// endpoints rather than as attributes on them, so the handlers stay one screen each; an operation missing here is
/// still documented (path, parameters, request body), only without words.
/// </summary>
public static class ApiCatalogue
{
    public sealed record Entry(string Tag, string Summary, string? Description = null, Type? Answer = null, int[]? Statuses = null);

    public const string Console = "console", Ingest = "ingest", State = "state", Replay = "replay", Admin = "admin", Health = "health";

    private const string ActionAnswer = "Answers `{status, target, error, code, extra}`: 200 `ok` (or `duplicate`: this request id was done " +
        "before, nothing done again), 404 `unknown` (no such alarm/incident/order/whistle/case), 409 `conflict` (refused by the state " +
        "machine, e.g. already acknowledged by someone else: `error` names who), 503 `failed` (not stored; retry with the same request id). " +
        "Needs the `X-CSRF-TOKEN` header from the page's `csrf-token` meta tag and the sign-in cookie. `requestId` makes a retry or a " +
        "double click do the work once.";

    private static readonly int[] ActionStatuses = [200, 404, 409, 422, 503];

    public static readonly IReadOnlyDictionary<string, Entry> Operations = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase)
    {
        // the dispatch console: duty officers acknowledge, coordinators do everything, leaders look
        ["GET api/v1/console/alarms"] = new(Console, "The alarm queue",
            "Open alarms, unacknowledged first, with severity (1–4 = I–IV), grid, kind, raised time and who acknowledged. Duty, coordinator, leader.",
            typeof(List<WallAlarm>)),
        ["GET api/v1/console/board"] = new(Console, "The command board: incidents with their orders, linked cases, and whistles with report-ins",
            "Order states: `ordered` → `acknowledged` → `en_route` → `on_scene` → `done` (or `cancelled`), each with its deadline. " +
            "Duty, coordinator, leader.", typeof(BoardView)),
        ["GET api/v1/console/units"] = new(Console, "Nearest available units",
            "Units (grid workers, police, fire, medical, depots…) nearest to `lon`/`lat` or to an incident's grid, with distance, ETA and " +
            "the incident a unit is busy on; `take` 1–200 (default 25). 422 without a location.", typeof(List<UnitCatalogue.Candidate>), [200, 422]),
        ["POST api/v1/console/alarms/{alarmId}/acknowledge"] = new(Console, "Acknowledge an alarm (duty officer, coordinator)",
            "Stops the alarm's escalation timer. Two officers on one alarm: one wins, the other gets 409 naming the winner. " + ActionAnswer,
            typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/incidents"] = new(Console, "Open an incident",
            "Title, level 1–4, optional grid, commander, streets (scope) and alarms to link. `extra.incidentId` is the new id. " + ActionAnswer,
            typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/incidents/{id}/update"] = new(Console, "Adjust the response (调整响应): level, commander, scope or title",
            ActionAnswer, typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/incidents/{id}/link"] = new(Console, "Link an alarm or a case to an incident", ActionAnswer, typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/incidents/{id}/note"] = new(Console, "Add a note to an incident's timeline", ActionAnswer, typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/incidents/{id}/close"] = new(Console, "Close an incident with a summary", ActionAnswer, typeof(ConsoleAnswer), ActionStatuses),
        ["GET api/v1/console/incidents/{id}/plans"] = new(Console, "The response plans (预案) for an incident",
            "`kinds`: the alarm kinds the incident concerns (its linked alarms', and the warnings up in its grid: a river gauge or rain " +
            "gauge → `water_level`, gas → `gas`); `level`; `proposed`: current plans for those kinds at that level; `others`: the other " +
            "current plans. Plans already active on the incident are left out. 404 for an unknown incident. Duty, coordinator, leader.",
            typeof(IncidentPlans.Proposals), [200, 404]),
        ["POST api/v1/console/incidents/{id}/plans"] = new(Console, "Activate a response plan on an incident (启动预案)",
            "`planId`, optionally `version` (default: the latest, refused when retired). The version's steps become the incident's " +
            "checklist; later edits of the plan do not change it. 409 `plan_active` when it is already active. " + ActionAnswer,
            typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/incidents/{id}/plans/{planId}/steps/{stepId}/done"] = new(Console, "Mark a plan step done (a person did it)",
            "For steps nobody's order or whistle does by itself (open a shelter, issue a warning) or done another way; `note` optional. " +
            "409 `step_done` (with who and when) when it already is. " + ActionAnswer, typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/incidents/{id}/orders"] = new(Console, "Dispatch units to an incident",
            "One order per unit, state `ordered`, optionally due on scene within `onSceneWithinMinutes`. `extra.orders` lists the order ids. " +
            ActionAnswer, typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/orders/{orderId}/state"] = new(Console, "Move an order",
            "`state`: one step along `ordered` → `acknowledged` → `en_route` → `on_scene` → `done`, or `cancelled` at any point " +
            "before `done`; any other move is 409. " +
            ActionAnswer, typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/whistles"] = new(Console, "Blow the whistle (街乡吹哨): summon departments to a street",
            "Departments must report in (acknowledge, then arrive) within `deadlineMinutes` (default 30). `extra.whistleId` is the new id. " +
            ActionAnswer, typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/whistles/{id}/report-in"] = new(Console, "A department reports in (部门报到)",
            "`state`: `acknowledged` or `arrived`. " + ActionAnswer, typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/cases/{caseId}/state"] = new(Console, "Move a case",
            "`state`: `accepted` → `dispatched` → `in_progress` → `handled` → `verified` → `closed`, or `rejected`/`returned`. " + ActionAnswer,
            typeof(ConsoleAnswer), ActionStatuses),

        ["GET api/v1/console/supplies"] = new(Console, "Supply reserves (应急物资): the county's stock by item, each depot's, what is below minimum",
            "Per item on hand, reserved (promised to supply orders not yet delivered), available and minimum; each depot's active supply orders."),
        ["GET api/v1/console/depots"] = new(Console, "The supply depots nearest an incident or a place that have enough of an item",
            "`incident` or `lon`+`lat`; optional `item` and `quantity` (default 1): only depots with at least that much available; `take` 1–100."),
        ["POST api/v1/console/incidents/{id}/supplies"] = new(Console, "Order supplies for an incident from one depot",
            "`depotId`, `item`, `quantity`: reserves the stock (`extra.orderId`). Less available than asked: 409 `insufficient_stock` with " +
            "`args.available`. " + ActionAnswer, typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/supplies/{orderId}/state"] = new(Console, "Move a supply order",
            "`state`: `en_route`, then `done` (delivered: taken off the shelf), or `cancelled` before delivery (released). " + ActionAnswer,
            typeof(ConsoleAnswer), ActionStatuses),
        ["POST api/v1/console/depots/{depotId}/stock"] = new(Console, "Record a depot's stock: count, restock, minimum or return",
            "`item`, `change` (`counted` sets on hand, `restocked` adds, `minimum` sets the minimum level, `returned` adds back goods of a " +
            "delivered supply order named by `orderId`), `quantity`. " + ActionAnswer, typeof(ConsoleAnswer), ActionStatuses),

        ["POST api/v1/events"] = new(Ingest, "Post events from an outside system",
            "Header `X-Api-Key` (one key per source). Body `{\"events\":[…]}`, at most 5,000. Each event: `id` (idempotency key, unique per " +
            "source), `type`, `occurredAt`, `gridCode` or `lon`+`lat`, and per type its fields. The answer lists per event `accepted` (stored), " +
            "`duplicate`, `rejected` (with the reason) or `failed` (not stored: retry; the answer is then 503). 401 without a valid key, 400 for " +
            "malformed JSON, 413 for more than 5,000 events.", typeof(IngestResponse), [200, 400, 401, 413, 503]),

        ["GET api/v1/trends"] = new(State, "The county's figures over time",
            "Open alarms, open cases, overdue cases and workers on duty per 10 minutes (per hour beyond 24 h); `hours` 1–168, default 24."),
        ["GET api/v1/sensors/{id}/readings"] = new(State, "A sensor's readings (风险预警 chart)",
            "`grid` (the sensor's grid code, required), `hours` 1–168, default 24: the last reading of each 5 minutes from the event log."),
        ["GET api/v1/county"] = new(State, "The county's live figures"),
        ["GET api/v1/areas/{code}"] = new(State, "A street's, community's or grid's live figures"),
        ["GET api/v1/grids"] = new(State, "Every grid's live status"),
        ["GET api/v1/grids/{code}"] = new(State, "One grid's card"),
        ["GET api/v1/geo/{level}"] = new(State, "Boundaries as GeoJSON", "`level`: county, streets, communities, grids or pois."),
        ["GET api/v1/capture"] = new(Replay, "The live state at one exact moment (what replay must reproduce)"),

        ["POST api/v1/replay"] = new(Replay, "Open a replay of a time range", "Body `{from, to[, snapshots:false]}`; answers the session id. " +
            "The state at `from` starts from the newest stored snapshot before it."),
        ["GET api/v1/replay/{id}"] = new(Replay, "A replay session's loading progress"),
        ["GET api/v1/replay/{id}/frame"] = new(Replay, "The map at a moment", "`at`; `full=true` for everything; `since` = the last frame's " +
            "`number` for only what changed."),
        ["GET api/v1/replay/{id}/histogram"] = new(Replay, "Events per time bucket over the range"),
        ["GET api/v1/replay/{id}/step"] = new(Replay, "The next or previous event from a moment", "`dir`: `next` or `prev`."),
        ["GET api/v1/replay/{id}/events"] = new(Replay, "The events around a moment"),
        ["GET api/v1/replay/{id}/report"] = new(Replay, "The response report: times to acknowledge, arrive and close, per street"),
        ["GET api/v1/replay/{id}/report.csv"] = new(Replay, "The response report as CSV", "`kind`: timeline, alarms, cases, streets, incidents (with the supplies ordered and delivered), orders or report-ins."),
        ["GET api/v1/replay/incidents"] = new(Replay, "Incidents opened in a range (to replay one)"),

        ["GET api/v1/admin/users"] = new(Admin, "Accounts"),
        ["POST api/v1/admin/users"] = new(Admin, "Add or edit an account"),
        ["POST api/v1/admin/users/{userName}/unlock"] = new(Admin, "Unlock an account locked after wrong passwords"),
        ["DELETE api/v1/admin/users/{userName}"] = new(Admin, "Remove an account (not your own, never the last admin)"),
        ["GET api/v1/admin/api-keys"] = new(Admin, "Ingest sources and how many keys each has"),
        ["POST api/v1/admin/api-keys"] = new(Admin, "Issue an ingest API key for a source (shown once)"),
        ["DELETE api/v1/admin/api-keys/{source}"] = new(Admin, "Revoke a source's keys"),
        ["GET api/v1/plans"] = new(Console, "Response plans (预案): the latest version of each current plan",
            "`retired=true` adds retired plans (their latest version, `retired: true`). Each plan: id, version, name, alarm kinds, levels " +
            "(1–4 = I–IV), steps (action `notify|dispatch|shelter|warn|supplies` with its fields, `withinMinutes` after activation, role), " +
            "saved at / by. Duty, coordinator, leader, admin.", typeof(List<CommandCenter.Plans.PlanDefinition>)),
        ["GET api/v1/plans/match"] = new(Console, "The current plans that apply to an alarm",
            "`kinds`: alarm kinds separated by commas (`water_level,gas`), `level` 1–4: plans naming any of the kinds and the level. " +
            "400 naming `kinds` or `level`.", typeof(List<CommandCenter.Plans.PlanDefinition>), [200, 400]),
        ["GET api/v1/plans/{id}"] = new(Console, "A plan's latest version (retired or not)", null, typeof(CommandCenter.Plans.PlanDefinition), [200, 404]),
        ["GET api/v1/plans/{id}/history"] = new(Console, "Every version of a plan, oldest first", null, typeof(List<CommandCenter.Plans.PlanDefinition>), [200, 404]),
        ["GET api/v1/plans/{id}/versions/{version}"] = new(Console, "One version of a plan (an incident keeps the version it activated)",
            null, typeof(CommandCenter.Plans.PlanDefinition), [200, 404]),
        ["PUT api/v1/plans/{id}"] = new(Admin, "Save a plan as its next version (admin)",
            "Body: the plan without its version, plus `expectedVersion` (the version edited; 0 for a new plan). 422 ProblemDetails " +
            "with `errors` by field and `field` naming the first (`steps[2].unitKind`); 409 with `currentVersion` when another version " +
            "was saved meanwhile (nothing written). Needs the `X-CSRF-TOKEN` header.", typeof(CommandCenter.Plans.PlanDefinition), [200, 409, 422]),
        ["DELETE api/v1/plans/{id}"] = new(Admin, "Retire a plan (admin): a version marked retired, history kept, no longer proposed",
            "Optional `expectedVersion` (409 when another version was saved meanwhile). Needs the `X-CSRF-TOKEN` header.",
            typeof(CommandCenter.Plans.PlanDefinition), [200, 404, 409]),
        ["GET api/v1/admin/geography"] = new(Admin, "The running geography and any import waiting for the next start"),
        ["GET api/v1/admin/geography/export"] = new(Admin, "The running geography as one GeoJSON file"),
        ["POST api/v1/admin/geography"] = new(Admin, "Import GeoJSON boundaries (multipart: `files`, optional `defaultLevel`, `countyName`, `countyCode`)",
            "Validated in full; applied at the next start. Spikes, bow-ties and self-touching rings are repaired and listed in `repairs`; " +
            "422 lists every problem by file, feature and code."),
        ["DELETE api/v1/admin/geography/import"] = new(Admin, "Discard an import waiting for the next start"),
        ["GET api/v1/audit"] = new(Admin, "The audit trail (leaders, coordinators, admins)"),

        ["GET healthz"] = new(Health, "Silo, storage and ingest health"),
        ["GET api/v1/partitions"] = new(Health, "Multi-process mode: which silo owns each partition"),
    };

    /// <summary>What a console action answers (documentation of <see cref="ConsoleAction.RunAsync"/>'s JSON).</summary>
    public sealed record ConsoleAnswer(string Status, string Target, string? Error, string? Code, object? Extra);

    /// <summary>The request body of <c>POST /api/v1/events</c> (read by a streaming reader, so described here).</summary>
    public static readonly Type IngestBody = typeof(IngestBatch);
}
