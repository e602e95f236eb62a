using SiloStatus = CommandCenter.Live.SiloStatus;
using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Ingest;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Live;

public sealed partial class CountySilo
{
    /// <summary>A submission taken from the mailbox: how far it has been applied, and its outcomes so far.</summary>
    private sealed class Submission(SiloMessage.Submit submit)
    {
        public SiloMessage.Submit Submit { get; } = submit;
        public ApplyOutcome[] Outcomes { get; } = new ApplyOutcome[submit.Events.Count];
        public int Applied { get; set; }
        public bool FullyApplied => Applied == Submit.Events.Count;
    }

    /// <summary>Events applied to the grains whose one event-log write may still be running.</summary>
    private sealed class Chunk
    {
        /// <summary>Each submission with events in this chunk, and the index after its last event here.</summary>
        public List<(Submission Submission, int From, int To)> Parts { get; } = [];
        public List<CountyEvent> Accepted { get; } = [];
        /// <summary>The screens' view of the grains right after this chunk: sent only once the chunk is stored.</summary>
        public LiveUpdate? Update { get; set; }
        public Task Write { get; set; } = Task.CompletedTask;
    }

    /// <summary>
    /// Group commit, pipelined. Submissions are applied to the grains in arrival order in chunks of at most
    /// <see cref="SiloOptions.MaxGroupEvents"/> events (several small submissions share a chunk, a big one spans several);
    /// each chunk is stored with one event-log write, and while that write is in flight the next chunk is applied. So the
    /// grains' CPU and InfluxDB's write overlap instead of taking turns. Up to <see cref="SiloOptions.MaxWritesInFlight"/>
    /// writes run at once; they start, and are answered, in apply order. A submission is answered when its last chunk is
    /// stored, and a chunk's live update goes to the screens only once it is stored: nobody hears "accepted", and no screen
    /// shows an event, before it is in the log. A failed write degrades the silo: the events of that chunk and of everything
    /// applied or taken behind it are answered "failed" (events of earlier, stored chunks stay accepted; a write behind it that
    /// landed anyway makes a retry a duplicate) and, once the writes behind it have ended, the grains are rebuilt from the log. Any other message (a read,
    /// the tick, recovery) ends the pipeline and runs after the writes in flight, so it sees only stored state.
    /// </summary>
    private async Task CommitGroupAsync(SiloMessage.Submit first, CancellationToken ct)
    {
        var waiting = new Queue<Submission>();
        waiting.Enqueue(new Submission(first));
        if (Status != SiloStatus.Ready)
        {
            TakeQueuedSubmissions(waiting, int.MaxValue);
            var why = $"the silo is {Status.ToString().ToLowerInvariant()}: retry shortly";
            foreach (var s in waiting) s.Submit.Done.SetResult(s.Submit.Events.Select(_ => Failed(why)).ToArray());
            return;
        }

        var inFlight = new Queue<Chunk>(); // written or being written, oldest first; answered in this order
        void Start(Chunk c)
        {
            c.Write = StartWrite(c.Accepted, ct);
            inFlight.Enqueue(c);
        }

        Start(ApplyChunk(waiting));
        while (inFlight.Count > 0)
        {
            Chunk? next = null;
            if (waiting.Count > 0) next = ApplyChunk(waiting);
            else if (await NextSubmitBeforeAsync(inFlight.Peek().Write, ct) is { } arrived)
            {
                waiting.Enqueue(new Submission(arrived));
                next = ApplyChunk(waiting);
            }
            if (next is not null && inFlight.Count < Math.Max(1, options.MaxWritesInFlight))
            {
                Start(next);
                continue;
            }
            if (!await FinishAsync(inFlight.Dequeue(), ct))
            {
                // the grains are ahead of the log now and will be rebuilt from it, so the writes still in flight must end
                // first; what is behind the failed chunk is answered "failed" (if such a write did land, a retry is a duplicate)
                foreach (var c in inFlight)
                    try { await c.Write; } catch (Exception) when (!ct.IsCancellationRequested) { }
                var behind = inFlight.Append(next).SelectMany(c => c?.Parts.Select(p => p.Submission) ?? []).Concat(waiting)
                    .Distinct().Where(s => !s.Submit.Done.Task.IsCompleted);
                foreach (var s in behind.ToList()) FailRest(s, 0);
                return;
            }
            if (next is not null) Start(next);
        }
    }

    /// <summary>Moves submissions queued in the mailbox (and nothing else) into <paramref name="waiting"/>, up to about <paramref name="events"/> events.</summary>
    private void TakeQueuedSubmissions(Queue<Submission> waiting, int events)
    {
        var size = waiting.Sum(s => s.Submit.Events.Count - s.Applied);
        while (size < events && _mailbox.Reader.TryPeek(out var next) && next is SiloMessage.Submit s && _mailbox.Reader.TryRead(out _))
        {
            waiting.Enqueue(new Submission(s));
            size += s.Events.Count;
        }
    }

    /// <summary>Applies the next events of the waiting submissions (taking more from the mailbox while there is room), at most MaxGroupEvents.</summary>
    private Chunk ApplyChunk(Queue<Submission> waiting)
    {
        var room = Math.Max(1, options.MaxGroupEvents);
        TakeQueuedSubmissions(waiting, room);
        var chunk = new Chunk();
        while (room > 0 && waiting.TryPeek(out var s))
        {
            var from = s.Applied;
            var to = Math.Min(s.Submit.Events.Count, from + room);
            for (var i = from; i < to; i++)
            {
                var e = s.Submit.Events[i];
                var seq = _clock.Next();
                if (!e.TryStampSeq(seq)) e = e with { Seq = seq };
                var outcome = _model.Apply(e);
                s.Outcomes[i] = outcome;
                if (outcome.Status == IngestStatus.Accepted) chunk.Accepted.Add(e.GridCode == outcome.GridCode ? e : e with { GridCode = outcome.GridCode! });
            }
            s.Applied = to;
            room -= to - from;
            chunk.Parts.Add((s, from, to));
            if (s.FullyApplied) waiting.Dequeue();
        }
        chunk.Update = TakeUpdate(time.GetUtcNow(), chunk.Accepted);
        return chunk;
    }

    /// <summary>Encodes and writes off the silo's loop, so the next chunk can be applied meanwhile.</summary>
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
        if (write.IsCompleted) return null; // answer the stored chunk first
        if (_mailbox.Reader.TryPeek(out var next) && next is SiloMessage.Submit s && _mailbox.Reader.TryRead(out _)) return s;
        return null;
    }

    /// <summary>Waits for the chunk's write; answers the submissions it completes. True when it was stored.</summary>
    private async Task<bool> FinishAsync(Chunk chunk, CancellationToken ct)
    {
        try
        {
            await chunk.Write;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError("event log write of {Count} events failed ({Error}); refusing events until the grains are rebuilt from the log",
                chunk.Accepted.Count, ex.Message);
            Status = SiloStatus.Degraded;
            foreach (var (s, from, _) in chunk.Parts) FailRest(s, from);
            _ = ScheduleRecoveryAsync(ct);
            return false;
        }

        EventsApplied += chunk.Accepted.Count;
        foreach (var (s, _, to) in chunk.Parts)
            if (to == s.Submit.Events.Count) s.Submit.Done.SetResult(s.Outcomes);
        if (chunk.Update is { } update) Updated?.Invoke(update);
        return true;
    }

    /// <summary>Answers a submission whose events from <paramref name="from"/> on are not stored: those accepted become "failed".</summary>
    private static void FailRest(Submission s, int from)
    {
        if (s.Submit.Done.Task.IsCompleted) return;
        var outcomes = s.Outcomes.ToArray();
        for (var i = from; i < outcomes.Length; i++)
            if (i >= s.Applied || outcomes[i].Status == IngestStatus.Accepted) outcomes[i] = Failed("the event log could not be written: retry");
        s.Submit.Done.SetResult(outcomes);
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
