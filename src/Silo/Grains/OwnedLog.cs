using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.Live;
using CommandCenter.Model;

namespace CommandCenter.Grains;

/// <summary>
/// What every grain that owns events (a grid, the board, the county's drills) does with them: answers a retry
/// "duplicate", stamps an accept Seq from its own clock (its events keep their order in its series of the log), and
/// waits until the silo's <see cref="EventLogWriter"/> has stored them before anyone is told "accepted".
/// </summary>
public sealed class OwnedLog(EventLogWriter writer, TimeProvider time, TimeSpan dedupeWindow)
{
    private readonly DedupeIndex _dedupe = new(dedupeWindow);
    private readonly SeqClock _clock = new(time);

    /// <summary>A stored event read back on activation: its key is known, later Seqs go after it.</summary>
    public void Replayed(CountyEvent e)
    {
        _dedupe.Add(DedupeIndex.KeyOf(e.Source, e.Id), e.Seq);
        _clock.AdvancePast(e.Seq);
        LastSeq = Math.Max(LastSeq, e.Seq);
        Count++;
    }

    /// <summary>The grain starts from a snapshot: it holds <paramref name="count"/> events, the newest with <paramref name="seq"/>.</summary>
    public void Restored(long seq, long count)
    {
        _clock.AdvancePast(seq);
        LastSeq = Math.Max(LastSeq, seq);
        Count = count;
    }

    /// <summary>A stored event already in the snapshot the grain started from: only its key is needed (a retry is a duplicate).</summary>
    public void Remembered(CountyEvent e)
    {
        _dedupe.Add(DedupeIndex.KeyOf(e.Source, e.Id), e.Seq);
        _clock.AdvancePast(e.Seq);
    }

    /// <summary>The Seq of the newest event this grain applied or read back (0 when none).</summary>
    public long LastSeq { get; private set; }

    /// <summary>How many events this grain holds (read back on activation and applied since).</summary>
    public long Count { get; private set; }

    /// <summary>
    /// For a capture at <paramref name="at"/>: false when this grain already stamped an event after it (the caller picks a
    /// later moment); otherwise every later event gets a Seq after it, so "the state at that moment" is this state.
    /// </summary>
    public bool HoldBefore(DateTimeOffset at)
    {
        var ns = (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        if (LastSeq > ns) return false;
        _clock.AdvancePast(ns);
        return true;
    }

    public bool IsDuplicate(CountyEvent e) => _dedupe.Contains(DedupeIndex.KeyOf(e.Source, e.Id));

    /// <summary>A copy of <paramref name="e"/> with its accept Seq and the grid it was applied in.</summary>
    public CountyEvent Stamp(CountyEvent e, string gridCode) => e with { Seq = _clock.Next(), GridCode = gridCode };

    /// <summary>The event was applied: a retry of it is a duplicate from now on.</summary>
    public void Applied(CountyEvent stamped)
    {
        _dedupe.Add(DedupeIndex.KeyOf(stamped.Source, stamped.Id), stamped.Seq);
        LastSeq = Math.Max(LastSeq, stamped.Seq);
        Count++;
    }

    /// <summary>
    /// Rebuilds the owner from its stored events on activation: <paramref name="apply"/> folds each into the owner's state
    /// and says whether the event is the owner's own (its key and Seq are then remembered) or only observed.
    /// </summary>
    public async Task ReplayAsync(IAsyncEnumerable<CountyEvent> stored, Func<CountyEvent, bool> apply, CancellationToken ct)
    {
        await foreach (var e in stored.WithCancellation(ct))
            if (apply(e)) Replayed(e);
    }

    /// <summary>
    /// An owner's batch, all or nothing per event: a retry is answered "duplicate"; each new event is stamped in the grid
    /// <paramref name="gridOf"/> names and applied (<paramref name="apply"/> returns a refusal to leave it out); then the
    /// applied events are stored before any "accepted" is answered. Stored is false when the store failed: the owner's
    /// state is then ahead of the log (see <see cref="StoreAsync"/>).
    /// </summary>
    public async Task<(ApplyOutcome[] Outcomes, List<CountyEvent> Applied, bool Stored)> ApplyAndStoreAsync(
        CountyEvent[] batch, Func<CountyEvent, string> gridOf, Func<CountyEvent, Refusal?> apply)
    {
        var outcomes = new ApplyOutcome[batch.Length];
        var applied = new List<CountyEvent>();
        for (var i = 0; i < batch.Length; i++)
        {
            var e = batch[i];
            if (IsDuplicate(e)) { outcomes[i] = ApplyOutcome.Duplicate; continue; }
            var stamped = Stamp(e, gridOf(e));
            if (apply(stamped) is { } refusal) { outcomes[i] = ApplyOutcome.Refused(refusal); continue; }
            Applied(stamped);
            applied.Add(stamped);
            outcomes[i] = ApplyOutcome.Accepted(stamped.GridCode);
        }
        var stored = await StoreAsync(applied, outcomes);
        return (outcomes, applied, stored);
    }

    /// <summary>
    /// Stores the applied events; true when they are in the log. On false every accepted outcome has become "failed" and the
    /// caller's state is ahead of the log: it must not serve again before it is rebuilt from the log (deactivate).
    /// </summary>
    public async Task<bool> StoreAsync(List<CountyEvent> applied, ApplyOutcome[] outcomes)
    {
        try
        {
            await writer.AppendAsync(applied);
            return true;
        }
        catch (Exception)
        {
            for (var i = 0; i < outcomes.Length; i++)
                if (outcomes[i].Status == IngestStatus.Accepted) outcomes[i] = NotStored;
            return false;
        }
    }

    public static readonly ApplyOutcome NotStored = new(IngestStatus.Failed, null, new Refusal("storage_unavailable", "the event log could not be written: retry"));
}
