using CommandCenter.Geography;
using CommandCenter.Live;
using CommandCenter.Views;

namespace CommandCenter.State;

/// <summary>
/// Read-only views of the grains' live picture: the county, a street or community, a grid with its
/// alarms, cases and workers, the drills; and the geography as GeoJSON for maps.
/// </summary>
public static class StateEndpoints
{
    public static IEndpointRouteBuilder MapState(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapGet("/county", (ILiveCounty silo, CancellationToken ct) =>
            silo.ReadAsync(m => new
            {
                summary = AreaSummary.Of(m.County),
                streets = m.Map.Streets.Select(s => AreaSummary.Of(m.FindAggregate(s.Code)!)).ToList(),
                runningDrills = m.County.RunningDrills,
                endedDrills = m.County.EndedDrills,
            }, ct));
        api.MapGet("/areas/{code}", async (string code, ILiveCounty silo, CancellationToken ct) =>
            await silo.ReadAsync(m => m.FindAggregate(code) is { } a ? Results.Ok(AreaSummary.Of(a)) : NotFound("area", code), ct));
        api.MapGet("/grids/{code}", async (string code, ILiveCounty silo, CancellationToken ct) =>
            await silo.ReadAsync(m =>
                m.FindGrid(code) is { } g ? Results.Ok(GridDetail.Of(g))
                : m.Map.Find(code) is { Level: AreaLevel.Grid } ? Results.Ok(new { summary = GridSummary.Idle(code) })
                : NotFound("grid", code), ct));
        api.MapGet("/grids", (ILiveCounty silo, CancellationToken ct) =>
            silo.ReadAsync(m => m.ActiveGrids.Select(GridSummary.Of).ToList(), ct));
        api.MapGet("/geo/{level}", (string level, CountyMap map) => level switch
        {
            "county" => GeoJson(GeoJsonExporter.ToFeatureCollection([map.County])),
            "streets" => GeoJson(GeoJsonExporter.ToFeatureCollection(map.Streets)),
            "communities" => GeoJson(GeoJsonExporter.ToFeatureCollection(map.Communities)),
            "grids" => GeoJson(GeoJsonExporter.ToFeatureCollection(map.Grids)),
            "pois" => GeoJson(GeoJsonExporter.PoisToFeatureCollection(map.Pois)),
            _ => NotFound("geography level", level),
        });
        return app;
    }

    private static IResult GeoJson(string json) => Results.Text(json, "application/geo+json");

    private static IResult NotFound(string what, string code) => Results.Json(new { error = $"no {what} {code}" }, statusCode: 404);
}
