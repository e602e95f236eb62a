using CommandCenter.Events;
using CommandCenter.Ingest;

namespace CommandCenter.Live;

/// <summary>
/// Multi-process mode: the ingest and dashboard processes keep a mirror of the county in a CountySilo
/// that never writes. The silos' live feed hands it events they already stored; it applies them through
/// the same grains (ignoring ones it already has, by id), so every screen reads it exactly as in
/// single-process mode. Partitions commit independently, so a stored Seq may be below the mirror's last
/// one: such an event is applied with the next free Seq (its own is kept in the log).
/// </summary>
public sealed partial class CountySilo
{
    public Task ApplyStoredAsync(IReadOnlyList<CountyEvent> events, CancellationToken ct) =>
        _mailbox.Writer.WriteAsync(new SiloMessage.Mirror(events), ct).AsTask();

    /// <summary>Rebuilds from the log (after missing part of the live feed); events queued behind it are applied after.</summary>
    public Task ResyncAsync(CancellationToken ct) => _mailbox.Writer.WriteAsync(new SiloMessage.Resync(), ct).AsTask();

    private void MirrorNow(SiloMessage.Mirror m)
    {
        var applied = new List<CountyEvent>(m.Events.Count);
        foreach (var stored in m.Events)
        {
            if (_model.Dedupe.Contains(stored.Source, stored.Id)) continue;
            var e = stored.Seq > _model.LastSeq ? stored : stored with { Seq = _model.LastSeq + 1 };
            if (_model.Apply(e).Status == IngestStatus.Accepted) applied.Add(e);
        }
        _clock.AdvancePast(_model.LastSeq);
        EventsApplied += applied.Count;
        Publish(time.GetUtcNow(), applied);
    }
}
