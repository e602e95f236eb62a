using CommandCenter.Events;
using CommandCenter.Grains;
using CommandCenter.Ingest;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Live;

public sealed partial class CountySilo
{
    /// <summary>Applies this submission and every one queued behind it, then stores them with one write.</summary>
    private async Task CommitGroupAsync(SiloMessage.Submit first, CancellationToken ct)
    {
        var group = new List<SiloMessage.Submit> { first };
        var size = first.Events.Count;
        while (size < options.MaxGroupEvents && _mailbox.Reader.TryPeek(out var next) && next is SiloMessage.Submit s)
        {
            _mailbox.Reader.TryRead(out _);
            group.Add(s);
            size += s.Events.Count;
        }

        if (Status != SiloStatus.Ready)
        {
            var why = $"the silo is {Status.ToString().ToLowerInvariant()}: retry shortly";
            foreach (var s in group) s.Done.SetResult(s.Events.Select(_ => Failed(why)).ToArray());
            return;
        }

        var accepted = new List<CountyEvent>(size);
        var outcomes = group.Select(s => new ApplyOutcome[s.Events.Count]).ToArray();
        for (var g = 0; g < group.Count; g++)
            for (var i = 0; i < group[g].Events.Count; i++)
            {
                var e = group[g].Events[i] with { Seq = _clock.Next() };
                var outcome = _model.Apply(e);
                outcomes[g][i] = outcome;
                if (outcome.Status == IngestStatus.Accepted) accepted.Add(e with { GridCode = outcome.GridCode! });
            }

        try
        {
            await store.AppendAsync(accepted, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError("event log write of {Count} events failed ({Error}); refusing events until the grains are rebuilt from the log",
                accepted.Count, ex.Message);
            Status = SiloStatus.Degraded;
            foreach (var o in outcomes)
                for (var i = 0; i < o.Length; i++)
                    if (o[i].Status == IngestStatus.Accepted) o[i] = Failed("the event log could not be written: retry");
            for (var g = 0; g < group.Count; g++) group[g].Done.SetResult(outcomes[g]);
            _ = ScheduleRecoveryAsync(ct);
            return;
        }

        EventsApplied += accepted.Count;
        for (var g = 0; g < group.Count; g++) group[g].Done.SetResult(outcomes[g]);
        Publish(time.GetUtcNow(), accepted);
    }
}
