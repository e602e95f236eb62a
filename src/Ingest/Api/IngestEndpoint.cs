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
        _ = app.ServiceProvider.GetRequiredService<ApiKeyRegistry>(); // issued keys read (their file made owner-only) at start
        app.MapPost("/api/v1/events", HandleAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, ApiKeyRegistry keys, EventValidator validator,
        IEventPipeline pipeline, TimeProvider time, IOptions<IngestOptions> options, ILoggerFactory logs, CancellationToken ct)
    {
        var source = keys.SourceOf(http.Request.Headers[ApiKeyHeader].FirstOrDefault());
        if (source is null) return Results.Json(new { error = $"a valid API key is required in the {ApiKeyHeader} header" }, statusCode: 401);

        if (!IsJson(http.Request.ContentType))
            return Problem(415, $"the body must be JSON: Content-Type application/json, not '{http.Request.ContentType}'");

        var maxBytes = options.Value.MaxBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes;
        List<BatchItem> items;
        try
        {
            using var body = await RequestBody.ReadAsync(http.Request, maxBytes, ct);
            items = IngestBatchReader.Read(body.Bytes);
        }
        catch (JsonException ex) { return Problem(400, $"malformed JSON: {ex.Message}"); }
        catch (BatchShapeException ex) { return Problem(ex.Status, ex.Message); }
        catch (BadHttpRequestException ex) when (ex.StatusCode == 413) { return Problem(413, $"the body is larger than {maxBytes} bytes"); }

        var results = new IngestResult[items.Count];
        var valid = new List<CountyEvent>(items.Count);
        var validIndex = new List<int>(items.Count);
        var now = time.GetUtcNow();
        for (var i = 0; i < items.Count; i++)
        {
            var (wire, id, readError) = items[i];
            var (e, reason) = wire is null ? (null, readError) : validator.Validate(wire, source, now);
            if (e is null) results[i] = new IngestResult(i, wire?.Id ?? id, IngestStatus.Rejected, reason);
            else { valid.Add(e); validIndex.Add(i); }
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
        return Results.Json(response, IngestJsonContext.Default.IngestResponse, statusCode: response.Failed > 0 ? 503 : 200);
    }

    /// <summary>application/json, optionally with a charset, which must then be UTF-8 (the only encoding JSON allows between systems).</summary>
    public static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static IngestResponse Summarise(IngestResult[] results) => new(
        results.Count(r => r.Status == IngestStatus.Accepted), results.Count(r => r.Status == IngestStatus.Duplicate),
        results.Count(r => r.Status == IngestStatus.Rejected), results.Count(r => r.Status == IngestStatus.Failed), results);

    private static IResult Problem(int status, string error) => Results.Json(new { error }, statusCode: status);
}
