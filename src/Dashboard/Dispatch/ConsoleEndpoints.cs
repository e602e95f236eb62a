using CommandCenter.Accounts;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Grains;
using CommandCenter.Hosting;
using CommandCenter.Live;
using CommandCenter.Wall;

namespace CommandCenter.Dispatch;

/// <summary>
/// The console's actions. Each is an event (or a few) through the same pipeline as outside systems
/// (source "console", actor = the signed-in person), so the grains decide, the wall shows it and replay
/// replays it. Every action carries a request id: a double click or a retry does the work once.
/// Duty officers acknowledge; coordinators do everything; leaders only look.
/// </summary>
public static class ConsoleEndpoints
{
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
        api.MapGet("/alarms", (CountySilo silo, WallState wall, TimeProvider time, CancellationToken ct) =>
            silo.ReadAsync(m => wall.Alarms(m, time.GetUtcNow()), ct)).RequireAuthorization(Roles.CanViewConsole);
        api.MapGet("/board", (CountySilo silo, UnitCatalogue units, CancellationToken ct) =>
            silo.ReadAsync(m => BoardView.Of(m, units), ct)).RequireAuthorization(Roles.CanViewConsole);
        api.MapGet("/units", async (string? incident, double? lon, double? lat, int? take, CountySilo silo, UnitCatalogue units, CountyMap map,
            GrainOptions grains, TimeProvider time, CancellationToken ct) =>
        {
            var result = await silo.ReadAsync(m =>
            {
                GeoPoint? at = lon is { } x && lat is { } y ? new GeoPoint(x, y)
                    : incident is not null && m.Board.Find(incident)?.GridCode is { } g && map.Find(g) is { } area ? area.LabelPoint : null;
                return at is null ? null : units.Nearest(m, at.Value, time.GetUtcNow(), grains.OnDutyWindow, Math.Clamp(take ?? 25, 1, 200));
            }, ct);
            return result is null ? Results.Json(new { error = "give lon/lat or an incident with a location" }, statusCode: 422) : Results.Ok(result);
        }).RequireAuthorization(Roles.CanViewConsole);

        var ack = api.MapGroup("").RequireAuthorization(Roles.CanAcknowledge).AddEndpointFilter<CsrfFilter>();
        ack.MapPost("/alarms/{alarmId}/acknowledge", (string alarmId, AcknowledgeRequest body, HttpContext http, ConsoleAction action) =>
        {
            if (ConsoleAction.RequestId(body.RequestId) is not { } rid) return Task.FromResult(ConsoleAction.BadRequestId());
            var e = action.New(http, rid, 0, EventType.AlarmAcknowledged) with
            {
                AlarmId = alarmId, Note = body.Note?.Length > 2000 ? body.Note[..2000] : body.Note,
            };
            return action.RunAsync(http, "acknowledge_alarm", alarmId, rid, [e]);
        });

        var coord = api.MapGroup("").RequireAuthorization(Roles.CanDispatch).AddEndpointFilter<CsrfFilter>();
        coord.MapPost("/incidents", (OpenIncidentRequest body, HttpContext http, ConsoleAction action, CountyMap map) =>
        {
            if (body.GridCode is not null && map.Find(body.GridCode) is not { Level: AreaLevel.Grid })
                return Task.FromResult(Results.Json(new { error = $"unknown grid {body.GridCode}" }, statusCode: 422));
            if (body.Streets?.FirstOrDefault(s => map.Find(s) is not { Level: AreaLevel.Street }) is { } bad)
                return Task.FromResult(Results.Json(new { error = $"unknown street {bad}" }, statusCode: 422));
            if (ConsoleAction.RequestId(body.RequestId) is not { } rid) return Task.FromResult(ConsoleAction.BadRequestId());
            var id = $"INC-{rid}";
            var events = new List<CountyEvent>
            {
                action.New(http, rid, 0, EventType.IncidentOpened) with
                {
                    IncidentId = id, Title = body.Title, Severity = body.Level, Commander = body.Commander, Streets = body.Streets,
                    GridCode = body.GridCode ?? "",
                },
            };
            var n = 1;
            foreach (var alarm in body.AlarmIds ?? []) events.Add(action.New(http, rid, n++, EventType.IncidentLinked) with { IncidentId = id, AlarmId = alarm });
            // opening an incident from an alarm acknowledges it, in the coordinator's name, as its own event (issue 14 item 6);
            // one somebody acknowledged meanwhile is left as it is
            foreach (var alarm in body.AlarmIds ?? []) events.Add(action.New(http, rid, n++, EventType.AlarmAcknowledged) with { AlarmId = alarm, Note = $"{id}" });
            if (!Severity.IsValid(body.Level) || string.IsNullOrWhiteSpace(body.Title))
                return Task.FromResult(Results.Json(new { error = "a title and a level 1–4 are required" }, statusCode: 422));
            return action.RunAsync(http, "open_incident", id, rid, events, new { incidentId = id },
                tolerated: (e, r) => e.Type == EventType.AlarmAcknowledged && r.Code == "already_acknowledged");
        });
        coord.MapPost("/incidents/{id}/update", (string id, UpdateIncidentRequest body, HttpContext http, ConsoleAction action, CountyMap map) =>
        {
            if (body.Level is { } level && !Severity.IsValid(level))
                return Task.FromResult(Results.Json(new { error = "the level must be 1–4 (I–IV)" }, statusCode: 422));
            if (body.Streets?.FirstOrDefault(s => map.Find(s) is not { Level: AreaLevel.Street }) is { } bad)
                return Task.FromResult(Results.Json(new { error = $"unknown street {bad}" }, statusCode: 422));
            var commander = string.IsNullOrWhiteSpace(body.Commander) ? null : body.Commander.Trim();
            var title = string.IsNullOrWhiteSpace(body.Title) ? null : body.Title.Trim();
            var streets = body.Streets is { Length: > 0 } ? body.Streets : null;
            if (body.Level is null && commander is null && streets is null && title is null)
                return Task.FromResult(Results.Json(new { error = "nothing to change: give a level, a commander, a scope or a title" }, statusCode: 422));
            if (commander?.Length > 200 || title?.Length > 200)
                return Task.FromResult(Results.Json(new { error = "commander and title are limited to 200 characters" }, statusCode: 422));
            if (ConsoleAction.RequestId(body.RequestId) is not { } rid) return Task.FromResult(ConsoleAction.BadRequestId());
            return action.RunAsync(http, "update_incident", id, rid, [action.New(http, rid, 0, EventType.IncidentUpdated) with
            {
                IncidentId = id, Severity = body.Level, Commander = commander, Streets = streets, Title = title,
            }]);
        });
        coord.MapPost("/incidents/{id}/link", (string id, LinkRequest body, HttpContext http, ConsoleAction action) =>
            action.RunOneAsync(http, body.RequestId, "link_incident", id, EventType.IncidentLinked, e => e with { IncidentId = id, AlarmId = body.AlarmId, CaseId = body.CaseId }));
        coord.MapPost("/incidents/{id}/note", (string id, NoteRequest body, HttpContext http, ConsoleAction action) =>
            action.RunOneAsync(http, body.RequestId, "incident_note", id, EventType.IncidentNote, e => e with { IncidentId = id, Note = body.Note }));
        coord.MapPost("/incidents/{id}/close", (string id, NoteRequest body, HttpContext http, ConsoleAction action) =>
            action.RunOneAsync(http, body.RequestId, "close_incident", id, EventType.IncidentClosed, e => e with { IncidentId = id, Note = body.Note }));
        coord.MapPost("/incidents/{id}/orders", (string id, DispatchRequest body, HttpContext http, ConsoleAction action, TimeProvider time) =>
        {
            if (ConsoleAction.RequestId(body.RequestId) is not { } rid) return Task.FromResult(ConsoleAction.BadRequestId());
            var events = body.Units.Select((u, n) => action.New(http, rid, n, EventType.OrderChanged) with
            {
                IncidentId = id, OrderId = $"ORD-{rid}-{n + 1}", UnitId = u.UnitId, UnitKind = u.UnitKind,
                OrderState = OrderState.Ordered, DeadlineAt = body.OnSceneWithinMinutes is { } mins ? time.GetUtcNow().AddMinutes(mins) : null,
            }).ToList();
            return events.Count == 0 ? Task.FromResult(Results.Json(new { error = "choose at least one unit" }, statusCode: 422))
                : action.RunAsync(http, "dispatch", id, rid, events, new { orders = events.Select(e => e.OrderId) });
        });
        coord.MapPost("/orders/{orderId}/state", (string orderId, StateRequest body, HttpContext http, ConsoleAction action) =>
            WireNames.TryParse<OrderState>(body.State, out var s) && s != OrderState.Ordered
                ? action.RunOneAsync(http, body.RequestId, "order_state", orderId, EventType.OrderChanged, e => e with { OrderId = orderId, OrderState = s })
                : Task.FromResult(Results.Json(new { error = $"unknown order state '{body.State}'" }, statusCode: 422)));
        coord.MapPost("/whistles", (WhistleRequest body, HttpContext http, ConsoleAction action, TimeProvider time, CountyMap map) =>
        {
            if (map.Find(body.Street) is not { Level: AreaLevel.Street } || body.Departments is not { Length: > 0 })
                return Task.FromResult(Results.Json(new { error = "a street of the county and at least one department are required" }, statusCode: 422));
            if (ConsoleAction.RequestId(body.RequestId) is not { } rid) return Task.FromResult(ConsoleAction.BadRequestId());
            var id = $"WSL-{rid}";
            return action.RunAsync(http, "blow_whistle", id, rid, [action.New(http, rid, 0, EventType.WhistleBlown) with
            {
                WhistleId = id, Streets = [body.Street], Departments = body.Departments, IncidentId = body.IncidentId,
                DeadlineAt = time.GetUtcNow().AddMinutes(Math.Clamp(body.DeadlineMinutes ?? 30, 1, 24 * 60)),
            }], new { whistleId = id });
        });
        coord.MapPost("/whistles/{id}/report-in", (string id, ReportInRequest body, HttpContext http, ConsoleAction action) =>
            action.RunOneAsync(http, body.RequestId, "report_in", id, EventType.ReportIn, e => e with
            {
                WhistleId = id, Department = body.Department, OrderState = body.State == "arrived" ? OrderState.OnScene : OrderState.Acknowledged,
            }));
        coord.MapPost("/cases/{caseId}/state", (string caseId, StateRequest body, HttpContext http, ConsoleAction action) =>
            WireNames.TryParse<CaseState>(body.State, out var s) && s != CaseState.Reported
                ? action.RunOneAsync(http, body.RequestId, "case_state", caseId, EventType.CaseChanged, e => e with { CaseId = caseId, CaseState = s })
                : Task.FromResult(Results.Json(new { error = $"unknown case state '{body.State}'" }, statusCode: 422)));
    }
}
