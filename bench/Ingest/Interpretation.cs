using System.Globalization;

namespace CommandCenter.Bench.Ingest;

/// <summary>A few sentences on what the figures mean, with this run's numbers filled in.</summary>
public static class Interpretation
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IEnumerable<string> Lines(IReadOnlyList<CellResult> durable, IReadOnlyDictionary<int, CellResult> raw, IReadOnlyList<Profile.Step> profile)
    {
        CellResult? D(int batch, int senders) => durable.FirstOrDefault(r => r.Batch == batch && r.Senders == senders);
        var cpuTotal = profile.Sum(p => p.Ms);

        if (D(1, 1) is { } one && D(1, 8) is { } oneBy8)
            yield return $"Batch 1 is bound by per-request work, not by InfluxDB: with 1 sender every event is a full round trip " +
                         $"(HTTP, JSON, validation, its own group commit = one `/write` with a WAL fsync in influxd, the answer), " +
                         $"p50 {Ms(one.Percentile(50))} → {N(one.EventsPerSecond)} events/s. 8 senders reach {N(oneBy8.EventsPerSecond)} " +
                         $"(×{(oneBy8.EventsPerSecond / one.EventsPerSecond).ToString("0.0", Inv)}) because requests that queue during a write are " +
                         $"folded into the next group commit; then the host's per-request HTTP/JSON work uses {C(oneBy8, "host")} cores and the machine is " +
                         $"{Pct(oneBy8, "machine busy")} busy.";

        if (D(1, 1) is { } b1 && D(100, 1) is { } b100 && D(5000, 1) is { } b5000)
            yield return $"Batching is what buys throughput: 1 sender goes {N(b1.EventsPerSecond)} → {N(b100.EventsPerSecond)} → " +
                         $"{N(b5000.EventsPerSecond)} events/s for batches of 1 → 100 → 5,000, as the per-request and per-write costs are paid once per batch.";

        if (D(5000, 1) is { } big1 && raw.TryGetValue(1, out var raw1))
        {
            var top = profile.OrderByDescending(p => p.Ms).Take(2).Select(p => $"{p.Name} {Ms(p.Ms)}");
            yield return $"At batch 5,000 with 1 sender a request takes p50 {Ms(big1.Percentile(50))}: the 5,000-line InfluxDB write alone takes " +
                         $"{Ms(raw1.Percentile(50))} (raw, 1 writer) and the host's CPU steps add ~{Ms(cpuTotal)} per 5,000 events in-process " +
                         $"(largest: {string.Join(", ", top)}). With one sender only the request itself can overlap: the silo applies and writes it in " +
                         $"pieces (`Silo:MaxGroupEvents`) with up to two writes in flight, so the second piece is applied while the first is written; " +
                         $"durable reaches {(big1.EventsPerSecond / raw1.EventsPerSecond).ToString("0.00", Inv)} of the raw rate " +
                         $"(host {C(big1, "host")} + influxd {C(big1, "influxd")} cores; " +
                         (Idle(big1) >= 0.10
                             ? $"the machine was {Pct(big1, "machine idle")} idle: the request's chain of steps, not CPU, is the limit)."
                             : $"the machine was saturated ({Pct(big1, "machine busy")} busy), other processes included).");
        }

        if (D(5000, 1) is { } c1 && D(5000, 8) is { } c8 && raw.TryGetValue(1, out var r1) && raw.TryGetValue(8, out var r8))
        {
            // CPU per event on each side: with the machine busy, this bounds the ratio whatever the pipeline does
            double Us(CellResult r, string who) => r.Cores.TryGetValue(who, out var c) && c is { } v && r.EventsPerSecond > 0 ? v / r.EventsPerSecond * 1e6 : double.NaN;
            var (hostUs, influxUs, rawUs) = (Us(c8, "host"), Us(c8, "influxd"), Us(r8, "influxd"));
            var bound = Environment.ProcessorCount * 1e6 / (hostUs + influxUs);
            yield return $"8 senders at batch 5,000 give {N(c8.EventsPerSecond)} events/s vs {N(c1.EventsPerSecond)} with 1, while raw with 8 parallel writers goes " +
                         $"{N(r1.EventsPerSecond)} → {N(r8.EventsPerSecond)}. The silo applies queued requests in order and keeps up to two writes in flight " +
                         $"(answers and screens follow the apply order). The machine was {Pct(c8, "machine busy")} busy: per event the host used " +
                         $"{hostUs.ToString("0.0", Inv)} µs of CPU and influxd {influxUs.ToString("0.0", Inv)} µs, against {rawUs.ToString("0.0", Inv)} µs per point for " +
                         $"influxd alone in the raw cell. On {Environment.ProcessorCount} cores that bounds durable ingest near " +
                         $"{N(bound)} events/s ({(bound / r8.EventsPerSecond).ToString("0.00", Inv)} of raw) however the work is scheduled: beyond it only less " +
                         $"CPU per event helps. Durable ÷ raw = {(c8.EventsPerSecond / r8.EventsPerSecond).ToString("0.00", Inv)} at 8 senders " +
                         $"(p50 {Ms(c8.Percentile(50))} per request: 8 requests queue for one silo).";
        }

        var all = durable.Concat(raw.Values).ToList();
        var verdict = all.All(r => r.StoredMatches && r.Error is null)
            ? $"In every cell `SELECT COUNT(id) FROM event` equals the accepted count ({all.Count} of {all.Count}): an `accepted` answer means the event is in InfluxDB."
            : $"**Stored ≠ accepted in {all.Count(r => !r.StoredMatches)} cell(s)**, see the table and Problems.";
        var noisy = all.Select(r => (r, other: Report.Other(r) ?? 0)).Where(x => x.other >= 0.25).ToList();
        if (noisy.Count > 0)
            verdict += $" Other processes used up to {noisy.Max(x => x.other).ToString("0.00", Inv)} cores in {noisy.Count} cell(s) (column other): " +
                       "on this shared 2-core machine such cells read low; rerun for steadier figures.";
        yield return verdict;
    }

    private static double Idle(CellResult r) => r.Cores.TryGetValue("machine idle", out var c) && c is { } v ? v : 0;
    private static string N(double v) => v.ToString("N0", Inv);
    private static string Ms(double v) => v.ToString(v < 10 ? "0.0" : "0", Inv) + " ms";
    private static string C(CellResult r, string who) => r.Cores.TryGetValue(who, out var c) && c is { } v ? v.ToString("0.00", Inv) : "?";
    private static string Pct(CellResult r, string who) => r.Cores.TryGetValue(who, out var c) && c is { } v ? (v * 100).ToString("0", Inv) + " %" : "?";
}
