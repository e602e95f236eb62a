using SiloStatus = CommandCenter.Live.SiloStatus;
using CommandCenter.Live;
using CommandCenter.Simulation;
using CommandCenter.Storage;

namespace CommandCenter.Health;

/// <summary>
/// <c>GET /healthz</c>: the silo (grains rebuilt and ticking), storage (InfluxDB answers) and ingest
/// (accepting; the simulator's counters when it runs). 200 when all are healthy, else 503.
/// </summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (ILiveCounty silo, InfluxClient influx, TimeProvider time, IServiceProvider sp, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            var ticking = silo.LastTickAt is { } t && now - t < TimeSpan.FromSeconds(30);
            var siloOk = silo.Status == SiloStatus.Ready && ticking;
            var storageOk = await influx.PingAsync(ct);
            var simulator = sp.GetService<CountySimulator>();
            var body = new
            {
                status = siloOk && storageOk ? "healthy" : "unhealthy",
                silo = new { healthy = siloOk, status = silo.Status, eventsApplied = silo.EventsApplied, lastTickAt = silo.LastTickAt },
                storage = new { healthy = storageOk, url = influx.Options.Url, database = influx.Options.Database },
                ingest = new { healthy = silo.Status == SiloStatus.Ready, simulator = simulator?.Counters },
            };
            return Results.Json(body, statusCode: siloOk && storageOk ? 200 : 503);
        });
        return app;
    }
}
