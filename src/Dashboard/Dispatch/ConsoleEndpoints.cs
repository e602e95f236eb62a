using CommandCenter.Accounts;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;
using CommandCenter.Hosting;
using CommandCenter.Live;
using CommandCenter.Wall;

namespace CommandCenter.Dispatch;

/// <summary>
/// The console's actions. Each is an event (or a few) through the same pipeline as outside systems
/// (source "console", actor = the signed-in person), so the grains decide, the wall shows it and replay
/// replays it. Every action carries a request id: a double click or a retry does the work once.
/// Duty officers acknowledge; coordinators do everything; leaders only look. Bad input is a 422 naming the
/// field; every error text is in the viewer's language (<see cref="ConsoleText"/>) next to its machine-readable code.
/// </summary>
public static class ConsoleEndpoints
{
    public const int NameMax = 200, NoteMax = 2000, IdMax = 128;

    // non-nullable fields are required: the shared RequestChecks filter answers 400 naming a missing one
    public sealed record AcknowledgeRequest(string? RequestId, string? Note);
    public sealed record OpenIncidentRequest(string? RequestId, string Title, int Level, string? GridCode, string? Commander, string[]? Streets, string[]? AlarmIds);
    public sealed record UpdateIncidentRequest(string? RequestId, int? Level, string? Commander, string[]? Streets, string? Title);
    public sealed record LinkRequest(string? RequestId, string? AlarmId, string? CaseId);
    public sealed record NoteRequest(string? RequestId, string? Note);
    public sealed record UnitRef(string UnitId, string UnitKind);
    public sealed record DispatchRequest(string? RequestId, UnitRef[] Units, int? OnSceneWithinMinutes);
    public sealed record StateRequest(string? RequestId, string State);
    public sealed record WhistleRequest(string? RequestId, string Street, string[] Departments, int? DeadlineMinutes, string? IncidentId);
    public sealed record ReportInRequest(string? RequestId, string Department, string State);

    public static void MapConsole(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/console").AddEndpointFilterFactory(RequestChecks.Factory); // limits, finite numbers, required fields: 400 naming the field
        api.MapGet("/alarms", (ILiveCounty silo, WallState wall, TimeProvider time, CancellationToken ct) =>
            silo.ReadAsync(m => wall.Alarms(m, time.GetUtcNow()), ct)).RequireAuthorization(Roles.CanViewConsole);
        api.MapGet("/board", (ILiveCounty silo, UnitCatalogue units, CancellationToken ct) =>
            silo.ReadAsync(m => BoardView.Of(m, units), ct)).RequireAuthorization(Roles.CanViewConsole);
        api.MapGet("/units", async (string? incident, double? lon, double? lat, int? take, ILiveCounty silo, UnitCatalogue units, CountyMap map,
            GrainOptions grains, TimeProvider time, ConsoleText text, CancellationToken ct) =>
        {
            if (lon is { } x && (!double.IsFinite(x) || x is < -180 or > 180)) return text.Invalid("lon", "invalid_number", "lon must be a longitude (−180…180)");
            if (lat is { } y && (!double.IsFinite(y) || y is < -90 or > 90)) return text.Invalid("lat", "invalid_number", "lat must be a latitude (−90…90)");
            var result = await silo.ReadAsync(m =>
            {
                GeoPoint? at = lon is { } x && lat is { } y ? new GeoPoint(x, y)
                    : incident is not null && m.Board.Find(incident)?.GridCode is { } g && map.Find(g) is { } area ? area.LabelPoint : null;
                return at is null ? null : units.Nearest(m, at.Value, time.GetUtcNow(), grains.OnDutyWindow, Math.Clamp(take ?? 25, 1, 200));
            }, ct);
            return result is null ? text.Invalid(lon is null ? "lon" : "incident", "no_location", "give lon/lat or an incident with a location") : Results.Ok(result);
        }).RequireAuthorization(Roles.CanViewConsole);

        var ack = api.MapGroup("").RequireAuthorization(Roles.CanAcknowledge).AddEndpointFilter<CsrfFilter>();
        ack.MapPost("/alarms/{alarmId}/acknowledge", (string alarmId, AcknowledgeRequest body, HttpContext http, ConsoleAction action, ConsoleText text) =>
            TooLong(text, ("note", body.Note, NoteMax)) ?? action.RunOneAsync(http, body.RequestId, "acknowledge_alarm", alarmId, EventType.AlarmAcknowledged,
                e => e with { AlarmId = alarmId, Note = Blank(body.Note) }));

        var coord = api.MapGroup("").RequireAuthorization(Roles.CanDispatch).AddEndpointFilter<CsrfFilter>();
        coord.MapPost("/incidents", (OpenIncidentRequest body, HttpContext http, ConsoleAction action, CountyMap map, ConsoleText text) =>
        {
            if (string.IsNullOrWhiteSpace(body.Title)) return Done(text.Invalid("title", "required", "title is required"));
            if (!Severity.IsValid(body.Level)) return Done(text.Invalid("level", "invalid_level", "the level must be 1–4 (I–IV)"));
            if (TooLong(text, ("title", body.Title, NameMax), ("commander", body.Commander, NameMax)) is { } tooLong) return tooLong;
            if (body.GridCode is not null && map.Find(body.GridCode) is not { Level: AreaLevel.Grid })
                return Done(text.Invalid("gridCode", "unknown_grid", $"unknown grid {body.GridCode}"));
            if (body.Streets?.FirstOrDefault(s => map.Find(s) is not { Level: AreaLevel.Street }) is { } bad)
                return Done(text.Invalid("streets", "unknown_street", $"unknown street {bad}"));
            if (body.AlarmIds?.FirstOrDefault(a => string.IsNullOrWhiteSpace(a) || a.Length > IdMax) is not null)
                return Done(text.Invalid("alarmIds", "invalid_id", "alarmIds: ids of at most 128 characters"));
            if (ConsoleAction.RequestId(body.RequestId) is not { } rid) return Done(action.BadRequestId());
            var id = $"INC-{rid}";
            var events = new List<CountyEvent>
            {
                action.New(http, rid, 0, EventType.IncidentOpened) with
                {
                    IncidentId = id, Title = body.Title.Trim(), Severity = body.Level, Commander = Blank(body.Commander), Streets = body.Streets,
                    GridCode = body.GridCode ?? "",
                },
            };
            foreach (var alarm in body.AlarmIds ?? []) events.Add(action.New(http, rid, events.Count, EventType.IncidentLinked) with { IncidentId = id, AlarmId = alarm });
            // opening an incident from an alarm acknowledges it, in the coordinator's name, as its own event;
            // one somebody acknowledged meanwhile is left as it is
            foreach (var alarm in body.AlarmIds ?? []) events.Add(action.New(http, rid, events.Count, EventType.AlarmAcknowledged) with { AlarmId = alarm, Note = id });
            return action.RunAsync(http, "open_incident", id, rid, events, new { incidentId = id },
                tolerated: (e, r) => e.Type == EventType.AlarmAcknowledged && r.Code == "already_acknowledged");
        });
        coord.MapPost("/incidents/{id}/update", (string id, UpdateIncidentRequest body, HttpContext http, ConsoleAction action, CountyMap map, ConsoleText text) =>
        {
            if (body.Level is { } level && !Severity.IsValid(level)) return Done(text.Invalid("level", "invalid_level", "the level must be 1–4 (I–IV)"));
            if (body.Streets?.FirstOrDefault(s => map.Find(s) is not { Level: AreaLevel.Street }) is { } bad)
                return Done(text.Invalid("streets", "unknown_street", $"unknown street {bad}"));
            var commander = Blank(body.Commander);
            var title = Blank(body.Title);
            var streets = body.Streets is { Length: > 0 } ? body.Streets : null;
            if (body.Level is null && commander is null && streets is null && title is null)
                return Done(text.Invalid("level", "nothing_to_change", "nothing to change: give a level, a commander, a scope or a title"));
            return TooLong(text, ("commander", commander, NameMax), ("title", title, NameMax))
                ?? action.RunOneAsync(http, body.RequestId, "update_incident", id, EventType.IncidentUpdated,
                    e => e with { IncidentId = id, Severity = body.Level, Commander = commander, Streets = streets, Title = title });
        });
        coord.MapPost("/incidents/{id}/link", (string id, LinkRequest body, HttpContext http, ConsoleAction action, ConsoleText text) =>
            (body.AlarmId ?? body.CaseId) is not { Length: > 0 and <= IdMax }
                ? Done(text.Invalid(body.AlarmId is null ? "caseId" : "alarmId", "invalid_id", "give an alarmId or a caseId of at most 128 characters"))
                : action.RunOneAsync(http, body.RequestId, "link_incident", id, EventType.IncidentLinked, e => e with { IncidentId = id, AlarmId = Blank(body.AlarmId), CaseId = body.AlarmId is null ? Blank(body.CaseId) : null }));
        coord.MapPost("/incidents/{id}/note", (string id, NoteRequest body, HttpContext http, ConsoleAction action, ConsoleText text) =>
            Blank(body.Note) is not { } note ? Done(text.Invalid("note", "required", "note is required"))
                : TooLong(text, ("note", note, NoteMax)) ?? action.RunOneAsync(http, body.RequestId, "incident_note", id, EventType.IncidentNote, e => e with { IncidentId = id, Note = note }));
        coord.MapPost("/incidents/{id}/close", (string id, CloseIncident.Request body, HttpContext http, ConsoleAction action, ILiveCounty silo, UnitCatalogue units, ConsoleText text) =>
            TooLong(text, ("note", body.Note, NoteMax)) ?? CloseIncident.HandleAsync(id, body, http, action, silo, units, text));
        coord.MapPost("/incidents/{id}/orders", (string id, DispatchRequest body, HttpContext http, ConsoleAction action, TimeProvider time, ConsoleText text) =>
        {
            if (body.Units is not { Length: > 0 } chosen) return Done(text.Invalid("units", "no_units", "choose at least one unit"));
            if (chosen.Any(u => u.UnitId is not { Length: > 0 and <= IdMax } || u.UnitKind is not { Length: > 0 and <= 32 }))
                return Done(text.Invalid("units", "invalid_id", "each unit needs a unitId (at most 128 characters) and a unitKind"));
            if (body.OnSceneWithinMinutes is < 1 or > 24 * 60) return Done(text.Invalid("onSceneWithinMinutes", "invalid_number", "onSceneWithinMinutes: 1–1440"));
            if (ConsoleAction.RequestId(body.RequestId) is not { } rid) return Done(action.BadRequestId());
            var events = chosen.Select((u, n) => action.New(http, rid, n, EventType.OrderChanged) with
            {
                IncidentId = id, OrderId = $"ORD-{rid}-{n + 1}", UnitId = u.UnitId, UnitKind = u.UnitKind,
                OrderState = OrderState.Ordered, DeadlineAt = body.OnSceneWithinMinutes is { } mins ? time.GetUtcNow().AddMinutes(mins) : null,
            }).ToList();
            return action.RunAsync(http, "dispatch", id, rid, events, new { orders = events.Select(e => e.OrderId) });
        });
        coord.MapPost("/orders/{orderId}/state", (string orderId, StateRequest body, HttpContext http, ConsoleAction action, ConsoleText text) =>
            WireNames.TryParse<OrderState>(body.State, out var s) && s != OrderState.Ordered
                ? action.RunOneAsync(http, body.RequestId, "order_state", orderId, EventType.OrderChanged, e => e with { OrderId = orderId, OrderState = s })
                : Done(text.Invalid("state", "unknown_state", $"unknown order state '{body.State}'")));
        coord.MapPost("/whistles", (WhistleRequest body, HttpContext http, ConsoleAction action, TimeProvider time, CountyMap map, ConsoleText text) =>
        {
            if (body.Street is null || map.Find(body.Street) is not { Level: AreaLevel.Street })
                return Done(text.Invalid("street", "unknown_street", $"unknown street {body.Street}"));
            if (body.Departments is not { Length: > 0 and <= 32 } departments || departments.Any(d => d is not { Length: > 0 and <= 64 } || d.Contains(',')))
                return Done(text.Invalid("departments", "invalid_departments", "departments: 1–32 names of at most 64 characters, no commas"));
            if (ConsoleAction.RequestId(body.RequestId) is not { } rid) return Done(action.BadRequestId());
            var id = $"WSL-{rid}";
            return action.RunAsync(http, "blow_whistle", id, rid, [action.New(http, rid, 0, EventType.WhistleBlown) with
            {
                WhistleId = id, Streets = [body.Street], Departments = departments, IncidentId = Blank(body.IncidentId),
                DeadlineAt = time.GetUtcNow().AddMinutes(Math.Clamp(body.DeadlineMinutes ?? 30, 1, 24 * 60)),
            }], new { whistleId = id });
        });
        coord.MapPost("/whistles/{id}/report-in", (string id, ReportInRequest body, HttpContext http, ConsoleAction action, ConsoleText text) =>
            body.Department is not { Length: > 0 and <= 64 } ? Done(text.Invalid("department", "required", "department is required"))
            : body.State is not ("arrived" or "acknowledged") ? Done(text.Invalid("state", "unknown_state", $"unknown report-in state '{body.State}'"))
            : action.RunOneAsync(http, body.RequestId, "report_in", id, EventType.ReportIn, e => e with
            {
                WhistleId = id, Department = body.Department, OrderState = body.State == "arrived" ? OrderState.OnScene : OrderState.Acknowledged,
            }));
        coord.MapPost("/cases/{caseId}/state", (string caseId, StateRequest body, HttpContext http, ConsoleAction action, ConsoleText text) =>
            WireNames.TryParse<CaseState>(body.State, out var s) && s != CaseState.Reported
                ? action.RunOneAsync(http, body.RequestId, "case_state", caseId, EventType.CaseChanged, e => e with { CaseId = caseId, CaseState = s })
                : Done(text.Invalid("state", "unknown_state", $"unknown case state '{body.State}'")));
        IncidentPlans.MapIncidentPlans(api, coord);
    }

    private static Task<IResult> Done(IResult r) => Task.FromResult(r);
    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>422 naming the first field longer than its limit, or null.</summary>
    private static Task<IResult>? TooLong(ConsoleText text, params (string Field, string? Value, int Max)[] fields) =>
        fields.FirstOrDefault(f => f.Value?.Length > f.Max) is { Field: { } name } f
            ? Done(text.Invalid(name, "too_long", $"{name}: at most {f.Max} characters", f.Max))
            : null;
}
