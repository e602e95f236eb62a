using System.Globalization;
using System.Text;

namespace CommandCenter.Bench.Screen;

public static class ScreenReport
{
    private static string F(double v, string format = "0") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);
    private static string N(long v) => v.ToString("#,0", CultureInfo.InvariantCulture);
    private static string Mb(long? b) => b is { } x ? $"{x / 1024.0 / 1024.0:0}" : "–";

    public static string Render(ScreenOptions o, ScreenRun run)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        ReportHeader.AppendTo(s, "Event to screen and fan-out: POST → SignalR screens vs a 5 s InfluxDB poller",
            $"{run.StartedAt:yyyy-MM-dd HH:mm} UTC; whole run {run.TotalSeconds:0} s; {run.Revision}", run.LoadAtStart, run.LoadAtEnd,
            $".NET {Environment.Version}, Node {run.NodeVersion} with @microsoft/signalr 10.0.11 (npm), influxd `{run.InfluxVersion}`", o.Command,
            loadNote: " (`other` cores below)");
        s.AppendLine($"- Each cell: a fresh host (production environment, simulator off, 2 s grain tick, wall flush {(o.FlushMs is { } f ? $"{f} ms (set by --flush-ms)" : "the host default (100 ms since the alarm-diff change; 150 ms before)")}) " +
                     $"on a fresh database, {o.WarmupSeconds:0} s warm-up, {o.Seconds:0} s measured; a probe alarm every {o.ProbeEveryMs} ms; the poller every {o.PollSeconds:0} s");
        s.AppendLine();
        s.AppendLine("## Figures");
        s.AppendLine();
        s.AppendLine("Latency = the probe's POST started (bench clock, `DateTime.UtcNow`) → the probe's row in a `delta` handled by the client (Node `performance.timeOrigin + performance.now()`; same machine clock). " +
                     "Screen figures are over every (probe, screen) pair; \"last screen\" is, per probe, the slowest of the N screens. Poll = the same probes found by the 5 s poller (time its query answer was in hand). " +
                     "Accept = the probe's POST answered `accepted` (stored in InfluxDB).");
        s.AppendLine();
        s.AppendLine("| rate target | achieved ev/s | screens | probes | accept p50 / p99 ms | screen p50 / p99 / max ms | last screen p99 ms | missed | poll p50 / p99 / max ms | poll ÷ screen (p50 / p99) | cores host / influxd / node / bench / other | host RSS MB | deltas/s per screen | KB per delta |");
        s.AppendLine("|---:|---:|---:|---:|---|---|---:|---:|---|---|---|---:|---:|---:|");
        foreach (var c in run.Cells)
        {
            string Cores(string k) => c.Cores.TryGetValue(k, out var v) ? F(v, "0.00") : "–";
            s.AppendLine($"| {N(c.Rate)} | {N((long)c.AchievedRate)} | {c.Clients} | {c.ProbesSent} | {F(c.PostAnswer.P50, "0.0")} / {F(c.PostAnswer.P99, "0.0")} | " +
                         $"**{F(c.Screen.P50)}** / **{F(c.Screen.P99)}** / {F(c.Screen.Max)} | {F(c.ScreenLastClient.P99)} | {c.ScreenMissing} | " +
                         $"{F(c.Poll.P50)} / {F(c.Poll.P99)} / {F(c.Poll.Max)} (missed {c.PollMissing}) | **{F(c.Poll.P50 / c.Screen.P50, "0.0")}×** / {F(c.Poll.P99 / c.Screen.P99, "0.0")}× | " +
                         $"{Cores("host")} / {Cores("influxd")} / {Cores("node")} / {Cores("bench")} / {Cores("other")} | {Mb(c.HostRssEnd)} | {F(c.DeltasPerSecondPerClient, "0.0")} | {F(c.DeltaKb, "0")} |");
        }
        s.AppendLine();
        var rateCells = run.Cells.Where(c => c.Clients == 1).ToList();
        var fan = run.Cells.Where(c => c.Rate == 1000).OrderBy(c => c.Clients).ToList();
        s.AppendLine("## What the numbers mean");
        s.AppendLine();
        foreach (var c in rateCells)
            s.AppendLine($"- {N(c.Rate)} events/s, one screen: screen p50 {F(c.Screen.P50)} ms, p99 {F(c.Screen.P99)} ms, max {F(c.Screen.Max)} ms; " +
                         $"the 5 s poller p50 {F(c.Poll.P50)} ms, p99 {F(c.Poll.P99)} ms: the live screen is {F(c.Poll.P50 / c.Screen.P50, "0.0")}× faster at p50 and {F(c.Poll.P99 / c.Screen.P99, "0.0")}× at p99. " +
                         $"Of the screen latency, {F(c.PostAnswer.P50)} ms (p50) is the durable accept (group commit into InfluxDB) and the rest is the wall's batching (one delta per flush interval) and the delivery.");
        if (fan.Count > 1)
            s.AppendLine($"- Fan-out at 1,000 events/s: " + string.Join("; ", fan.Select(c =>
                $"{c.Clients} screen(s) p50 {F(c.Screen.P50)} / p99 {F(c.Screen.P99)} ms, host {(c.Cores.TryGetValue("host", out var h) ? F(h, "0.00") : "–")} cores")) +
                ". Every screen gets the same delta (SignalR `Clients.All`): the host serializes it once per connection, so host CPU grows with screens; the Node process holding all the clients shares the same 2 cores.");
        s.AppendLine("- The poller's latency is set by its interval: an event waits on average half the interval for the next poll (p50 ≈ 2.5 s), at worst the whole interval plus the query (p99 ≈ 5 s), whatever the load.");
        s.AppendLine("- Target (issue): p99 ≤ 150 ms at 5,000 events/s. " + (rateCells.FirstOrDefault(c => c.Rate == 5000) is { } top
            ? $"Measured: p99 {F(top.Screen.P99)} ms → {(top.Screen.P99 <= 150 ? "met" : "not met")}."
            : "No 5,000 events/s cell in this run."));
        foreach (var c in run.Cells.Where(c => c.Problem is not null)) s.AppendLine($"- Problem in {N(c.Rate)} ev/s × {c.Clients}: {c.Problem}");
        foreach (var p in run.Problems) s.AppendLine($"- Failed: {p}");
        return s.ToString();
    }
}
