using CommandCenter.Accounts;
using CommandCenter.Audit;
using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.Live;

namespace CommandCenter.Dispatch;

/// <summary>
/// Runs one console action: its events (ids derived from the request id, so a retry is a duplicate) go
/// through the pipeline in order; the answer is 200 when all were accepted (or already were), 409 with the
/// grains' reason when one was refused, 503 when storage failed; the audit trail records it either way.
/// </summary>
public sealed class ConsoleAction(IEventPipeline pipeline, AuditLog audit, TimeProvider time)
{
    public const string Source = "console";

    public CountyEvent New(HttpContext http, string requestId, int n, EventType type) => new()
    {
        Id = $"{type.ToWire()}-{requestId}-{n}", Type = type, OccurredAt = time.GetUtcNow(), Source = Source, GridCode = "",
        Actor = http.User.DisplayName(),
    };

    public async Task<IResult> RunAsync(HttpContext http, string action, string target, IReadOnlyList<CountyEvent> events, object? extra = null)
    {
        var outcomes = await pipeline.SubmitAsync(events, http.RequestAborted);
        var refused = outcomes.FirstOrDefault(o => o.Status is IngestStatus.Rejected or IngestStatus.Failed);
        var (status, result) = refused.Status switch
        {
            IngestStatus.Failed => (503, "failed"),
            IngestStatus.Rejected when refused.Refusal!.Code.StartsWith("unknown_") => (404, "unknown"),
            IngestStatus.Rejected => (409, "conflict"),
            _ => (200, outcomes.All(o => o.Status == IngestStatus.Duplicate) ? "duplicate" : "ok"),
        };
        await audit.RecordAsync(http, action, result, target, refused.Refusal?.Message ?? events[0].Note);
        return Results.Json(new { status = result, target, error = refused.Refusal?.Message, code = refused.Refusal?.Code, extra }, statusCode: status);
    }

    public static string RequestId(string? given) => string.IsNullOrWhiteSpace(given) ? Guid.NewGuid().ToString("N") : given.Trim()[..Math.Min(64, given.Trim().Length)];
}
