using System.Security.Cryptography;
using CommandCenter.Ingest;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CommandCenter.ApiDocs;

/// <summary>
/// The API description: an OpenAPI document generated from the mapped endpoints (<c>/openapi/v1.json</c>), worded by
/// <see cref="ApiCatalogue"/>, and a Scalar reference page (<c>/api/docs</c>) that renders it. Both for signed-in users
/// of any role. Scalar's script is served from the package (no CDN, no fonts or telemetry from outside), and the page
/// gets its own Content-Security-Policy: the product's strict one allows no inline script, and Scalar starts with an
/// inline module, so the page's policy admits that one script by a per-request nonce (see docs/decisions.md).
/// </summary>
public static class ApiDocsServices
{
    public const string DocumentPath = "/openapi/v1.json", ReferencePath = "/api/docs";

    public static void AddApiDocs(this WebApplicationBuilder builder) =>
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "County Command Center API (全响应指挥中心)",
                    Version = "v1",
                    Description = "Ingest for outside systems (API key), the dispatch console (sign-in cookie + X-CSRF-TOKEN), live state, " +
                                  "replay and administration. Times are ISO 8601; enum values are snake_case words.",
                };
                document.Tags = new HashSet<OpenApiTag>
                {
                    new() { Name = ApiCatalogue.Console, Description = "The dispatch console: alarm queue, incidents, orders, whistles, cases" },
                    new() { Name = ApiCatalogue.Ingest, Description = "Events from outside systems" },
                    new() { Name = ApiCatalogue.State, Description = "Live figures, boundaries and trends" },
                    new() { Name = ApiCatalogue.Replay, Description = "Replay of a stored range or an incident" },
                    new() { Name = ApiCatalogue.Admin, Description = "Accounts, API keys, geography, audit" },
                    new() { Name = ApiCatalogue.Health, Description = "Health and partitions" },
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(Describe);
            o.ShouldInclude = d => d.RelativePath is { } p && (p.StartsWith("api/", StringComparison.Ordinal) || p == "healthz");
        });

    private static async Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var key = $"{context.Description.HttpMethod} {context.Description.RelativePath?.TrimEnd('/')}";
        if (!ApiCatalogue.Operations.TryGetValue(key, out var entry)) return;
        operation.Summary = entry.Summary;
        operation.Description = entry.Description;
        operation.Tags = new HashSet<OpenApiTagReference> { new(entry.Tag, context.Document) };

        if (key == "POST api/v1/events")
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(ApiCatalogue.IngestBody, null, ct) },
                },
            };
        if (entry.Answer is null) return;
        var schema = await context.GetOrCreateSchemaAsync(entry.Answer, null, ct);
        operation.Responses ??= new OpenApiResponses();
        foreach (var status in entry.Statuses ?? [200])
        {
            var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            operation.Responses[code] = new OpenApiResponse
            {
                Description = status switch
                {
                    200 => "OK", 400 => "Malformed request", 401 => "Not signed in / no valid API key", 404 => "Unknown target",
                    409 => "Refused by the current state", 413 => "Too large", 422 => "Invalid values (the field is named)",
                    _ => "Not stored: retry",
                },
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        }
    }

    public static void MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).RequireAuthorization();
        app.MapScalarApiReference(ReferencePath, (options, http) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            http.Response.Headers.ContentSecurityPolicy = Policy(nonce);
            options.WithTitle("全响应指挥中心 · API")
                .WithOpenApiRoutePattern(DocumentPath)
                .WithNonce(nonce)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideClientButton()
                .HideDeveloperTools()
                .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl);
        }).RequireAuthorization();
    }

    /// <summary>The reference page's policy: the product's own origin only, plus Scalar's one inline start-up script by
    /// nonce; Scalar injects its styles at run time, so styles may be inline on this page (and on no other).</summary>
    public static string Policy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";
}
