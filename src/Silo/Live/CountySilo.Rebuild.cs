using SiloStatus = CommandCenter.Live.SiloStatus;
using System.Diagnostics;
using CommandCenter.Ingest;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Live;

public sealed partial class CountySilo
{
    /// <summary>
    /// Builds fresh grains through the same code the live path runs: from the newest usable snapshot (state after
    /// Seq S, duplicate index over its window) plus every stored event after S, or from every event in the log.
    /// </summary>
    private async Task RebuildAsync(CancellationToken ct)
    {
        Status = SiloStatus.Rebuilding;
        var sw = Stopwatch.StartNew();
        var restored = await RestoreLatestSnapshotAsync(ct);
        var model = restored?.Model ?? models.Create();
        var from = model.LastSeq;
        long count = 0, refused = 0;
        await foreach (var e in store.ReadAsync(from, null, ct))
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
        EventsApplied = (restored?.Applied ?? 0) + count - refused;
        _snapshotSeq = from;
        _snapshotApplied = restored?.Applied ?? 0;
        LastTickAt = now;
        Status = SiloStatus.Ready;
        if (refused > 0) log.LogWarning("rebuild: {Refused} stored events were refused by the current rules", refused);
        log.LogInformation("grains rebuilt from {Count} stored events in {Elapsed} ms ({Grids} active grids){Snapshot}",
            count, sw.ElapsedMilliseconds, model.ActiveGrids.Count, restored is null ? "" : $" after the snapshot at seq {from}");
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
