using CommandCenter.Events;
using CommandCenter.Grains;
using CommandCenter.Ingest;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Live;

public sealed partial class CountySilo
{
    /// <summary>A group applied to the grains whose event-log write may still be running; nobody has been answered yet.</summary>
    private sealed class AppliedGroup(List<SiloMessage.Submit> submits, ApplyOutcome[][] outcomes, List<CountyEvent> accepted, LiveUpdate? update)
    {
        public List<SiloMessage.Submit> Submits { get; } = submits;
        public ApplyOutcome[][] Outcomes { get; } = outcomes;
        public List<CountyEvent> Accepted { get; } = accepted;
        /// <summary>The screens' view of the grains right after this group: sent only once the group is stored.</summary>
        public LiveUpdate? Update { get; } = update;
        public Task Write { get; set; } = Task.CompletedTask;
    }

    /// <summary>
    /// Group commit, pipelined: applies this submission and every one queued behind it, starts their one event-log write,
    /// and while that write is in flight applies the next group of submissions if one is waiting. Then it waits for the
    /// write, answers its submitters and publishes the group's live update, and starts the next group's write. So at most
    /// one write is in flight, writes go out in apply order, nobody hears "accepted" before their group is stored, and
    /// the screens never see a group before it is stored. A failed write degrades the silo: that group and the one applied
    /// behind it are answered "failed" and the grains are rebuilt from the log. Anything else in the mailbox (a read, the
    /// tick, recovery) ends the pipeline: it runs after the write in flight is done, so it sees only stored state.
    /// </summary>
    private async Task CommitGroupAsync(SiloMessage.Submit first, CancellationToken ct)
    {
        var group = Apply(first);
        if (group is null) return;
        group.Write = StartWrite(group.Accepted, ct);
        while (true)
        {
            var next = await NextSubmitBeforeAsync(group.Write, ct) is { } s ? Apply(s) : null;
            var stored = await FinishAsync(group, ct);
            if (next is null) return;
            if (!stored)
            {
                Answer(next, next.Outcomes.Select(o => o.Select(x => x.Status == IngestStatus.Accepted ? Failed("the event log could not be written: retry") : x).ToArray()).ToArray());
                return;
            }
            group = next;
            group.Write = StartWrite(group.Accepted, ct);
        }
    }

    /// <summary>Applies <paramref name="first"/> and the submissions queued right behind it; null when the silo refused them (not ready).</summary>
    private AppliedGroup? Apply(SiloMessage.Submit first)
    {
        var submits = new List<SiloMessage.Submit> { first };
        var size = first.Events.Count;
        while (size < options.MaxGroupEvents && _mailbox.Reader.TryPeek(out var next) && next is SiloMessage.Submit s)
        {
            _mailbox.Reader.TryRead(out _);
            submits.Add(s);
            size += s.Events.Count;
        }

        if (Status != SiloStatus.Ready)
        {
            var why = $"the silo is {Status.ToString().ToLowerInvariant()}: retry shortly";
            foreach (var s in submits) s.Done.SetResult(s.Events.Select(_ => Failed(why)).ToArray());
            return null;
        }

        var accepted = new List<CountyEvent>(size);
        var outcomes = submits.Select(s => new ApplyOutcome[s.Events.Count]).ToArray();
        for (var g = 0; g < submits.Count; g++)
            for (var i = 0; i < submits[g].Events.Count; i++)
            {
                var e = submits[g].Events[i] with { Seq = _clock.Next() };
                var outcome = _model.Apply(e);
                outcomes[g][i] = outcome;
                if (outcome.Status == IngestStatus.Accepted) accepted.Add(e with { GridCode = outcome.GridCode! });
            }
        return new AppliedGroup(submits, outcomes, accepted, TakeUpdate(time.GetUtcNow(), accepted));
    }

    /// <summary>Encodes and writes off the silo's loop, so the next group can be applied meanwhile.</summary>
    private Task StartWrite(List<CountyEvent> accepted, CancellationToken ct) =>
        accepted.Count == 0 ? Task.CompletedTask : Task.Run(() => store.AppendAsync(accepted, ct), ct);

    /// <summary>
    /// Waits until <paramref name="write"/> is done or a submission arrives, whichever is first; returns that submission
    /// (taken from the mailbox) or null — also when the next message is not a submission, which must wait for the write.
    /// </summary>
    private async Task<SiloMessage.Submit?> NextSubmitBeforeAsync(Task write, CancellationToken ct)
    {
        if (!write.IsCompleted && !_mailbox.Reader.TryPeek(out _))
        {
            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var arrival = _mailbox.Reader.WaitToReadAsync(stopWaiting.Token).AsTask();
            if (await Task.WhenAny(write, arrival) == write)
            {
                stopWaiting.Cancel();
                try { await arrival; } catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
                return null;
            }
        }
        if (write.IsCompleted) return null; // answer the stored group first
        if (_mailbox.Reader.TryPeek(out var next) && next is SiloMessage.Submit s && _mailbox.Reader.TryRead(out _)) return s;
        return null;
    }

    /// <summary>Waits for the group's write; answers its submitters. True when it was stored.</summary>
    private async Task<bool> FinishAsync(AppliedGroup group, CancellationToken ct)
    {
        try
        {
            await group.Write;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError("event log write of {Count} events failed ({Error}); refusing events until the grains are rebuilt from the log",
                group.Accepted.Count, ex.Message);
            Status = SiloStatus.Degraded;
            Answer(group, group.Outcomes.Select(o => o.Select(x => x.Status == IngestStatus.Accepted ? Failed("the event log could not be written: retry") : x).ToArray()).ToArray());
            _ = ScheduleRecoveryAsync(ct);
            return false;
        }

        EventsApplied += group.Accepted.Count;
        Answer(group, group.Outcomes);
        if (group.Update is { } update) Updated?.Invoke(update);
        return true;
    }

    private static void Answer(AppliedGroup group, ApplyOutcome[][] outcomes)
    {
        for (var g = 0; g < group.Submits.Count; g++) group.Submits[g].Done.SetResult(outcomes[g]);
    }

    /// <summary>What changed in the grains since the last update (the changed grids, every street, the county); null when nothing did.</summary>
    private LiveUpdate? TakeUpdate(DateTimeOffset at, IReadOnlyList<CountyEvent> events)
    {
        var changed = _model.TakeChangedGrids();
        if (events.Count == 0 && changed.Count == 0) return null;
        var grids = changed.Select(c => Views.GridSummary.Of(_model.FindGrid(c)!)).ToList();
        var streets = _model.Map.Streets.Select(s => Views.AreaSummary.Of(_model.FindAggregate(s.Code)!)).ToList();
        return new LiveUpdate(++_version, at, events, grids, streets, Views.AreaSummary.Of(_model.County));
    }
}
