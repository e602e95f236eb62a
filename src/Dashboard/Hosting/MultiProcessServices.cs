using SiloStatus = CommandCenter.Live.SiloStatus;
using CommandCenter.Broker;
using CommandCenter.Live;
using CommandCenter.Storage;

namespace CommandCenter.Hosting;

/// <summary>
/// Multi-process mode (see docs/decisions.md): the same grains and pipeline, RabbitMQ between the parts.
/// A silo owns the partitions RabbitMQ gives it; ingest and dashboard publish through <see cref="BrokerClient"/>
/// and keep a mirror of the county (<see cref="CountySilo"/> fed by the live fanout) for routing and screens.
/// </summary>
public static class MultiProcessServices
{
    public static void AddBroker(this WebApplicationBuilder builder, ProcessMode mode)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection("Broker").Get<BrokerOptions>() ?? new BrokerOptions();
        if (options.Problem() is { } problem) throw new InvalidOperationException(problem);
        services.AddSingleton(options);
        services.AddSingleton<StreetPartitioner>();
        if (mode == ProcessMode.Silo)
        {
            services.AddSingleton<PartitionSilo>();
            services.AddHostedService(sp => sp.GetRequiredService<PartitionSilo>());
            return;
        }
        services.AddSingleton<PartitionTable>();
        services.AddSingleton(sp => new BrokerClient(sp.GetRequiredService<BrokerOptions>(), sp.GetRequiredService<StreetPartitioner>(),
            sp.GetRequiredService<CountySilo>(), sp.GetRequiredService<PartitionTable>(), sp.GetRequiredService<ILogger<BrokerClient>>())
            { AcceptWhenQueued = mode == ProcessMode.Ingest });
        services.AddSingleton<IEventPipeline>(sp => sp.GetRequiredService<BrokerClient>());
        services.AddHostedService(sp => new MirrorHostedService(sp.GetRequiredService<BrokerClient>(), sp.GetRequiredService<CountySilo>(),
            sp.GetRequiredService<InfluxClient>(), mode, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MirrorHostedService>>()));
    }

    /// <summary><c>GET /healthz</c> of a silo, ingest or dashboard process; <c>GET /api/v1/partitions</c> (who owns what, per the live feed).</summary>
    public static void MapBrokerEndpoints(this WebApplication app, ProcessMode mode)
    {
        if (mode == ProcessMode.Silo)
        {
            app.MapGet("/healthz", async (PartitionSilo silo, InfluxClient influx, CancellationToken ct) =>
            {
                var storageOk = await influx.PingAsync(ct);
                var ok = silo.Connected && storageOk;
                return Results.Json(new
                {
                    status = ok ? "healthy" : "unhealthy", mode = "silo", silo = silo.SiloId, broker = new { healthy = silo.Connected },
                    storage = new { healthy = storageOk },
                    partitions = silo.Workers.Where(w => w.Owned).Select(w => new { w.Partition, w.OwnedSince, w.EventsApplied }),
                }, statusCode: ok ? 200 : 503);
            });
            return;
        }
        app.MapGet("/healthz", async (CountySilo mirror, BrokerClient broker, InfluxClient influx, CancellationToken ct) =>
        {
            var storageOk = await influx.PingAsync(ct);
            var ok = broker.Connected && storageOk && mirror.Status == SiloStatus.Ready;
            return Results.Json(new
            {
                status = ok ? "healthy" : "unhealthy", mode = mode.ToString().ToLowerInvariant(),
                broker = new { healthy = broker.Connected }, storage = new { healthy = storageOk },
                mirror = new { healthy = mirror.Status == SiloStatus.Ready, status = mirror.Status, eventsApplied = mirror.EventsApplied },
            }, statusCode: ok ? 200 : 503);
        });
        app.MapGet("/api/v1/partitions", (PartitionTable table) => Results.Json(new
        {
            partitions = table.Partitions, streetsReported = table.StreetsReported, combinedFigures = table.CombinedFigures(),
        })).AllowAnonymous();
    }
}

/// <summary>Ingest/dashboard: InfluxDB ready, broker connected and the live feed subscribed, then the mirror rebuilt and live.</summary>
public sealed class MirrorHostedService(BrokerClient broker, CountySilo mirror, InfluxClient influx, ProcessMode mode, TimeProvider time, ILogger<MirrorHostedService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await influx.EnsureDatabaseWhenReachableAsync(time, log, ct);
        await broker.StartAsync($"{mode.ToString().ToLowerInvariant()} {Environment.MachineName}-{Environment.ProcessId}", ct);
        await mirror.RunAsync(ct);
    }
}
