using CommandCenter.Accounts;
using CommandCenter.Audit;
using CommandCenter.Geography;
using CommandCenter.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace CommandCenter.Admin;

/// <summary>
/// 区划导入: an admin exports the running county's geography as GeoJSON, or uploads their own. An upload is
/// validated in full (every problem named by file, feature and code) and, when good, kept as the county's
/// geography from the next start — the grains, the event log and every open screen are keyed by grid code,
/// so switching maps under a running silo would leave them disagreeing. Nothing is written when the upload
/// has any error.
/// </summary>
public static class GeographyEndpoints
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    /// <summary>The answer lists at most this many geometry repairs (and says how many there were).</summary>
    public const int MaxRepairsListed = 500;

    public sealed record Summary(string Name, string Code, int Streets, int Communities, int Grids, int Pois);

    public static Summary Of(CountyMap m) => new(m.County.Name, m.County.Code, m.Streets.Count, m.Communities.Count, m.Grids.Count, m.Pois.Count);

    public static void MapGeographyAdmin(this WebApplication app)
    {
        var admin = app.MapGroup("/api/v1/admin/geography").RequireAuthorization(Roles.CanAdminister);
        admin.MapGet("", (CountyMap map, GeographySource source, GeographyOptions options) => Results.Ok(new
        {
            running = Of(map), source = source.Kind, detail = source.Detail,
            pending = Pending(options, source),
        }));
        admin.MapGet("/export", (CountyMap map) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(GeoJsonExporter.ToFeatureCollection(map)), "application/geo+json", $"{map.County.Code}-geography.geojson"));

        admin.MapPost("", async (HttpContext http, CountyMap running, GeographySource source, GeographyOptions options, AuditLog audit) =>
        {
            if (!http.Request.HasFormContentType)
                return Results.Json(new { error = "send the GeoJSON file(s) as multipart/form-data" }, statusCode: 415);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxUploadBytes;
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = MaxUploadBytes }));
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (form.Files.Count == 0) return Results.Json(new { error = "choose at least one GeoJSON file" }, statusCode: 422);
            if (form.Files.Sum(f => f.Length) > MaxUploadBytes) return Results.Json(new { error = $"the upload is larger than {MaxUploadBytes / 1024 / 1024} MB" }, statusCode: 413);
            var names = string.Join(", ", form.Files.Select(f => f.FileName));
            var importOptions = ImportOptions(form, options.Properties);
            if (importOptions.DefaultLevel is { } level && !GeoJsonVocabulary.TryParseLevel(level, out _, out _))
                return Results.ValidationProblem(new Dictionary<string, string[]>
                    { ["defaultLevel"] = [$"unknown level '{level}' (expected county, street, community, grid or poi)"] }, statusCode: 422);
            GeoJsonImport result;
            try
            {
                // the form has buffered the files already: parse them straight from their streams, no string copies
                var streams = form.Files.Select(f => f.OpenReadStream()).ToList();
                try { result = GeoJsonImporter.ImportStreams(streams, importOptions); }
                finally { foreach (var stream in streams) stream.Dispose(); }
            }
            catch (GeographyException ex)
            {
                await audit.RecordAsync(http, "import_geography", "refused", names, First(ex.Message));
                return Results.Json(new { error = ex.Message }, statusCode: 422);
            }

            var imported = result.Map;
            var missing = running.Grids.Select(g => g.Code).Except(imported.Grids.Select(g => g.Code)).ToList();
            var path = options.ImportPath;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path + ".tmp", GeoJsonExporter.ToFeatureCollection(imported), http.RequestAborted);
            File.Move(path + ".tmp", path, overwrite: true);
            var summary = Of(imported);
            await audit.RecordAsync(http, "import_geography", "ok", names,
                $"{summary.Name} {summary.Streets}/{summary.Communities}/{summary.Grids} grids, {missing.Count} running grids absent, " +
                $"{result.Repairs.Count} geometry repairs");
            return Results.Ok(new
            {
                imported = summary, runningGridsAbsent = missing.Count, examplesAbsent = missing.Take(5),
                appliesAt = "next start", overridden = source.Kind == "files",
                repairs = result.Repairs.Take(MaxRepairsListed), repairsTotal = result.Repairs.Count,
                codesFromFeatureId = result.CodesFromFeatureId, levelsDefaulted = result.LevelsDefaulted,
                streetParentsDefaulted = result.StreetParentsDefaulted, countyBuilt = result.CountyBuilt,
            });
        }).AddEndpointFilter<CsrfFilter>();

        admin.MapDelete("/import", async (HttpContext http, GeographyOptions options, AuditLog audit) =>
        {
            var existed = File.Exists(options.ImportPath);
            if (existed) File.Delete(options.ImportPath);
            await audit.RecordAsync(http, "discard_geography_import", existed ? "ok" : "none", options.ImportPath);
            return Results.Ok(new { discarded = existed });
        }).AddEndpointFilter<CsrfFilter>();
    }

    /// <summary>The configured import options with the form's choices: the level of features that have none
    /// (a file of one level) and the county's name and code when the files hold no county.</summary>
    private static GeoJsonImportOptions ImportOptions(IFormCollection form, GeoJsonImportOptions configured)
    {
        string? Field(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        return configured with
        {
            DefaultLevel = Field("defaultLevel") ?? configured.DefaultLevel,
            CountyName = Field("countyName") ?? configured.CountyName,
            CountyCode = Field("countyCode") ?? configured.CountyCode,
        };
    }

    /// <summary>An import written after this process loaded its geography (it applies at the next start).</summary>
    private static object? Pending(GeographyOptions options, GeographySource source)
    {
        var path = options.ImportPath;
        if (!File.Exists(path)) return null;
        var written = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        return source.Kind == "imported" && written <= source.Version ? null : new { writtenAt = written, overridden = source.Kind == "files" };
    }

    private static string First(string message) => message.Split('\n')[0];
}
