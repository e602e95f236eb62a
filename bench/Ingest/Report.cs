using CommandCenter.Bench;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CommandCenter.Bench.Ingest;

/// <summary>bench/results/ingest.md: when, where, how, the figures and what they mean.</summary>
public static class Report
{
    public static string Render(IReadOnlyList<CellResult> results, IReadOnlyList<Profile.Step> profile, string loadAtStart, string command, string influxVersion, double seconds, double warmupSeconds, TimeSpan total)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var durable = results.Where(r => r.Kind == "durable").ToList();
        var raw = results.Where(r => r.Kind == "raw").ToDictionary(r => r.Senders);

        sb.AppendLine("# Ingest benchmark: durable `POST /api/v1/events` vs raw InfluxDB writes").AppendLine();
        sb.AppendLine($"- Date: {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", inv)}");
        sb.AppendLine($"- Machine: {Machine.Description}");
        sb.AppendLine($"- Load average when the run started (1 / 5 / 15 min): {loadAtStart}; at the end: {Machine.LoadAverage}. The machine is shared: other work shows as `other` cores below");
        sb.AppendLine($"- Disk under the influxd data dir: {Machine.Disk(Path.GetTempPath())}");
        sb.AppendLine($"- Software: .NET {RuntimeInformation.FrameworkDescription.Replace(".NET ", "")}, influxd `{influxVersion}` (default config: WAL fsync on every write)");
        sb.AppendLine($"- Command: `{command}`");
        sb.AppendLine($"- Whole run: {total.TotalSeconds.ToString("0", inv)} s; each cell first runs an untimed warm-up (up to {warmupSeconds.ToString("0.#", inv)} s or as many events as its timed part: " +
                      $"a fresh host's JIT is still compiling its hot code, which a host that has run for days is not), then stops after {seconds.ToString("0.#", inv)} s or its event count, whichever comes first. " +
                      "Run order: durable batch 1 ×1, ×8; batch 100 ×1, ×8; batch 5,000 ×1, raw ×1; batch 5,000 ×8, raw ×8 (each raw cell right after the durable cell it is compared with)");
        sb.AppendLine();

        sb.AppendLine("## Figures").AppendLine();
        sb.AppendLine("Durable = events/s the real host answered `accepted` (HTTP 200; stored in InfluxDB before the answer). " +
                      "Raw = the same events, encoded as the event store encodes them (`EventCodec.Write`) before the clock starts, written with `InfluxClient.WriteLinesAsync` into the same influxd. " +
                      "Latency is per request (durable: one POST; raw: one 5,000-line `/write`). " +
                      $"Cores = CPU seconds per wall second during the timed part of the cell: the host process, influxd, the bench client, and other = everything else on the machine ({Environment.ProcessorCount} cores in all). " +
                      "Stored = `SELECT COUNT(id) FROM event` in the cell's fresh database afterwards (includes the untimed warm-up).").AppendLine();
        sb.AppendLine("| cell | batch | senders | requests | events accepted | events/s | p50 ms | p99 ms | stored = accepted? | cores host / influxd / bench / other | durable ÷ raw (same senders) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|");
        foreach (var r in results)
        {
            var ratio = r.Kind == "durable" && raw.TryGetValue(r.Senders, out var x) && x.EventsPerSecond > 0
                ? (r.EventsPerSecond / x.EventsPerSecond).ToString("0.00", inv) : "";
            var check = r.StoredMatches
                ? $"yes: {r.Stored.ToString("N0", inv)} = {r.WarmupAccepted.ToString("N0", inv)} warm-up + {r.Accepted.ToString("N0", inv)}"
                : $"**NO**: {r.Stored.ToString("N0", inv)} stored, {(r.WarmupAccepted + r.Accepted).ToString("N0", inv)} accepted";
            if (r.Rejected + r.Failed + r.Duplicates > 0) check += $" ({r.Rejected} rejected, {r.Failed} failed, {r.Duplicates} duplicate)";
            sb.AppendLine($"| {r.Kind} | {r.Batch.ToString("N0", inv)} | {r.Senders} | {r.Requests.ToString("N0", inv)} | {r.Accepted.ToString("N0", inv)} | " +
                          $"**{r.EventsPerSecond.ToString("N0", inv)}** | {r.Percentile(50).ToString("0.0", inv)} | {r.Percentile(99).ToString("0.0", inv)} | {check} | " +
                          $"{Cores(r, "host")} / {Cores(r, "influxd")} / {Cores(r, "bench")} / {Other(r)?.ToString("0.00", inv) ?? "–"} | {ratio} |");
        }
        sb.AppendLine();

        sb.AppendLine("## Durable ÷ raw").AppendLine();
        foreach (var (senders, x) in raw.OrderBy(p => p.Key))
        {
            var best = durable.Where(d => d.Senders == senders).MaxBy(d => d.EventsPerSecond);
            var big = durable.FirstOrDefault(d => d.Senders == senders && d.Batch == 5000);
            if (big is null || best is null) continue;
            sb.AppendLine($"- {senders} sender(s): batch 5,000 durable {big.EventsPerSecond.ToString("N0", inv)} / raw {x.EventsPerSecond.ToString("N0", inv)} = " +
                          $"**{(big.EventsPerSecond / x.EventsPerSecond).ToString("0.00", inv)}**" +
                          (best != big ? $" (best durable cell: batch {best.Batch.ToString("N0", inv)}, {(best.EventsPerSecond / x.EventsPerSecond).ToString("0.00", inv)})" : ""));
        }
        sb.AppendLine();

        sb.AppendLine("## CPU per 5,000-event request, step by step").AppendLine();
        sb.AppendLine("The steps a 5,000-event request takes through the host, re-run in the bench process on one thread with the project's own code " +
                      "(median of 7 after warm-up; no HTTP, no contention): an estimate of the host's CPU share of a request. " +
                      "Compare with the raw 5,000-line write's p50 above.").AppendLine();
        sb.AppendLine("| step | ms per 5,000 events | µs per event | KB allocated per 5,000 events |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var step in profile)
            sb.AppendLine($"| {step.Name} | {step.Ms.ToString("0.0", inv)} | {(step.Ms * 1000 / 5000).ToString("0.0", inv)} | {step.AllocatedKb.ToString("N0", inv)} |");
        sb.AppendLine($"| **total** | **{profile.Sum(p => p.Ms).ToString("0.0", inv)}** | {(profile.Sum(p => p.Ms) * 1000 / 5000).ToString("0.0", inv)} | {profile.Sum(p => p.AllocatedKb).ToString("N0", inv)} |");
        sb.AppendLine();

        var problems = results.Where(r => r.Error is not null).ToList();
        if (problems.Count > 0)
        {
            sb.AppendLine("## Problems").AppendLine();
            foreach (var r in problems) sb.AppendLine($"- {r.Kind} batch {r.Batch}, {r.Senders} sender(s): {r.Error}");
            sb.AppendLine();
        }

        sb.AppendLine("## What the numbers mean").AppendLine();
        foreach (var line in Interpretation.Lines(durable, raw, profile)) sb.AppendLine($"- {line}");
        return sb.ToString();
    }

    /// <summary>Cores used by processes other than host, influxd and bench during the cell.</summary>
    public static double? Other(CellResult r)
    {
        if (!r.Cores.TryGetValue("machine busy", out var b) || b is not { } busy || double.IsNaN(busy)) return null;
        var known = new[] { "host", "influxd", "bench" }.Sum(k => r.Cores.TryGetValue(k, out var c) && c is { } v ? v : 0);
        return Math.Max(0, busy * Environment.ProcessorCount - known);
    }

    private static string Cores(CellResult r, string who) =>
        r.Cores.TryGetValue(who, out var c) && c is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
