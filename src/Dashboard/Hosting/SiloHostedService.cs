using CommandCenter.Live;
using CommandCenter.Storage;

namespace CommandCenter.Hosting;

/// <summary>Runs the in-process silo for the host's lifetime: database ready, grains rebuilt, then live.</summary>
public sealed class SiloHostedService(CountySilo silo, InfluxClient influx, TimeProvider time, ILogger<SiloHostedService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { await influx.EnsureDatabaseAsync(ct); break; }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                if (attempt == 1) log.LogWarning("InfluxDB not reachable yet ({Error}); waiting for it", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
            }
        }
        await silo.RunAsync(ct);
    }
}
