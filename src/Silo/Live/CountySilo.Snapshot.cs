using SiloStatus = CommandCenter.Live.SiloStatus;
using System.Diagnostics;
using CommandCenter.EventLog;
using CommandCenter.Model;
using CommandCenter.Storage;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Live;

/// <summary>A snapshot taken on the silo's loop, to be serialised and stored off it.</summary>
public sealed record SnapshotCapture(CountyModel Model, List<(long Seq, UInt128 Key)> DedupeSegment, long PreviousSeq, long Applied, long WindowNs, long Fingerprint);

public sealed partial class CountySilo
{
    public const string ModelPayload = "model";
    public const string DedupePayload = "dedupe";

    /// <summary>Where snapshots are stored; null = none (the silo then always rebuilds from the whole log).</summary>
    public SnapshotStore? Snapshots { get; init; }
    public SnapshotOptions SnapshotSettings { get; init; } = new();

    // the last snapshot stored or restored (on the loop): the next duplicate-index segment starts after it
    private long _snapshotSeq;
    private long _snapshotApplied;

    /// <summary>The Seq of the last snapshot stored or restored (0 when none).</summary>
    public long LastSnapshotSeq => Volatile.Read(ref _snapshotSeq);

    /// <summary>
    /// On the loop: when a snapshot is due (or <paramref name="force"/>), a clone of the grains and the duplicate
    /// keys added since the last snapshot. Cheap: the clone copies maps of immutable records.
    /// </summary>
    public Task<SnapshotCapture?> CaptureSnapshotAsync(bool force, CancellationToken ct) => ReadAsync(m =>
    {
        if (Status != SiloStatus.Ready || m.LastSeq <= _snapshotSeq) return null;
        var due = force || _snapshotSeq == 0 || EventsApplied - _snapshotApplied >= SnapshotSettings.EveryEvents ||
                  m.LastSeq - _snapshotSeq >= SnapshotSettings.EveryEventTime.Ticks * 100;
        return due ? new SnapshotCapture(m.Clone(), m.Dedupe.EntriesAfter(_snapshotSeq), _snapshotSeq, EventsApplied, m.Dedupe.WindowNs, m.Fingerprint()) : null;
    }, ct);

    /// <summary>Off the loop: serialise and store a capture, once its last event is in the log. Returns the stored Seq.</summary>
    public async Task<long?> StoreSnapshotAsync(SnapshotCapture c, CancellationToken ct)
    {
        if (Snapshots is null) return null;
        var seq = c.Model.LastSeq;
        // the grains may run ahead of the log while a write is in flight: store only state the log already holds
        for (var attempt = 0; !await store.ContainsAsync(seq, ct); attempt++)
        {
            if (attempt >= 20 || Status != SiloStatus.Ready) return null;
            await Task.Delay(500, ct);
        }
        var sw = Stopwatch.StartNew();
        var (model, dedupe) = await WriteSnapshotAsync(Snapshots, c, ct);
        await ReadAsync(_ =>
        {
            if (seq <= _snapshotSeq) return 0;
            Volatile.Write(ref _snapshotSeq, seq);
            _snapshotApplied = c.Applied;
            return 0;
        }, ct);
        log.LogInformation("snapshot after seq {Seq} stored in {Ms} ms: state {ModelKb} KB, {Keys} duplicate keys {DedupeKb} KB",
            seq, sw.ElapsedMilliseconds, model / 1024, c.DedupeSegment.Count, dedupe / 1024);
        return seq;
    }

    /// <summary>Serialises a capture and stores it (what the live silo does; the replay benchmark stores its day's snapshots with it too).</summary>
    public static async Task<(int ModelBytes, int DedupeBytes)> WriteSnapshotAsync(SnapshotStore snapshots, SnapshotCapture c, CancellationToken ct)
    {
        var model = CountyModel.Serialize(c.Model.ToState());
        var dedupe = CountyModel.SerializeDedupe(c.DedupeSegment);
        await snapshots.WriteAsync(c.Model.LastSeq, new Dictionary<string, byte[]> { [ModelPayload] = model, [DedupePayload] = dedupe },
            new Dictionary<string, long>
            {
                ["rules"] = CountyModel.RulesVersion, ["config"] = c.Fingerprint, ["prev"] = c.PreviousSeq, ["applied"] = c.Applied,
                ["window_ns"] = c.WindowNs, ["dedupe_keys"] = c.DedupeSegment.Count, ["grids"] = c.Model.ActiveGrids.Count,
            }, ct);
        return (model.Length, dedupe.Length);
    }

    /// <summary>
    /// For a rebuild: the newest usable snapshot restored (state plus the duplicate index over its window, from
    /// the chain of segments), or null when there is none or it cannot be used (then the whole log is read).
    /// </summary>
    private async Task<(CountyModel Model, long Applied)?> RestoreLatestSnapshotAsync(CancellationToken ct)
    {
        if (Snapshots is null || !SnapshotSettings.RestoreOnStart) return null;
        var blank = models.Create();
        var fingerprint = blank.Fingerprint();
        try
        {
            var latest = await Snapshots.LatestAsync(null, m => m.Number("config") == fingerprint && m.Number("rules") == CountyModel.RulesVersion
                                                                 && m.Number("window_ns") == blank.Dedupe.WindowNs, ct);
            if (latest is null)
            {
                if (await Snapshots.LatestAsync(null, _ => true, ct) is { } other)
                    log.LogWarning("the newest stored snapshot (seq {Seq}) was made under other rules, thresholds, map or duplicate window; reading the whole log", other.Seq);
                return null;
            }
            var sw = Stopwatch.StartNew();
            var windowStart = latest.Seq - blank.Dedupe.WindowNs;
            var bySeq = new Dictionary<long, SnapshotManifest>();
            await foreach (var m in Snapshots.ListAsync(Math.Max(0, windowStart), latest.Seq, ct)) bySeq[m.Seq] = m;
            var chain = new List<SnapshotManifest> { latest };
            while (chain[^1].Number("prev") is var prev && prev > 0 && prev >= windowStart)
            {
                if (!bySeq.TryGetValue(prev, out var earlier))
                {
                    log.LogWarning("snapshot {Seq}: the duplicate-index segment before {Prev} is missing; reading the whole log", latest.Seq, prev);
                    return null;
                }
                chain.Add(earlier);
            }
            var model = models.FromState(CountyModel.Deserialize(await Snapshots.ReadAsync(latest, ModelPayload, ct)));
            var entries = new List<(long, UInt128)>();
            for (var i = chain.Count - 1; i >= 0; i--) entries.AddRange(CountyModel.DeserializeDedupe(await Snapshots.ReadAsync(chain[i], DedupePayload, ct)));
            model.Dedupe.Restore(entries, model.LastSeq);
            log.LogInformation("restored the snapshot after seq {Seq} ({Grids} grids, {Keys} duplicate keys from {Segments} segments) in {Ms} ms",
                latest.Seq, model.ActiveGrids.Count, model.Dedupe.Count, chain.Count, sw.ElapsedMilliseconds);
            return (model, latest.Number("applied"));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("cannot use the stored snapshots ({Error}); reading the whole log", ex.Message);
            return null;
        }
    }
}
