using System.Diagnostics;
using CommandCenter.Ingest;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Live;

public sealed partial class CountySilo
{
    /// <summary>Builds fresh grains from every event in the log, through the same code the live path runs.</summary>
    private async Task RebuildAsync(CancellationToken ct)
    {
        Status = SiloStatus.Rebuilding;
        var sw = Stopwatch.StartNew();
        var model = models.Create();
        long count = 0, refused = 0;
        await foreach (var e in store.ReadAsync(0, null, ct))
        {
            if (e.Seq <= model.LastSeq) continue; // equal timestamps cannot be stored twice; guard anyway
            if (model.Apply(e).Status != IngestStatus.Accepted) refused++;
            count++;
        }
        var now = time.GetUtcNow();
        model.Tick(now);
        model.TakeChangedGrids();
        _model = model;
        _clock.AdvancePast(model.LastSeq);
        EventsApplied = count - refused;
        LastTickAt = now;
        Status = SiloStatus.Ready;
        if (refused > 0) log.LogWarning("rebuild: {Refused} stored events were refused by the current rules", refused);
        log.LogInformation("grains rebuilt from {Count} stored events in {Elapsed} ms ({Grids} active grids)",
            count, sw.ElapsedMilliseconds, model.ActiveGrids.Count);
        Publish(now, []);
    }

    private async Task ScheduleRecoveryAsync(CancellationToken ct)
    {
        await Task.Delay(options.RecoveryRetry, time, ct);
        await _mailbox.Writer.WriteAsync(new SiloMessage.Recover(), ct);
    }

    private async Task RecoverAsync(CancellationToken ct)
    {
        if (Status != SiloStatus.Degraded) return;
        try
        {
            await RebuildAsync(ct);
            log.LogInformation("event log reachable again: accepting events");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            Status = SiloStatus.Degraded;
            log.LogWarning("rebuild from the event log failed ({Error}); retrying", ex.Message);
            _ = ScheduleRecoveryAsync(ct);
        }
    }
}
