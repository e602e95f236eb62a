using SiloStatus = CommandCenter.Live.SiloStatus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Live;

/// <summary>
/// Stores a snapshot of the live grains when one is due (<see cref="SnapshotOptions"/>): the clone is taken on
/// the silo's loop, serialising and writing happen here, off it, so ingest is not stalled. Best effort: a
/// failed write is logged and the next check tries again (its duplicate-index segment then starts after the
/// last snapshot that was stored, so the chain stays whole).
/// </summary>
public sealed class SnapshotWriter(CountySilo silo, SnapshotOptions options, TimeProvider time, ILogger<SnapshotWriter> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!options.Enabled || silo.Snapshots is null) return;
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(options.CheckInterval, time, ct);
            if (silo.Status != SiloStatus.Ready) continue;
            try
            {
                if (await silo.CaptureSnapshotAsync(false, ct) is { } capture) await silo.StoreSnapshotAsync(capture, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogWarning("snapshot not stored ({Error}); trying again at the next check", ex.Message);
            }
        }
    }
}
