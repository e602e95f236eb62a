using System.Text.Json;
using CommandCenter.Events;
using CommandCenter.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Ingest.Api;

/// <summary>
/// <c>POST /api/v1/events</c>: a batch of up to 5,000 events from an outside system, authenticated by its
/// API key (header X-Api-Key). Each event is answered on its own: accepted (stored), duplicate, rejected
/// (with the reason) or failed (not stored: retry). One bad event never costs the good ones.
/// </summary>
public static class IngestEndpoint
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/events", HandleAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, ApiKeyRegistry keys, EventValidator validator,
        IEventPipeline pipeline, TimeProvider time, IOptions<IngestOptions> options, ILoggerFactory logs, CancellationToken ct)
    {
        var source = keys.SourceOf(http.Request.Headers[ApiKeyHeader].FirstOrDefault());
        if (source is null) return Results.Json(new { error = $"a valid API key is required in the {ApiKeyHeader} header" }, statusCode: 401);

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.Value.MaxBodyBytes;
        JsonDocument doc;
        try { doc = await JsonDocument.ParseAsync(http.Request.Body, default, ct); }
        catch (JsonException ex) { return Problem(400, $"malformed JSON: {ex.Message}"); }
        catch (BadHttpRequestException ex) when (ex.StatusCode == 413) { return Problem(413, $"the body is larger than {options.Value.MaxBodyBytes} bytes"); }

        using (doc)
        {
            var root = doc.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var ev) && ev.ValueKind == JsonValueKind.Array ? ev
                : default;
            if (items.ValueKind != JsonValueKind.Array) return Problem(400, "the body must be {\"events\": [ … ]} or an array of events");
            var count = items.GetArrayLength();
            if (count == 0) return Problem(400, "the batch holds no events");
            if (count > IngestBatch.MaxBatch) return Problem(413, $"a batch holds at most {IngestBatch.MaxBatch} events, not {count}");

            var results = new IngestResult[count];
            var valid = new List<CountyEvent>(count);
            var validIndex = new List<int>(count);
            var now = time.GetUtcNow();
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                var (wire, parseError) = Parse(item);
                var (e, reason) = wire is null ? (null, parseError) : validator.Validate(wire, source, now);
                if (e is null) results[i] = new IngestResult(i, wire?.Id ?? IdOf(item), IngestStatus.Rejected, reason);
                else { valid.Add(e); validIndex.Add(i); }
                i++;
            }

            var outcomes = await pipeline.SubmitAsync(valid, ct);
            for (var k = 0; k < valid.Count; k++)
            {
                var o = outcomes[k];
                results[validIndex[k]] = new IngestResult(validIndex[k], valid[k].Id, o.Status, o.Refusal?.Message,
                    o.GridCode ?? NullIfEmpty(valid[k].GridCode));
            }
            var response = Summarise(results);
            if (response.Rejected > 0)
                logs.CreateLogger("Ingest").LogInformation("{Source}: {Accepted} accepted, {Rejected} rejected, {Duplicates} duplicate",
                    source, response.Accepted, response.Rejected, response.Duplicates);
            if (response.Failed > 0) http.Response.Headers.RetryAfter = "2";
            return Results.Json(response, IngestJson.Options, statusCode: response.Failed > 0 ? 503 : 200);
        }
    }

    private static (WireEvent?, string?) Parse(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object) return (null, "an event must be a JSON object");
        try { return (item.Deserialize<WireEvent>(IngestJson.Options), null); }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "a field";
            return (null, $"{field} has the wrong type or an unknown value");
        }
    }

    private static string? IdOf(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static IngestResponse Summarise(IngestResult[] results) => new(
        results.Count(r => r.Status == IngestStatus.Accepted), results.Count(r => r.Status == IngestStatus.Duplicate),
        results.Count(r => r.Status == IngestStatus.Rejected), results.Count(r => r.Status == IngestStatus.Failed), results);

    private static IResult Problem(int status, string error) => Results.Json(new { error }, statusCode: status);
}
