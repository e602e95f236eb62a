using System.Globalization;
using System.Text;

namespace CommandCenter.Bench.Screen;

public static class SensorReport
{
    private static string F(double v, string format = "0") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);
    private static string N(long v) => v.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Render(SensorOptions o, SensorResult r)
    {
        var s = new StringBuilder();
        ReportHeader.AppendTo(s, "Sensor readings on top of the normal load: durable ingest and warning latency (issue 17, part 3)",
            $"{r.StartedAt:yyyy-MM-dd HH:mm} UTC; whole run {r.TotalSeconds:0} s; {r.Revision}", r.LoadAtStart, r.LoadAtEnd,
            $".NET {Environment.Version}, Node {r.NodeVersion} with @microsoft/signalr (npm), influxd `{r.InfluxVersion}`", o.Command,
            loadNote: " (`other` cores below)");
        double Core(string k) => r.Cores.TryGetValue(k, out var v) ? v : double.NaN;
        var readingRate = r.ReadingsMeasured / r.MeasuredSeconds;
        var target = o.Sensors / o.IntervalSeconds;
        s.AppendLine($"- The real host (Orleans engine, the default; production environment, simulator off, 2 s grain tick, the default 100 ms wall flush) on a fresh database; " +
                     $"{o.WarmupSeconds:0} s warm-up, then {o.Seconds:0} s measured; {o.Screens} SignalR screen(s) (`bench/Screen/sensor-screens.mjs`, the official client in Node, as the wall connects)");
        s.AppendLine($"- Load: {N(o.Sensors)} sensors (water level, rainfall, gas, hydrant pressure in turn, spread over the {N(r.Grids)} grids) each reporting every {o.IntervalSeconds:0} s = " +
                     $"{N((long)target)} readings/s, one POST of {N(o.Sensors / (long)(o.IntervalSeconds * 10))} readings every 100 ms (calm values: no warning); beside them the normal load, " +
                     $"{N(o.BackgroundRate)} events/s of patrol check-ins and alarms (the ingest bench's traffic, every 20th an alarm) in a POST every 100 ms; " +
                     $"every {o.CrossingEveryMs} ms a crossing: a river gauge not used before jumps from its calm ≈1.5-2.4 m to 3.7 m (past yellow, 3.5 m) in a POST of its own; " +
                     "its next calm reading (≈9.5 s later) takes the warning down again");
        s.AppendLine();
        s.AppendLine("## Figures");
        s.AppendLine();
        s.AppendLine("| figure | value |");
        s.AppendLine("|---|---|");
        s.AppendLine($"| readings accepted per second (measured part) | **{N((long)readingRate)}** of {N((long)target)} sent on schedule |");
        s.AppendLine($"| patrol/alarm events accepted per second (measured part) | {N((long)(r.BackgroundMeasured / r.MeasuredSeconds))} of {N(o.BackgroundRate)} |");
        s.AppendLine($"| readings sent / accepted / not accepted (whole run) | {N(r.ReadingsSent)} / {N(r.ReadingsAccepted)} / {N(r.ReadingsNotAccepted)}; patrol/alarm events not accepted: {N(r.BackgroundNotAccepted)} |");
        s.AppendLine($"| readings stored in InfluxDB (`COUNT(id)` of `sensor_reading`) | **{N(r.Stored)}** → {(r.Stored == r.ReadingsAccepted ? "equals the accepted" : $"differs from the accepted by {N(r.Stored - r.ReadingsAccepted)}")} |");
        s.AppendLine($"| a readings POST, send → answer (accepted = stored), p50 / p99 / max ms | {F(r.ReadingPost.P50)} / {F(r.ReadingPost.P99)} / {F(r.ReadingPost.Max)} (n = {r.ReadingPost.Count}) |");
        s.AppendLine($"| ingest lag: a readings POST's scheduled time → its answer, p50 / p99 / max ms | **{F(r.ReadingLag.P50)} / {F(r.ReadingLag.P99)} / {F(r.ReadingLag.Max)}** |");
        s.AppendLine($"| crossings (measured part) sent / accepted / seen on the screen(s) | {r.Crossings} / {r.CrossingsAccepted} / {r.CrossingsSeen} |");
        s.AppendLine($"| a crossing's POST, send → accepted, p50 / p99 ms | {F(r.CrossingPost.P50)} / {F(r.CrossingPost.P99)} |");
        s.AppendLine($"| **warning latency: crossing accepted → the warning in a screen's delta, p50 / p95 / p99 / max ms** | **{F(r.FromAccept.P50)} / {F(r.FromAcceptP95)} / {F(r.FromAccept.P99)} / {F(r.FromAccept.Max)}** (n = {r.FromAccept.Count}) |");
        s.AppendLine($"| the same from the crossing's POST sent, p50 / p99 / max ms | {F(r.FromSend.P50)} / {F(r.FromSend.P99)} / {F(r.FromSend.Max)} |");
        s.AppendLine($"| cores host / influxd / node / bench / other (measured part) | {F(Core("host"), "0.00")} / {F(Core("influxd"), "0.00")} / {F(Core("node"), "0.00")} / {F(Core("bench"), "0.00")} / {F(Core("other"), "0.00")}{(r.OtherTop.Length > 0 ? $" (other: {r.OtherTop})" : "")} |");
        s.AppendLine($"| host RSS at the end | {(r.HostRssEnd is { } b ? $"{b / 1024.0 / 1024.0:0} MB" : "–")} |");
        s.AppendLine($"| deltas per screen / with a warning list / most warnings in one list | {N(r.Deltas / Math.Max(1, o.Screens))} / {N(r.WarningLists / Math.Max(1, o.Screens))} / {N(r.MostWarnings)} |");
        s.AppendLine();
        s.AppendLine("## What the numbers mean");
        s.AppendLine();
        var keepsUp = readingRate >= target * 0.98 && r.Stored == r.ReadingsAccepted && r.ReadingsNotAccepted == 0;
        s.AppendLine($"- Durable ingest {(keepsUp ? "keeps up" : "does not keep up")}: {N((long)readingRate)} readings/s accepted against {N((long)target)} scheduled, " +
                     $"{N(r.ReadingsNotAccepted)} not accepted, and InfluxDB holds {(r.Stored == r.ReadingsAccepted ? "exactly" : "not exactly")} the {N(r.ReadingsAccepted)} accepted readings. " +
                     $"The lag from a POST's scheduled time to its durable answer stays at p99 {F(r.ReadingLag.P99)} ms (max {F(r.ReadingLag.Max)} ms): " +
                     (r.ReadingLag.Max < 2_000 ? "no backlog builds up." : "a backlog built up at times."));
        s.AppendLine($"- A threshold crossing reaches a screen {F(r.FromAccept.P50)} ms (p50) / {F(r.FromAccept.P99)} ms (p99) after its durable accept: " +
                     "the wall's batching (one delta per 100 ms flush) and the delivery; the accept itself (group commit into InfluxDB) adds " +
                     $"{F(r.CrossingPost.P50)} ms (p50) before that.");
        if (r.CrossingsSeen < r.CrossingsAccepted * o.Screens)
            s.AppendLine($"- {r.CrossingsAccepted * o.Screens - r.CrossingsSeen} crossing(s) never showed on a screen " +
                         "(the calm reading that takes a crossing down again normally comes ≈9.5 s later; see the run's notes if any).");
        foreach (var p in r.Problems) s.AppendLine($"- Problem: {p}");
        return s.ToString();
    }
}
