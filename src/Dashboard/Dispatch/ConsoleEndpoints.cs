using CommandCenter.Accounts;
using CommandCenter.Audit;
using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.Live;
using CommandCenter.Wall;

namespace CommandCenter.Dispatch;

/// <summary>
/// The console's actions. Each is an event through the same pipeline as outside systems (source
/// "console", actor = the signed-in person), so the grains decide, the wall shows it and replay replays it.
/// Every action carries a request id: a double click or a retry does the work once.
/// </summary>
public static class ConsoleEndpoints
{
    public const string Source = "console";

    public sealed record AcknowledgeRequest(string? RequestId, string? Note);

    public static void MapConsole(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/console");
        api.MapGet("/alarms", (CountySilo silo, WallState wall, TimeProvider time, CancellationToken ct) =>
            silo.ReadAsync(m => wall.Alarms(m, time.GetUtcNow()), ct)).RequireAuthorization(Roles.CanViewConsole);

        api.MapPost("/alarms/{alarmId}/acknowledge", async (string alarmId, AcknowledgeRequest body, HttpContext http, IEventPipeline pipeline,
            TimeProvider time, AuditLog audit, CancellationToken ct) =>
        {
            var requestId = string.IsNullOrWhiteSpace(body.RequestId) ? Guid.NewGuid().ToString("N") : body.RequestId;
            var e = new CountyEvent
            {
                Id = $"ack-{requestId}", Type = EventType.AlarmAcknowledged, OccurredAt = time.GetUtcNow(), Source = Source, GridCode = "",
                AlarmId = alarmId, Actor = http.User.DisplayName(), Note = body.Note?.Length > 2000 ? body.Note[..2000] : body.Note,
            };
            var outcome = (await pipeline.SubmitAsync([e], ct))[0];
            var (status, result) = outcome.Status switch
            {
                IngestStatus.Accepted => (200, "ok"),
                IngestStatus.Duplicate => (200, "duplicate"),
                IngestStatus.Failed => (503, "failed"),
                _ when outcome.Refusal?.Code == "unknown_alarm" => (404, "unknown"),
                _ => (409, "conflict"),
            };
            await audit.RecordAsync(http, "acknowledge_alarm", result, alarmId, outcome.Refusal?.Message ?? body.Note);
            return Results.Json(new { status = result, alarmId, grid = outcome.GridCode, error = outcome.Refusal?.Message }, statusCode: status);
        }).RequireAuthorization(Roles.CanAcknowledge).AddEndpointFilter<CsrfFilter>();
    }
}
