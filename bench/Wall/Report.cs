using CommandCenter.Bench;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CommandCenter.Bench.Wall;

/// <summary>bench/results/wall.md: when, where, how, the figures and what they mean.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    public const double LongFrameMs = 50;

    /// <summary>A stretch of the measured part: [From, To) in minutes.</summary>
    public sealed record Window(string Name, double From, double To);

    public static string Render(RunOptions o, RunFacts run, IReadOnlyList<Probe> probes, IReadOnlyList<Frame> frames, IReadOnlyList<Sample> samples)
    {
        var sb = new StringBuilder();
        var windows = Windows(run.MeasuredMinutes);
        var whole = new Window("whole run", 0, double.MaxValue);

        sb.AppendLine($"# Wall benchmark: `/wall` in Chromium with the simulator at {N(o.Rate)} events/s").AppendLine();
        sb.AppendLine($"- Date: {run.StartedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", Inv)} (measured part from {run.MeasureStartedAt.ToString("HH:mm:ss 'UTC'", Inv)}, {F(run.MeasuredMinutes, "0.0")} min)");
        sb.AppendLine($"- Machine: {Machine.Description}");
        sb.AppendLine($"- Load average when the run started (1 / 5 / 15 min): {run.LoadAtStart}; at the end: {run.LoadAtEnd}. The machine is shared: other work shows as `other` cores below");
        sb.AppendLine($"- Software: .NET {RuntimeInformation.FrameworkDescription.Replace(".NET ", "")}, influxd `{run.InfluxVersion}`, Chromium {run.ChromiumVersion} (`/usr/bin/chromium`, headless, " +
                      $"`{string.Join(" ", Browser.Args)}`: WebGL on SwiftShader, i.e. the map is rendered on the CPU), {run.Revision}");
        sb.AppendLine($"- Command: `{o.Command}`");
        sb.AppendLine($"- Host (the real `CommandCenter.Dashboard.dll` as a child process, single-process mode, appsettings.json otherwise): `{string.Join("`, `", run.Settings)}`");
        sb.AppendLine($"- Page: `/wall` at 1920×1080, opened with the kiosk token; live after {F(run.OpenSeconds, "0.0")} s; {F(o.WarmupSeconds, "0")} s warm-up with the simulator feeding it, then {F(o.Minutes, "0.#")} min measured");
        if (o.NoPulseAnimation) sb.AppendLine("- **DIAGNOSTIC run**: the bench disabled the CSS pulse of the alarm markers in the page (`--no-pulse-animation`): not the product as deployed");
        sb.AppendLine($"- Probes: every {RunOptions.ProbeEveryMs} ms one `alarm_raised` (severity I, unique alarm id, grid rotating) via `POST /api/v1/events` with the host's API key; " +
                      $"its `occurredAt` lies {F(o.ProbeBackdateMinutes, "0")} min in the past so that it sorts above the simulator's unacknowledged severity-I alarms " +
                      "(the list is unacknowledged first, then severity, then oldest first, and shows 40 rows); acknowledged and cleared as soon as it was seen " +
                      $"(or after {RunOptions.ProbeTimeoutSeconds} s). A probe that has not appeared {RunOptions.GraceSeconds} s after the end of the run (or within {RunOptions.ProbeTimeoutSeconds} s) counts as never appeared");
        sb.AppendLine();

        // ---------------- latency
        sb.AppendLine("## Event → screen latency").AppendLine();
        sb.AppendLine("Sent = `DateTimeOffset.UtcNow` just before the POST; seen = `Date.now()` in the next `requestAnimationFrame` after a MutationObserver on `#alarms` saw " +
                      "the probe's `li[data-id]` inserted (same machine clock). DOM = the insertion itself. POST = until the ingest API answered (stored in InfluxDB).").AppendLine();
        sb.AppendLine("| window | probes sent | seen | never appeared | POST failed | p50 ms | p90 ms | p99 ms | max ms | DOM p50 / p99 ms | POST p50 / p99 ms | row when seen (median / max) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var w in windows.Prepend(whole))
        {
            var ps = probes.Where(p => In(w, p.SentAt / 60)).ToList();
            if (ps.Count == 0) continue;
            var lat = ps.Where(p => p.LatencyMs is not null).Select(p => p.LatencyMs!.Value).ToList();
            var dom = ps.Where(p => p.DomLatencyMs is not null).Select(p => p.DomLatencyMs!.Value).ToList();
            var post = ps.Where(p => p.PostMs is not null && p.Problem is null).Select(p => p.PostMs!.Value).ToList();
            var rows = ps.Where(p => p.Row > 0).Select(p => (double)p.Row).ToList();
            var failed = ps.Count(p => p.Problem is not null);
            var missing = ps.Count(p => p.LatencyMs is null && p.Problem is null);
            var b = w == whole ? "**" : "";
            sb.AppendLine($"| {w.Name} | {ps.Count} | {lat.Count} | {b}{missing}{b} | {failed} | {b}{Ms(Stats.Percentile(lat, 50))}{b} | {Ms(Stats.Percentile(lat, 90))} | " +
                          $"{b}{Ms(Stats.Percentile(lat, 99))}{b} | {b}{Ms(lat.Count > 0 ? lat.Max() : double.NaN)}{b} | {Ms(Stats.Percentile(dom, 50))} / {Ms(Stats.Percentile(dom, 99))} | " +
                          $"{Ms(Stats.Percentile(post, 50))} / {Ms(Stats.Percentile(post, 99))} | {F(Stats.Percentile(rows, 50), "0")} / {(rows.Count > 0 ? rows.Max().ToString("0", Inv) : "–")} |");
        }
        var problems = probes.Where(p => p.Problem is not null).Select(p => p.Problem!).Distinct().Take(3).ToList();
        if (problems.Count > 0) sb.AppendLine().AppendLine($"POST problems (first kinds): {string.Join("; ", problems.Select(p => $"`{p}`"))}");
        if (run.CleanupProblems > 0) sb.AppendLine().AppendLine($"Acknowledge+clear of a probe not fully accepted {run.CleanupProblems} time(s).");
        sb.AppendLine();

        // ---------------- frames
        sb.AppendLine("## Frame time").AppendLine();
        sb.AppendLine("Intervals between consecutive `requestAnimationFrame` callbacks of a loop injected into the page (60 Hz = 16.7 ms). " +
                      $"Main thread busy = the renderer's `TaskDuration` (CDP `Performance.getMetrics`) per wall second; of which script = `ScriptDuration`, layout + style = `LayoutDuration` + `RecalcStyleDuration`.").AppendLine();
        sb.AppendLine($"| window | frames | frames/s | p50 ms | p99 ms | max ms | share > {LongFrameMs:0} ms | main thread busy | of which script | layout + style |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var w in windows.Prepend(whole))
        {
            var fs = frames.Where(f => In(w, f.At / 60)).Select(f => f.Ms).ToList();
            if (fs.Count == 0) continue;
            var minutes = Math.Min(w.To, run.MeasuredMinutes) - w.From;
            var (a, z) = Bounds(samples, w);
            string Busy(Func<Sample, double> pick) => a is null || z is null || z.AtMinutes <= a.AtMinutes ? "–" : Pct((pick(z) - pick(a)) / ((z.AtMinutes - a.AtMinutes) * 60));
            var b = w == whole ? "**" : "";
            sb.AppendLine($"| {w.Name} | {fs.Count.ToString("N0", Inv)} | {F(fs.Count / (minutes * 60), "0.0")} | {b}{F(Stats.Percentile(fs, 50), "0.0")}{b} | {b}{F(Stats.Percentile(fs, 99), "0.0")}{b} | " +
                          $"{F(fs.Max(), "0")} | {b}{Pct(Stats.Share(fs, f => f > LongFrameMs))}{b} | {Busy(s => s.TaskSeconds)} | {Busy(s => s.ScriptSeconds)} | {Busy(s => s.LayoutSeconds + s.StyleSeconds)} |");
        }
        sb.AppendLine();

        // ---------------- memory
        sb.AppendLine("## Memory").AppendLine();
        sb.AppendLine("Sampled every minute from the end of the warm-up (table: every 5 minutes and the last sample). JS heap and DOM nodes from CDP `Performance.getMetrics`, " +
                      "read before and after a forced garbage collection (`HeapProfiler.collectGarbage`); `Nodes` counts every DOM node the renderer holds, elements = " +
                      "`document.getElementsByTagName('*').length`. RSS = VmRSS from `/proc/<pid>/status`: the host process, influxd, and all Chromium processes this " +
                      "bench started (renderer and GPU process shown apart). Open alarms = the alarm list the page last received (every delta carries the whole list); pulse markers = `__wall.map.pulses.size`, one HTML marker with a CSS animation per unacknowledged real alarm.").AppendLine();
        sb.AppendLine("| minute | JS heap used MB | after GC MB | DOM nodes | elements | listeners | host RSS MB | influxd RSS MB | Chromium RSS MB (renderer / GPU) | open alarms on the page | of which unacked (severity I) | pulse markers | alarm list JSON KB |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---:|");
        foreach (var s in TableSamples(samples))
            sb.AppendLine($"| {F(s.AtMinutes, "0.0")} | {Mb(s.HeapUsed)} | {Mb(s.HeapUsedAfterGc)} | {F(s.Nodes, "N0")} | {(s.Page?.Elements.ToString("N0", Inv) ?? "–")} | {F(s.Listeners, "N0")} | " +
                          $"{Mb(s.HostRss)} | {Mb(s.InfluxRss)} | {Mb(s.ChromiumRss)} ({Mb(s.RendererRss)} / {Mb(s.GpuRss)}) | " +
                          $"{(s.Page?.Alarms.ToString("N0", Inv) ?? "–")} | {(s.Page is { } p ? $"{p.Unacked.ToString("N0", Inv)} ({p.UnackedI})" : "–")} | {(s.Page?.Pulses.ToString("N0", Inv) ?? "–")} | {(s.Page is { } q ? (q.AlarmsChars / 1024.0).ToString("N0", Inv) : "–")} |");
        if (samples.Count >= 2)
        {
            var first = samples[0];
            var last = samples[^1];
            string Row(string name, Func<Sample, double?> pick, string unit, double scale, string fmt)
            {
                var pts = samples.Where(s => pick(s) is { } v && !double.IsNaN(v)).Select(s => (s.AtMinutes, pick(s)!.Value / scale)).ToList();
                var a = pick(first) is { } x ? x / scale : double.NaN;
                var z = pick(last) is { } y ? y / scale : double.NaN;
                return $"| {name} | {F(a, fmt)} | {F(z, fmt)} | {F(z - a, "+" + fmt + ";-" + fmt)} | {F(Stats.Slope(pts), "+0.00;-0.00")} {unit}/min |";
            }
            sb.AppendLine();
            sb.AppendLine("Start vs end and the least-squares slope over every per-minute sample:").AppendLine();
            sb.AppendLine("| figure | start | end | end − start | slope |");
            sb.AppendLine("|---|---:|---:|---:|---:|");
            sb.AppendLine(Row("JS heap used after GC (MB)", s => s.HeapUsedAfterGc, "MB", 1e6, "0.0"));
            sb.AppendLine(Row("JS heap used before GC (MB)", s => s.HeapUsed, "MB", 1e6, "0.0"));
            sb.AppendLine(Row("DOM nodes (after GC)", s => s.Nodes, "nodes", 1, "0"));
            sb.AppendLine(Row("document elements", s => s.Page?.Elements, "elements", 1, "0"));
            sb.AppendLine(Row("JS event listeners", s => s.Listeners, "listeners", 1, "0"));
            sb.AppendLine(Row("host RSS (MB)", s => s.HostRss, "MB", 1e6, "0"));
            sb.AppendLine(Row("influxd RSS (MB)", s => s.InfluxRss, "MB", 1e6, "0"));
            sb.AppendLine(Row("Chromium RSS, all processes (MB)", s => s.ChromiumRss, "MB", 1e6, "0"));
            sb.AppendLine(Row("open alarms on the page", s => s.Page?.Alarms, "alarms", 1, "0"));
            sb.AppendLine(Row("pulse markers (HTML, one per unacknowledged alarm)", s => s.Page?.Pulses, "markers", 1, "0"));
            sb.AppendLine(Row("alarm list JSON (KB)", s => s.Page?.AlarmsChars, "KB", 1024, "0"));
        }
        sb.AppendLine();

        // ---------------- load
        sb.AppendLine("## Load and CPU").AppendLine();
        sb.AppendLine($"Events applied/s = the silo's `eventsApplied` from `/healthz` (the simulator's {N(o.Rate)}/s, probes and their clean-up); deltas/s and socket = WebSocket messages and " +
                      $"characters the page received. Cores = CPU seconds per wall second from `/proc`: host, influxd, all of this bench's Chromium processes, the bench itself, and other = everything else on the machine ({Environment.ProcessorCount} cores in all).").AppendLine();
        sb.AppendLine("| window | events applied/s | simulator pending at end | messages/s to the page | socket MB/s | cores host / influxd / Chromium / bench / other | machine busy |");
        sb.AppendLine("|---|---:|---:|---:|---:|---|---:|");
        foreach (var w in windows.Prepend(whole))
        {
            var (a, z) = Bounds(samples, w);
            if (a is null || z is null || z.AtMinutes <= a.AtMinutes) continue;
            var secs = (z.AtMinutes - a.AtMinutes) * 60;
            double? Rate(Func<Sample, double?> pick) => pick(z) is { } y && pick(a) is { } x ? (y - x) / secs : null;
            var applied = Rate(s => s.Host?.EventsApplied);
            var msgs = Rate(s => s.Page?.WsMessages);
            var chars = Rate(s => s.Page?.WsChars);
            var cores = Cores(a, z, secs);
            sb.AppendLine($"| {w.Name} | {(applied is { } ap ? N(ap) : "–")} | {(z.Host?.SimPending.ToString("N0", Inv) ?? "–")} | {(msgs is { } m ? F(m, "0.0") : "–")} | {(chars is { } c ? F(c / 1e6, "0.00") : "–")} | " +
                          $"{C(cores.Host)} / {C(cores.Influx)} / {C(cores.Chromium)} / {C(cores.Bench)} / {C(cores.Other)} | {Pct(cores.Busy)} |");
        }
        sb.AppendLine();

        if (samples.Count >= 2 && samples[^1].AtMinutes > samples[0].AtMinutes)
        {
            var a = samples[0];
            var z = samples[^1];
            var secs = (z.AtMinutes - a.AtMinutes) * 60;
            var top = z.ChromiumThreads
                .Select(t => (t.Key, Cores: (t.Value - a.ChromiumThreads.GetValueOrDefault(t.Key)).TotalSeconds / secs))
                .Where(t => t.Cores > 0).OrderByDescending(t => t.Cores).Take(10).ToList();
            if (top.Count > 0)
            {
                sb.AppendLine("Where Chromium's CPU went over the measured part (threads of this bench's Chromium processes from `/proc/<pid>/task`, summed by process type and thread name; " +
                              "`renderer/chromium` = the page's main thread, `renderer/DedicatedWorker` = the map's Web Workers, `renderer/Compositor` = compositing, " +
                              "`gpu-process/Thread<NN>` = SwiftShader's rendering threads (WebGL and raster on the CPU), `gpu-process/chromium` = the GPU process's main thread):").AppendLine();
                sb.AppendLine("| process / thread | cores |");
                sb.AppendLine("|---|---:|");
                foreach (var (key, c) in top) sb.AppendLine($"| {key} | {c.ToString("0.00", Inv)} |");
                sb.AppendLine();
            }
        }

        // ---------------- page health
        var fp = run.FinalPage ?? samples.LastOrDefault()?.Page;
        sb.AppendLine("## The page's connection").AppendLine();
        sb.AppendLine($"- At the end: status `{fp?.Status ?? "?"}`, delta version {fp?.Version.ToString("N0", Inv) ?? "?"}, snapshots {fp?.Snapshots.ToString(Inv) ?? "?"} (1 = only the first), " +
                      $"reconnects {fp?.Reconnects.ToString(Inv) ?? "?"}, stale deltas dropped {fp?.Dropped.ToString(Inv) ?? "?"}, rows in `#alarms` {fp?.AlarmRows.ToString(Inv) ?? "?"}, pulse markers {fp?.Pulses.ToString("N0", Inv) ?? "?"}");
        var statuses = samples.Where(s => s.Page is not null && s.Page.Status != "live").Select(s => $"{F(s.AtMinutes, "0")} min: {s.Page!.Status}").ToList();
        sb.AppendLine($"- Status not `live` at a sample: {(statuses.Count == 0 ? "never" : string.Join(", ", statuses))}");
        sb.AppendLine($"- Page errors: {run.PageErrors}; console errors: {run.ConsoleErrors}; console warnings: {run.ConsoleWarnings}{(run.FirstErrors.Count > 0 ? " (first: " + string.Join("; ", run.FirstErrors.Select(e => $"`{Short(e)}`")) + ")" : "")}");
        if (run.StoppedEarly) sb.AppendLine($"- **Stopped early by a signal** after {F(run.MeasuredMinutes, "0.0")} min");
        sb.AppendLine($"- Renderer crashed: {(run.CrashedAt is { } c2 ? $"**yes, at {F(c2, "0.0")} min**" : "no")}");
        if (run.HostExitedAt is { } gone)
        {
            sb.AppendLine($"- **The host process exited at {F(gone, "0.0")} min** (the run stops there); its logs were kept in `{run.HostLogDir}`. Last lines of its console:");
            sb.AppendLine().AppendLine("```");
            foreach (var l in run.HostLogTail.Split('\n').TakeLast(15)) sb.AppendLine(l.TrimEnd());
            sb.AppendLine("```");
        }
        sb.AppendLine();

        sb.AppendLine("## What the numbers mean").AppendLine();
        foreach (var line in Interpretation.Lines(o, run, probes, frames, samples, windows)) sb.AppendLine($"- {line}");
        return sb.ToString();
    }

    public static List<Window> Windows(double minutes)
    {
        var list = new List<Window>();
        // a last stretch shorter than half a minute (the run ends a second or two after the round minute) joins nothing
        for (double from = 0; from < minutes - 0.5; from += RunOptions.WindowMinutes)
        {
            var to = from + RunOptions.WindowMinutes;
            list.Add(new Window($"{from:0}–{Math.Min(to, minutes):0.#} min", from, to));
        }
        return list;
    }

    public static bool In(Window w, double minute) => minute >= w.From && minute < w.To;

    /// <summary>The samples closest to the start and the end of a window.</summary>
    public static (Sample? A, Sample? Z) Bounds(IReadOnlyList<Sample> samples, Window w)
    {
        if (samples.Count == 0) return (null, null);
        var a = samples.MinBy(s => Math.Abs(s.AtMinutes - w.From));
        var z = samples.MinBy(s => Math.Abs(s.AtMinutes - Math.Min(w.To, samples[^1].AtMinutes)));
        return (a, z);
    }

    public static (double? Host, double? Influx, double? Chromium, double? Bench, double? Other, double Busy) Cores(Sample a, Sample z, double secs)
    {
        double? D(TimeSpan? x, TimeSpan? y) => x is { } p && y is { } q ? Math.Max(0, (q - p).TotalSeconds / secs) : null;
        var host = D(a.HostCpu, z.HostCpu);
        var influx = D(a.InfluxCpu, z.InfluxCpu);
        var chromium = D(a.ChromiumCpu, z.ChromiumCpu);
        var bench = D(a.BenchCpu, z.BenchCpu);
        var busy = SystemCpu.BusyBetween(a.System, z.System);
        double? other = double.IsNaN(busy) ? null : Math.Max(0, busy * Environment.ProcessorCount - (host ?? 0) - (influx ?? 0) - (chromium ?? 0) - (bench ?? 0));
        return (host, influx, chromium, bench, other, busy);
    }

    private static IEnumerable<Sample> TableSamples(IReadOnlyList<Sample> samples) =>
        samples.Where((s, i) => i == 0 || i == samples.Count - 1 ||
                                Math.Abs(s.AtMinutes / RunOptions.WindowMinutes - Math.Round(s.AtMinutes / RunOptions.WindowMinutes)) < 0.1);

    private static string Short(string s) => (s.Length > 160 ? s[..160] + "…" : s).Replace('\n', ' ').Replace('`', '\'');
    public static string F(double v, string fmt) => double.IsNaN(v) || double.IsInfinity(v) ? "–" : v.ToString(fmt, Inv);
    public static string N(double v) => F(v, "N0");
    public static string Ms(double v) => F(v, "0");
    public static string Pct(double v) => double.IsNaN(v) ? "–" : (v * 100).ToString(v < 0.1 ? "0.0" : "0", Inv) + "%";
    public static string Mb(double? v) => v is { } x ? F(x / 1e6, "0.0") : "–";
    public static string Mb(long? v) => v is { } x ? (x / 1e6).ToString("0", Inv) : "–";
    private static string C(double? v) => v is { } x ? x.ToString("0.00", Inv) : "–";
}
