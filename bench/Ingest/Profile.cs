using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;
using CommandCenter.Ingest;
using CommandCenter.Ingest.Api;
using CommandCenter.Live;
using CommandCenter.TestSupport;
using CommandCenter.Storage;
using CommandCenter.Views;

namespace CommandCenter.Bench.Ingest;

/// <summary>
/// Where the host's CPU goes for one batch: the steps a 5,000-event request takes through the host
/// (parse, locate grids, grain apply, live summaries, line-protocol encoding, response JSON), re-run here
/// in-process on one thread with the project's own code. Median of several runs after warm-up.
/// Not the host itself (no HTTP, no DI, no contention): an estimate of the CPU part of a request.
/// </summary>
public static class Profile
{
    /// <summary>A step's median CPU time and bytes allocated on the thread, per batch.</summary>
    public sealed record Step(string Name, double Ms, double AllocatedKb);

    public static List<Step> PerBatch(EventFactory factory, CountyMap map, int batch = 5000, int warmups = 3, int runs = 7)
    {
        var model = new CountyModel(map, new GrainOptions());
        var validator = new EventValidator(map, new IngestOptions());
        var clock = new SeqClock(TimeProvider.System);
        var samples = new Dictionary<string, List<double>>();
        var allocations = new Dictionary<string, List<double>>();
        // the request bodies up front: making them (megabyte arrays) inside the loop would add collections the host does not have
        var bodies = Enumerable.Range(0, warmups + runs).Select(run => EventFactory.Bodies(factory.Wire($"profile{run}", batch), batch)[0]).ToList();
        for (var run = 0; run < warmups + runs; run++)
        {
            var body = bodies[run];
            bodies[run] = [];
            var t = Stopwatch.StartNew();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            void Mark(string step)
            {
                var now = GC.GetAllocatedBytesForCurrentThread();
                if (run >= warmups)
                {
                    (samples.TryGetValue(step, out var l) ? l : samples[step] = new List<double>()).Add(t.Elapsed.TotalMilliseconds);
                    (allocations.TryGetValue(step, out var a) ? a : allocations[step] = new List<double>()).Add((now - allocated) / 1024.0);
                }
                allocated = GC.GetAllocatedBytesForCurrentThread();
                t.Restart();
            }

            // 1. The endpoint: read the body, each element to a WireEvent (the host's own reader).
            var items = IngestBatchReader.Read(body);
            Mark("parse request JSON");

            // 2. The host's validator (its main cost: the grid from lon/lat).
            var events = new List<CountyEvent>(batch);
            var now = DateTimeOffset.UtcNow;
            foreach (var item in items)
                events.Add(validator.Validate(item.Event!, HostProcess.Source, now).Event ?? throw new InvalidOperationException("the profile's event was refused"));
            Mark("validate (locate grid)");

            // 3. The silo loop: Seq, grain apply.
            var accepted = new List<CountyEvent>(batch);
            var outcomes = new ApplyOutcome[batch];
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i] with { Seq = clock.Next() };
                outcomes[i] = model.Apply(e);
                if (outcomes[i].Status == IngestStatus.Accepted) accepted.Add(e.GridCode == outcomes[i].GridCode ? e : e with { GridCode = outcomes[i].GridCode! });
            }
            Mark("silo: grain apply");

            // 4. The event store: line protocol as UTF-8, as EventStore writes it through InfluxClient.
            using (var lines = new LineBody(accepted.Count * 256))
            {
                var writer = new LineWriter();
                foreach (var e in accepted)
                {
                    writer.Begin(lines, EventCodec.Measurement);
                    EventCodec.Write(writer, e, map.StreetOf(e.GridCode).Code);
                    writer.End(EventCodec.Measurement);
                    lines.AppendAscii('\n');
                }
            }
            Mark("silo: encode line protocol");

            // 5. After the write: the live update the silo publishes (changed grids, streets, county).
            var changed = model.TakeChangedGrids();
            var grids = changed.Select(c => GridSummary.Of(model.FindGrid(c)!)).ToList();
            var streets = map.Streets.Select(s => AreaSummary.Of(model.FindAggregate(s.Code)!)).ToList();
            _ = AreaSummary.Of(model.County);
            Mark("silo: live summaries");

            // 6. The answer: one result per event.
            var results = accepted.Select((e, i) => new IngestResult(i, e.Id, IngestStatus.Accepted, null, e.GridCode)).ToList();
            JsonSerializer.Serialize(Stream.Null, new IngestResponse(results.Count, 0, 0, 0, results), IngestJson.Options); // the host streams it
            Mark("response JSON");
            GC.KeepAlive(grids);
            GC.KeepAlive(streets);
        }
        return samples.Select(s => new Step(s.Key, Median(s.Value), Median(allocations[s.Key]))).ToList();
    }

    private static double Median(List<double> v)
    {
        v.Sort();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }
}
