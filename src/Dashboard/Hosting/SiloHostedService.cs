using CommandCenter.Live;
using CommandCenter.Storage;

namespace CommandCenter.Hosting;

/// <summary>Runs the in-process silo for the host's lifetime: database ready, grains rebuilt, then live.</summary>
public sealed class SiloHostedService(CountySilo silo, InfluxClient influx, TimeProvider time, ILogger<SiloHostedService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await influx.EnsureDatabaseWhenReachableAsync(time, log, ct);
        await silo.RunAsync(ct);
    }
}
