using CommandCenter.Basemap;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommandCenter.Wall.Basemap;

/// <summary>
/// The vector basemap for the screens: <c>GET /basemap/tiles.json</c> (TileJSON: zooms, bounds, layers) and
/// <c>GET /basemap/{z}/{x}/{y}.pbf</c> (one tile, XYZ rows; gzip'd tiles go out as stored with Content-Encoding: gzip).
/// Behind the kiosk gate like the wall's other data (<see cref="WallServices.UseKioskGate"/>).
/// </summary>
public static class BasemapEndpoints
{
    public const string Prefix = "/basemap";

    public static void MapBasemap(this WebApplication app)
    {
        var group = app.MapGroup(Prefix).ExcludeFromDescription();
        group.MapGet("/tiles.json", Results<JsonHttpResult<object>, NotFound> (HttpContext http, BasemapSource source) =>
        {
            if (source.Reader is not { } reader) return TypedResults.NotFound();
            var info = reader.Info;
            http.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Json<object>(new
            {
                tilejson = "3.0.0",
                name = info.Name,
                tiles = new[] { $"{http.Request.Scheme}://{http.Request.Host}{Prefix}/{{z}}/{{x}}/{{y}}.pbf" },
                minzoom = info.MinZoom,
                maxzoom = info.MaxZoom,
                bounds = info.Bounds,
                center = info.Center,
                attribution = info.Attribution ?? "",
                vector_layers = info.VectorLayersJson is { } json ? System.Text.Json.JsonDocument.Parse(json).RootElement : (object)Array.Empty<object>(),
            });
        });
        group.MapGet("/{z:int}/{x:int}/{y}", (HttpContext http, BasemapSource source, int z, int x, string y) =>
        {
            if (source.Reader is not { } reader) return Results.NotFound();
            if (!y.EndsWith(".pbf", StringComparison.Ordinal) || !int.TryParse(y[..^4], out var row))
                return Results.Problem(statusCode: 400, title: "y must be a tile row followed by .pbf", extensions: new Dictionary<string, object?> { ["field"] = "y" });
            if (z is < 0 or > 24) return Results.Problem(statusCode: 400, title: "z must be 0–24", extensions: new Dictionary<string, object?> { ["field"] = "z" });
            var n = 1 << z;
            if (x < 0 || x >= n) return Results.Problem(statusCode: 400, title: $"x must be 0–{n - 1} at zoom {z}", extensions: new Dictionary<string, object?> { ["field"] = "x" });
            if (row < 0 || row >= n) return Results.Problem(statusCode: 400, title: $"y must be 0–{n - 1} at zoom {z}", extensions: new Dictionary<string, object?> { ["field"] = "y" });
            http.Response.Headers.CacheControl = $"private, max-age={(int)source.Options.CacheFor.TotalSeconds}";
            var tile = reader.Tile(z, x, row);
            if (tile is null) return Results.NoContent(); // nothing there: MapLibre draws an empty tile, no error
            if (MbTilesReader.IsGzip(tile))
            {
                // every browser takes gzip; a client that says it does not gets the tile unpacked
                if (http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
                    http.Response.Headers.ContentEncoding = "gzip";
                else tile = MbTilesReader.Gunzip(tile);
            }
            http.Response.Headers.Vary = "Accept-Encoding";
            return Results.Bytes(tile, "application/vnd.mapbox-vector-tile");
        });
    }
}
