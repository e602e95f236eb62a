using System.Diagnostics;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;
using CommandCenter.Ingest;
using CommandCenter.Ingest.Api;
using CommandCenter.Simulation;
using CommandCenter.Live;

namespace CommandCenter.Bench.Replay;

/// <summary>A stored day as the host would have stored it, and how it was made.</summary>
public sealed record Day(
    List<CountyEvent> Events, DateTimeOffset From, DateTimeOffset To, long Generated, long Rejected, string? FirstRejection,
    Dictionary<string, int> ByType, int Grids, double Seconds, List<SnapshotCapture> Snapshots);

/// <summary>
/// A day of county traffic made in-process with the host's own pieces, as if the simulator had fed the live host
/// all day: <see cref="CountyScenario"/> (the simulator's model: workers on shifts, alarms, cases, drills) is
/// stepped every 200 ms of simulated time over the day; each wire event goes through the ingest API's
/// <see cref="EventValidator"/> (grid located from lon/lat) and the silo's <see cref="CountyModel"/> (the grains'
/// rules; acknowledgements and case moves routed to their grid), and gets a strictly increasing accept timestamp
/// 50 ms after it occurred, exactly what <c>CountySilo</c> stores. The model is ticked every 2 s like the silo.
/// Events the rules refuse are reported back to the scenario (its follow-ups stop), and not stored.
/// Snapshots are captured as the live silo's <c>SnapshotWriter</c> captures them with the default
/// <see cref="SnapshotOptions"/> (checked every 30 s of event time; due after 1 h of event time or 200,000 events),
/// to be stored after the events (<c>CountySilo.WriteSnapshotAsync</c>, the silo's own code).
/// </summary>
public static class DayGenerator
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(200), Tick = TimeSpan.FromSeconds(2), AcceptLatency = TimeSpan.FromMilliseconds(50);

    public static Day Generate(CountyMap map, SimulatorOptions options, DateTimeOffset from, DateTimeOffset to, Action<string> say)
    {
        var sw = Stopwatch.StartNew();
        var scenario = new CountyScenario(new Random(options.Seed), map, options);
        var validator = new EventValidator(map, new IngestOptions());
        var model = new CountyModel(map, new GrainOptions(), TimeSpan.FromHours(48));
        var expected = (int)((to - from).TotalSeconds * options.EventsPerSecond * 1.05);
        var events = new List<CountyEvent>(expected);
        var byType = new Dictionary<string, int>();
        long last = 0, generated = 0, rejected = 0;
        string? firstRejection = null;
        var nextTick = from + Tick;
        var nextReport = from + TimeSpan.FromHours(3);
        var snapshotOptions = new SnapshotOptions();
        var snapshots = new List<SnapshotCapture>();
        var nextCheck = from + snapshotOptions.CheckInterval;
        long snapshotSeq = 0, snapshotApplied = 0;
        var fingerprint = model.Fingerprint();
        var end = to - TimeSpan.FromSeconds(1); // the last accept time stays inside (from, to]
        for (var t = from + Step; t <= end; t += Step)
        {
            var batch = scenario.Step(t);
            generated += batch.Count;
            List<IngestResult>? refused = null;
            for (var i = 0; i < batch.Count; i++)
            {
                var w = batch[i];
                var seq = Math.Max(Ns((w.OccurredAt ?? t) + AcceptLatency), last + 1);
                var acceptedAt = FromNs(seq);
                var (e, reason) = validator.Validate(w, options.Source, acceptedAt);
                if (e is not null)
                {
                    e = e with { Seq = seq };
                    var outcome = model.Apply(e);
                    if (outcome.Status == IngestStatus.Accepted)
                    {
                        last = seq;
                        var stored = e with { GridCode = outcome.GridCode! };
                        events.Add(stored);
                        var type = stored.Type.ToWire();
                        byType[type] = byType.GetValueOrDefault(type) + 1;
                        continue;
                    }
                    reason = outcome.Refusal?.ToString() ?? outcome.Status.ToString();
                }
                rejected++;
                firstRejection ??= $"{w.Type?.ToWire()} {w.Id}: {reason}";
                (refused ??= []).Add(new IngestResult(i, w.Id, IngestStatus.Rejected, reason));
            }
            if (refused is not null) scenario.OnResults(batch, new IngestResponse(batch.Count - refused.Count, 0, refused.Count, 0, refused));
            if (t >= nextTick)
            {
                model.Tick(t);
                model.TakeChangedGrids();
                nextTick += Tick;
            }
            if (t >= nextCheck)
            {
                nextCheck += snapshotOptions.CheckInterval;
                if (model.LastSeq > snapshotSeq && (snapshotSeq == 0 || events.Count - snapshotApplied >= snapshotOptions.EveryEvents ||
                                                    model.LastSeq - snapshotSeq >= snapshotOptions.EveryEventTime.Ticks * 100))
                {
                    snapshots.Add(new SnapshotCapture(model.Clone(), model.Dedupe.EntriesAfter(snapshotSeq), snapshotSeq, events.Count, model.Dedupe.WindowNs, fingerprint));
                    snapshotSeq = model.LastSeq;
                    snapshotApplied = events.Count;
                }
            }
            if (t >= nextReport)
            {
                say($"  … {(t - from).TotalHours:0} h simulated: {events.Count:N0} events ({sw.Elapsed.TotalSeconds:0} s)");
                nextReport += TimeSpan.FromHours(3);
            }
        }
        return new Day(events, from, to, generated, rejected, firstRejection, byType, model.ActiveGrids.Count, sw.Elapsed.TotalSeconds, snapshots);
    }

    public static long Ns(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
    public static DateTimeOffset FromNs(long ns) => DateTimeOffset.UnixEpoch.AddTicks(ns / 100);
}
