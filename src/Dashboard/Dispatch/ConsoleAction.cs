using System.Buffers;
using CommandCenter.Accounts;
using CommandCenter.Audit;
using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Ingest;
using CommandCenter.Live;

namespace CommandCenter.Dispatch;

/// <summary>
/// Runs one console action: its events (ids derived from the whole request id, so a retry is a duplicate) go
/// through the pipeline in order; the answer is 200 when all were accepted (or already were), 409 with the
/// grains' reason when one was refused or when another person already sent this request id, 503 when
/// storage failed; the audit trail records it either way.
/// </summary>
public sealed class ConsoleAction(IEventPipeline pipeline, AuditLog audit, TimeProvider time, RequestOwners owners, ConsoleText text)
{
    public const string Source = "console";
    public const int RequestIdMax = 64;
    private static readonly SearchValues<char> RequestIdChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public CountyEvent New(HttpContext http, string requestId, int n, EventType type) => new()
    {
        Id = $"{type.ToWire()}-{requestId}-{n}", Type = type, OccurredAt = time.GetUtcNow(), Source = Source, GridCode = "",
        Actor = http.User.DisplayName(),
    };

    /// <summary>An action of one event: the request id checked, the event made and filled in by <paramref name="fill"/>, run.</summary>
    public Task<IResult> RunOneAsync(HttpContext http, string? requestId, string action, string target, EventType type, Func<CountyEvent, CountyEvent> fill) =>
        RequestId(requestId) is { } rid ? RunAsync(http, action, target, rid, [fill(New(http, rid, 0, type))]) : Task.FromResult(BadRequestId());

    /// <summary>Refuses an action before any event is sent (409 with a code, its arguments and details), audited as a conflict.</summary>
    public async Task<IResult> RefuseAsync(HttpContext http, string action, string target, string code, string message,
        IReadOnlyDictionary<string, string>? args = null, object? details = null)
    {
        await audit.RecordAsync(http, action, "conflict", target, message);
        return Results.Json(new { status = "conflict", target, code, error = text.Render(code, args, message), args, details }, statusCode: 409);
    }

    /// <param name="tolerated">Refusals that do not fail the action (e.g. an alarm someone acknowledged meanwhile).</param>
    public async Task<IResult> RunAsync(HttpContext http, string action, string target, string requestId, IReadOnlyList<CountyEvent> events, object? extra = null,
        Func<CountyEvent, Refusal, bool>? tolerated = null)
    {
        var me = http.User.Identity?.Name ?? "";
        var (owner, fresh) = owners.Claim(requestId, me, http.User.DisplayName());
        if (owner.User != me) return await TakenAsync(http, action, target, requestId, owner);
        var outcomes = await pipeline.SubmitAsync(events, http.RequestAborted);
        var refused = outcomes.Where((o, i) => o.Status == IngestStatus.Failed
            || o.Status == IngestStatus.Rejected && (tolerated is null || !tolerated(events[i], o.Refusal!))).FirstOrDefault();
        var duplicate = refused.Refusal is null && outcomes.All(o => o.Status is IngestStatus.Duplicate or IngestStatus.Rejected) && outcomes[0].Status == IngestStatus.Duplicate;
        if (duplicate && fresh && await owners.FromLogAsync(events[0].Id, http.RequestAborted) is { } first && first.Name != http.User.DisplayName())
        {
            // sent before this process started, by someone else
            owners.Correct(requestId, first);
            return await TakenAsync(http, action, target, requestId, first);
        }
        var (status, result) = refused.Status switch
        {
            IngestStatus.Failed => (503, "failed"),
            IngestStatus.Rejected when refused.Refusal!.Code.StartsWith("unknown_") => (404, "unknown"),
            IngestStatus.Rejected => (409, "conflict"),
            _ => (200, duplicate ? "duplicate" : "ok"),
        };
        await audit.RecordAsync(http, action, result, target, refused.Refusal?.Message ?? events[0].Note);
        var error = refused.Refusal is { } r ? text.Render(r.Code, r.Args, r.Message) : null;
        return Results.Json(new { status = result, target, error, code = refused.Refusal?.Code, args = refused.Refusal?.Args, extra }, statusCode: status);
    }

    private Task<IResult> TakenAsync(HttpContext http, string action, string target, string requestId, RequestOwners.Owner owner) =>
        RefuseAsync(http, action, target, "request_taken", $"request {requestId} was already sent by {owner.Name} at {owner.At:O}",
            new Dictionary<string, string> { ["by"] = owner.Name, ["at"] = owner.At.ToString("O"), ["request"] = requestId });

    /// <summary>
    /// The request id as given (trimmed), or a new one when none is given; null when it is longer than
    /// <see cref="RequestIdMax"/> or has characters other than letters, digits and <c>-_.:</c> — every id
    /// derived from it (events, incidents, orders, whistles) contains it whole, so it is never cut.
    /// </summary>
    public static string? RequestId(string? given)
    {
        if (string.IsNullOrWhiteSpace(given)) return Guid.NewGuid().ToString("N");
        var id = given.Trim();
        return id.Length <= RequestIdMax && !id.AsSpan().ContainsAnyExcept(RequestIdChars) ? id : null;
    }

    public IResult BadRequestId() => text.Invalid("requestId", "invalid_request_id", $"requestId: at most {RequestIdMax} letters, digits or -_.:", RequestIdMax);
}
