using CommandCenter.Bench;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CommandCenter.Bench.Replay;

/// <summary>bench/results/replay.md: when, where, how, the figures and what they mean.</summary>
public static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(BenchOptions o, RunFacts run)
    {
        var sb = new StringBuilder();
        var events = run.Day?.Stored ?? 0;
        sb.AppendLine($"# Replay benchmark: a stored day of {N(events)} events, replayed by the host").AppendLine();
        sb.AppendLine($"- Date: {run.StartedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", Inv)}");
        sb.AppendLine($"- Machine: {Machine.Description}");
        sb.AppendLine($"- Load average when the run started (1 / 5 / 15 min): {run.LoadAtStart}; at the end: {run.LoadAtEnd}. The machine is shared: other work shows as `other` cores below");
        sb.AppendLine($"- Disk under the influxd data dir: {Machine.Disk(Path.GetTempPath())}");
        sb.AppendLine($"- Software: .NET {RuntimeInformation.FrameworkDescription.Replace(".NET ", "")}, influxd `{run.InfluxVersion}` (default config), " +
                      $"Chromium {run.Playback?.ChromiumVersion ?? "?"} (`/usr/bin/chromium`, headless, WebGL on SwiftShader)");
        sb.AppendLine($"- Build: {run.Revision}");
        sb.AppendLine($"- Command: `{o.Command}`");
        sb.AppendLine($"- Whole run: {F0(run.TotalSeconds)} s (one influxd, one host: production environment, 2 s grain tick, simulator off)");
        sb.AppendLine();

        if (run.Day is { } d && run.Write is { } w)
        {
            sb.AppendLine("## 1. The day in InfluxDB").AppendLine();
            sb.AppendLine($"The simulator's scenario (`CountyScenario`, seed 20250601, {o.Rate.ToString("0.##", Inv)} events/s, alarm share {o.AlarmShare.ToString("0.###", Inv)} " +
                          $"and case share {o.CaseShare.ToString("0.###", Inv)} as in `src/Dashboard/appsettings.json`, 3,000 workers, 6,000 sensors, a drill every 3 h) stepped every 200 ms over " +
                          $"{ApiReplay.Iso(d.From)} – {ApiReplay.Iso(d.To)}; every event through the ingest API's `EventValidator` and the silo's `CountyModel` in the bench process, " +
                          "accept time = occurred + 50 ms (strictly increasing), stored as `EventStore` stores it (`EventCodec.Write`). " +
                          "Written with `InfluxClient.WriteAsync` in batches of 5,000 lines, one write at a time (as the silo writes).").AppendLine();
            sb.AppendLine("| events stored | generated | refused by the rules | accept times | mean rate | grids with events | drill events |");
            sb.AppendLine("|---:|---:|---:|---|---:|---:|---:|");
            sb.AppendLine($"| **{N(d.Stored)}** | {N(d.Generated)} | {N(d.Rejected)}{(d.FirstRejection is null ? "" : $" (first: {Esc(d.FirstRejection)})")} | " +
                          $"{ApiReplay.Iso(d.FirstAccepted)} – {ApiReplay.Iso(d.LastAccepted)} | {F1(d.Stored / (d.To - d.From).TotalSeconds)} /s | {N(d.DistinctGrids)} | {N(d.DrillEvents)} |");
            sb.AppendLine();
            sb.AppendLine("| type | events | share |");
            sb.AppendLine("|---|---:|---:|");
            foreach (var (type, count) in d.ByType.OrderByDescending(p => p.Value))
                sb.AppendLine($"| {type} | {N(count)} | {(count * 100.0 / Math.Max(1, d.Stored)).ToString("0.0", Inv)} % |");
            sb.AppendLine();
            sb.AppendLine("| generate (in-process, untimed for the write) | write: encode + POST | points/s | the writes alone | per 5,000-line write p50 / p99 | stored = written? | influxd RSS after |");
            sb.AppendLine("|---:|---:|---:|---:|---:|---|---:|");
            sb.AppendLine($"| {F1(d.GenerateSeconds)} s | **{F1(w.Seconds)} s** | **{N(w.PointsPerSecond)}** | {F1(w.PostSeconds)} s | {F0(Stats.Percentile(w.BatchMs, 50))} / {F0(Stats.Percentile(w.BatchMs, 99))} ms | " +
                          $"{(w.Stored == w.Points && w.Points == d.Stored ? $"yes: `SELECT COUNT(id)` = {N(w.Stored)}" : $"**NO**: {N(w.Stored)} stored, {N(w.Points)} written{(w.Error is null ? "" : ", " + Esc(w.Error))}")} | {Mb(run.InfluxRssAfterWrite)} |");
            sb.AppendLine();
        }

        if (run.Reads.Count > 0)
        {
            sb.AppendLine("## 2. Reading the day back from InfluxDB (the baseline)").AppendLine();
            sb.AppendLine("`SELECT * FROM event WHERE time > from AND time <= to` through `InfluxClient.QueryAsync` (chunked, 10,000 rows a chunk, rows parsed into `InfluxRow`), " +
                          "in the bench process. The second and third passes add what replay's load adds per row, in-process: `EventCodec.FromRow` (what `EventStore.ReadAsync` yields; " +
                          "with `ORDER BY time ASC` as it asks), then `CountyModel.Apply` into a fresh model (the grains; without checkpoints and without keeping the events).").AppendLine();
            sb.AppendLine("| pass | rows | seconds | rows/s |");
            sb.AppendLine("|---|---:|---:|---:|");
            foreach (var r in run.Reads)
                sb.AppendLine($"| {r.Name}{(r.Error is null ? "" : $" (**{Esc(r.Error)}**)")} | {N(r.Rows)} | **{F1(r.Seconds)}** | {N(r.RowsPerSecond)} |");
            sb.AppendLine();
        }

        var plain = run.Reads.FirstOrDefault();
        if (run.HostStartSeconds > 0)
        {
            sb.AppendLine("## 3. The host: startup and the replay's load").AppendLine();
            sb.AppendLine("The host starts on that database twice: once told to ignore snapshots (whole log, as before), then as deployed (its live silo restores the newest snapshot and reads the events after it before `/healthz` is healthy). Then " +
                          "`POST /api/v1/replay {from,to}` for the whole day (202 {id}) and `GET /api/v1/replay/{id}` every 250 ms until `ready`: `loadMillis` is the host's own timing " +
                          "of `ReplaySession.LoadAsync` (read (from,to] through the grains, keep the events, clone 48 checkpoints); wall = POST → the status poll that saw `ready`.").AppendLine();
            sb.AppendLine("| step | figure |");
            sb.AppendLine("|---|---|");
            if (run.Snapshots is { Count: > 0 } sn)
                sb.AppendLine($"| snapshots stored with the day (as the live silo stores them: hourly of event time) | {sn.Count}: state {N(sn.ModelBytes / sn.Count / 1024.0)} KB each (gzipped JSON), duplicate keys {N(sn.DedupeKeys)} in {F1(sn.DedupeBytes / 1048576.0)} MB of segments; written in {F1(sn.Seconds)} s |");
            if (run.HostStartFullLogSeconds > 0)
                sb.AppendLine($"| **before**: host start → healthy with `Snapshots:RestoreOnStart=false` (rebuild from the whole log) | **{F1(run.HostStartFullLogSeconds)} s**{(run.RebuildFullLogLine is null ? "" : $" — log: `{Esc(Tail(run.RebuildFullLogLine))}`")} |");
            sb.AppendLine($"| **after**: host start → healthy (newest snapshot + the events after it) | **{F1(run.HostStartSeconds)} s**{(run.RebuildLogLine is null ? "" : $" — log: `{Esc(Tail(run.RebuildLogLine))}`")} |");
            foreach (var (label, lr) in new[] { ("**after**: replay of the day's last hour, from the newest snapshot before it", run.LoadLastHour), ("**before**: the same last hour with `snapshots:false` (state at `from` built from the log's start)", run.LoadLastHourFullLog) })
                if (lr is not null)
                    sb.AppendLine($"| {label} | `loadMillis` **{F1(lr.LoadMillis / 1000.0)} s** (wall {F1(lr.WallSeconds)} s): {N(lr.EventsBefore)} events read before the range{(lr.SnapshotSeq > 0 ? $", snapshot at seq {lr.SnapshotSeq}" : "")}, {N(lr.EventCount)} in it; {lr.Status} |");
            if (run.Load is { } l)
            {
                sb.AppendLine($"| replay of the day: status | {l.Status}{(l.Error is null ? "" : $" ({Esc(l.Error)})")}, {N(l.EventCount)} events in range |");
                sb.AppendLine($"| replay load: `loadMillis` / wall | **{F1(l.LoadMillis / 1000.0)} s** / {F1(l.WallSeconds)} s ({N(l.EventCount / Math.Max(0.001, l.LoadMillis / 1000.0))} events/s) |");
                if (plain is not null && plain.Seconds > 0)
                    sb.AppendLine($"| replay load ÷ plain InfluxDB read of the same range | **{(l.LoadMillis / 1000.0 / plain.Seconds).ToString("0.0", Inv)}×** ({F1(l.LoadMillis / 1000.0)} s vs {F1(plain.Seconds)} s) |");
                sb.AppendLine($"| cores while loading: host / influxd / bench / irq+softirq / other | {Cores(run.LoadCores, "host")} / {Cores(run.LoadCores, "influxd")} / {Cores(run.LoadCores, "bench")} / " +
                              $"{Cores(run.LoadCores, "irq")} / {Cores(run.LoadCores, "other")}{OtherTop(run.LoadOtherTop)} |");
            }
            sb.AppendLine($"| host RSS: after start / after the replay's load / after the seeks | {Mb(run.HostRssAfterStart)} / **{Mb(run.HostRssAfterLoad)}** / {Mb(run.HostRssAfterSeeks)} |");
            if (run.Playback is { } pb)
                sb.AppendLine($"| host RSS: after the page opened its own replay of the day (2 sessions) / after playing | {Mb(pb.HostRssAfterOpen)} / {Mb(pb.HostRssAfterPlay)} |");
            foreach (var line in run.ReplayLogLines) sb.AppendLine($"| host log | `{Esc(Tail(line))}` |");
            sb.AppendLine();
        }

        if (run.Seeks.Count > 0)
        {
            sb.AppendLine("## 4. Seek: `GET /api/v1/replay/{id}/frame?at=…`").AppendLine();
            sb.AppendLine("One request at a time from the bench (HttpClient, kiosk cookie), send → last byte of the answer. " +
                          "Random moments are uniform over the day (seeded). Full = the answer carries every active grid.").AppendLine();
            sb.AppendLine("| requests | what | n | p50 ms | p99 ms | max ms | mean KB | max KB | answered full | grids per answer | failed |");
            sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var s in run.Seeks)
                sb.AppendLine($"| {s.Name} | {s.Description} | {s.Requests} | **{F0(s.Percentile(50))}** | **{F0(s.Percentile(99))}** | {F0(s.Max)} | {F0(s.MeanKb)} | {F0(s.MaxKb)} | {s.FullAnswers} | {s.MeanGrids} | " +
                              $"{(s.Failed == 0 ? "0" : $"**{s.Failed}**: {Esc(s.Error ?? "")}")} |");
            sb.AppendLine();
            sb.AppendLine($"Cores during the seeks: host {Cores(run.SeekCores, "host")}, bench {Cores(run.SeekCores, "bench")}, irq+softirq {Cores(run.SeekCores, "irq")}, " +
                          $"other {Cores(run.SeekCores, "other")}{OtherTop(run.SeekOtherTop)}.").AppendLine();
        }
        if (run.Calls.Count > 0)
        {
            sb.AppendLine("The page's other calls on the same replay, one at a time from the bench:").AppendLine();
            sb.AppendLine("| call | what | n | p50 ms | p99 ms | max ms | mean KB | failed |");
            sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var c in run.Calls)
                sb.AppendLine($"| {c.Name} | {c.Description} | {c.Requests} | **{F0(c.Percentile(50))}** | {F0(c.Percentile(99))} | {F0(c.Max)} | {F0(c.MeanKb)} | " +
                              $"{(c.Failed == 0 ? "0" : $"**{c.Failed}**: {Esc(c.Error ?? "")}")} |");
            sb.AppendLine();
        }

        if (run.Playback is { } p)
        {
            sb.AppendLine($"## 5. Playback at {N(o.Speed)}× in Chromium").AppendLine();
            sb.AppendLine($"`/replay?from=…&to=…` (kiosk token) at 1920×1080: the page opens its own replay of the day, then `#speed` = {N(o.Speed)} and `#play`; the bench waits {F0(o.PlaySeconds)} s of wall time. " +
                          "A `requestAnimationFrame` loop injected before the page's scripts notes each frame's time, the cursor and `window.__replay.state.frames` (frames drawn); " +
                          "the page's frame requests come from the Resource Timing API. Figures are over the playing window (first to last frame with `playing`); " +
                          (p.RangeHours * 3600 / o.Speed < o.PlaySeconds
                              ? $"at {N(o.Speed)}× the range lasts {F1(p.RangeHours * 3600 / o.Speed)} s, so playback reaches the end and stops inside the {F0(o.PlaySeconds)} s."
                              : $"at {N(o.Speed)}× the range lasts {F1(p.RangeHours * 3600 / o.Speed)} s, longer than the {F0(o.PlaySeconds)} s measured.")).AppendLine();
            sb.AppendLine("| figure | value |");
            sb.AppendLine("|---|---|");
            sb.AppendLine($"| page open → ready and first frame drawn (includes the page's own load of the day) | {F1(p.OpenSeconds)} s |");
            sb.AppendLine($"| playing window | **{F1(p.PlayingSeconds)} s**{(p.ReachedEnd ? ", then it stopped by itself at the end of the range" : " (still playing when the time ran out)")} |");
            sb.AppendLine($"| cursor advanced while playing (expected {F1(Math.Min(p.RangeHours, o.PlaySeconds * o.Speed / 3600.0))} h) | **{p.CursorAdvancedHours.ToString("0.00", Inv)} h**; at the end {p.CursorAtEndHours.ToString("0.00", Inv)} h of {p.RangeHours.ToString("0.00", Inv)} h |");
            sb.AppendLine($"| browser frames (rAF) | **{F1(p.FramesPerSecond)} frames/s**, {N(p.Frames)} in all |");
            sb.AppendLine($"| frame interval p50 / p99 / max | **{F1(Stats.Percentile(p.FrameIntervalsMs, 50))} / {F1(Stats.Percentile(p.FrameIntervalsMs, 99))}** / {F0(p.FrameIntervalsMs.LastOrDefault())} ms |");
            sb.AppendLine($"| frames > 50 ms | **{N(p.Over50)}** ({(p.Frames == 0 ? "–" : (p.Over50 * 100.0 / p.Frames).ToString("0.0", Inv) + " %")}) |");
            sb.AppendLine($"| replay frames drawn (`state.frames`) | **{F1(p.ReplayFramesPerSecond)} /s** ({N(p.ReplayFramesDrawn)}), i.e. one per {F0(p.ReplayFramesPerSecond > 0 ? o.Speed / p.ReplayFramesPerSecond / 60 : double.NaN)} min of replay time |");
            sb.AppendLine($"| frame requests fetched | {F1(p.FrameRequestsPerSecond)} /s ({N(p.FrameRequests)}); request p50 / p99 {F0(Stats.Percentile(p.FrameRequestMs, 50))} / {F0(Stats.Percentile(p.FrameRequestMs, 99))} ms; body mean {F0(p.FrameRequestMeanKb)} KB, max {F0(p.FrameRequestMaxKb)} KB |");
            sb.AppendLine($"| event-list requests (`…/events`, about one a second while playing) | {N(p.EventsRequests)} |");
            sb.AppendLine($"| main-thread long tasks (> 50 ms) while playing | {(p.LongTasks == 0 ? "none" : $"**{N(p.LongTasks)}**, {F1(p.LongTaskSeconds)} s = **{(p.LongTaskSeconds * 100 / Math.Max(0.001, p.PlayingSeconds)).ToString("0", Inv)} %** of the window, longest {F0(p.LongTaskMaxMs)} ms")} |");
            sb.AppendLine($"| cores while playing: host / Chromium / influxd / bench / irq+softirq / other | {Cores(p.Cores, "host")} / {Cores(p.Cores, "chromium")} / {Cores(p.Cores, "influxd")} / {Cores(p.Cores, "bench")} / " +
                          $"{Cores(p.Cores, "irq")} / {Cores(p.Cores, "other")}{OtherTop(p.OtherTop)} |");
            if (p.ChromiumThreads.Count > 0)
                sb.AppendLine($"| Chromium's busiest threads while playing (cores) | {string.Join(", ", p.ChromiumThreads.Select(t => $"{t.Thread} {t.Cores.ToString("0.00", Inv)}"))} |");
            sb.AppendLine($"| Chromium RSS (all its processes) after playing | {Mb(p.ChromiumRss)} |");
            if (p.IdleIntervalsMs.Length > 0)
                sb.AppendLine($"| for comparison, the same page after it stopped ({F1(p.IdleSeconds)} s) | {F1(p.IdleIntervalsMs.Length / Math.Max(0.001, p.IdleSeconds))} frames/s, p50 / p99 {F1(Stats.Percentile(p.IdleIntervalsMs, 50))} / {F1(Stats.Percentile(p.IdleIntervalsMs, 99))} ms, {N(p.IdleIntervalsMs.Count(v => v > 50))} > 50 ms |");
            if (p.Errors.Count > 0) sb.AppendLine($"| page errors | {Esc(string.Join(" · ", p.Errors))} |");
            if (p.Problem is not null) sb.AppendLine($"| **problem** | {Esc(p.Problem)} |");
            sb.AppendLine();
        }

        if (run.Problems.Count > 0)
        {
            sb.AppendLine("## Problems").AppendLine();
            foreach (var problem in run.Problems) sb.AppendLine($"- {Esc(problem)}");
            sb.AppendLine();
        }

        sb.AppendLine("## What the numbers mean").AppendLine();
        foreach (var line in Interpretation(o, run)) sb.AppendLine($"- {line}");
        return sb.ToString();
    }

    private static IEnumerable<string> Interpretation(BenchOptions o, RunFacts run)
    {
        var plain = run.Reads.FirstOrDefault();
        var decode = run.Reads.ElementAtOrDefault(1);
        var grains = run.Reads.ElementAtOrDefault(2);
        if (run.Load is { Status: "ready" } l && plain is not null && decode is not null && grains is not null)
        {
            var load = l.LoadMillis / 1000.0;
            yield return $"Opening a replay of the day costs {F1(load)} s for {N(l.EventCount)} events: **{(load / plain.Seconds).ToString("0.0", Inv)}× the plain InfluxDB read** of the same range " +
                         $"({F1(plain.Seconds)} s, {N(plain.RowsPerSecond)} rows/s). In the bench process, decoding every row into an event takes the read to {F1(decode.Seconds)} s and applying it " +
                         $"to the grains to {F1(grains.Seconds)} s; the host's remaining {F1(Math.Max(0, load - grains.Seconds))} s are its 48 checkpoint clones, keeping {N(l.EventCount)} events in memory " +
                         $"(GC) and sharing 2 cores with influxd (host {Cores(run.LoadCores, "host")} + influxd {Cores(run.LoadCores, "influxd")} cores while loading). The page shows only a progress bar meanwhile.";
        }
        if (run.HostStartSeconds > 0 && run.HostRssAfterLoad is { } afterLoad && run.HostRssAfterStart is { } afterStart && run.Load is { EventCount: > 0 } ll)
        {
            var per = (afterLoad - afterStart) / (double)ll.EventCount;
            var second = run.Playback?.HostRssAfterOpen is { } two ? $"; with the page's own replay of the same day (2 sessions) it was {Mb(two)}, and `ReplaySessions` keeps up to 4 for 20 idle minutes" : "";
            yield return $"Memory: the host grew from {Mb(afterStart)} after start to {Mb(afterLoad)} with one replay of the day open, ≈{per.ToString("0", Inv)} bytes per event held " +
                         $"(every `CountyEvent` of the range plus 48 cloned models){second}. The host's own startup took {F1(run.HostStartSeconds)} s from the newest snapshot " +
                         $"(vs {F1(run.HostStartFullLogSeconds)} s reading the whole log), so a restart no longer grows with the stored history.";
        }
        if (run.Seeks.Count >= 3)
        {
            var rf = run.Seeks[0];
            var rn = run.Seeks[1];
            var fw = run.Seeks[2];
            yield return $"Seeking to a random moment takes p50 {F0(rf.Percentile(50))} ms / p99 {F0(rf.Percentile(99))} ms with `full=true` and p50 {F0(rn.Percentile(50))} / p99 {F0(rn.Percentile(99))} ms without: " +
                         $"a random jump almost always restarts from a checkpoint ({rn.FullAnswers} of {rn.Requests} 'not full' answers came back full), i.e. clone a model and apply up to 1/48 of the day " +
                         $"(≈{N((run.Load?.EventCount ?? 0) / 48.0)} events). Forward steps of {F1((run.Day is { } d ? (d.To - d.From).TotalMinutes : 0) / Math.Max(1, fw.Requests))} min (what playback asks for) take p50 {F0(fw.Percentile(50))} / p99 {F0(fw.Percentile(99))} ms and answer {F0(fw.MeanKb)} KB on average; " +
                         $"{fw.FullAnswers} of {fw.Requests} came back full although not asked, because a step that passes a checkpoint (every 1/48 of the range) restarts from it and then sends every active grid.";
        }
        if (run.Playback is { Problem: null, PlayingSeconds: > 0 } p)
        {
            var expected = Math.Min(p.RangeHours, p.PlayingSeconds * o.Speed / 3600.0);
            var gpu = p.ChromiumThreads.Where(t => t.Thread.StartsWith("gpu-process/", StringComparison.Ordinal)).Sum(t => t.Cores);
            var idleFps = p.IdleSeconds > 0 ? p.IdleIntervalsMs.Length / p.IdleSeconds : double.NaN;
            yield return $"At {N(o.Speed)}× the page played {F1(p.PlayingSeconds)} s and moved the cursor {p.CursorAdvancedHours.ToString("0.00", Inv)} h (wall time × speed = {expected.ToString("0.00", Inv)} h" +
                         $"{(p.ReachedEnd ? ", the whole day; then it stopped at the end" : "")}). It asks for the next frame from its animation loop with one request in flight, and drew " +
                         $"{F1(p.ReplayFramesPerSecond)} replay frames/s — one picture per ~{F0(p.ReplayFramesPerSecond > 0 ? o.Speed / p.ReplayFramesPerSecond / 60 : double.NaN)} min of the day — while the browser ran at " +
                         $"{F1(p.FramesPerSecond)} frames/s (p50 interval {F0(Stats.Percentile(p.FrameIntervalsMs, 50))} ms, p99 {F0(Stats.Percentile(p.FrameIntervalsMs, 99))} ms, {N(p.Over50)} of {N(p.Frames)} over 50 ms).";
            yield return $"What sets that pace here is the repaint, not the server: a frame request takes p50 {F0(Stats.Percentile(p.FrameRequestMs, 50))} ms, the main thread's long tasks (parsing and drawing " +
                         $"~{F0(p.FrameRequestMeanKb)} KB frames of hundreds to thousands of grids) fill {(p.LongTaskSeconds * 100 / Math.Max(0.001, p.PlayingSeconds)).ToString("0", Inv)} % of the window, and Chromium's GPU process " +
                         $"uses {gpu.ToString("0.00", Inv)} cores (WebGL on SwiftShader, i.e. rasterized on the CPU; Chromium {Cores(p.Cores, "chromium")}, host {Cores(p.Cores, "host")} cores of {Environment.ProcessorCount}). " +
                         $"Once playback stopped the same page ran at {F1(idleFps)} frames/s. With a real GPU the draws would be cheaper; one request at a time at that latency alone would allow up to ~{F0(1000 / Math.Max(1, Stats.Percentile(p.FrameRequestMs, 50)))} frames/s.";
        }
        if (run.Calls.FirstOrDefault(c => c.Name == "report") is { MeanKb: > 1000 } report)
            yield return $"On opening, the page also loads `…/report`: {F1(report.MeanKb / 1024)} MB of JSON for the day (every alarm and case with its times, p50 {F0(report.Percentile(50))} ms on the server) " +
                         "of which `replay.js` shows only the per-street and incident tables; the histogram takes p50 " +
                         $"{F0(run.Calls.FirstOrDefault(c => c.Name == "histogram")?.Percentile(50) ?? double.NaN)} ms and the event list, asked about once a second while playing, p50 {F0(run.Calls.FirstOrDefault(c => c.Name == "events")?.Percentile(50) ?? double.NaN)} ms.";
        var other = new[] { run.LoadCores, run.SeekCores, run.Playback?.Cores ?? [] }.Select(c => c.GetValueOrDefault("other")).DefaultIfEmpty(0).Max();
        if (other >= 0.25)
            yield return $"Other processes on this shared {Environment.ProcessorCount}-core machine used up to {other.ToString("0.00", Inv)} cores in a measured part (column other): those figures read slow; rerun for steadier ones.";
    }

    private static string N(double v) => double.IsFinite(v) ? v.ToString("N0", Inv) : "–";
    private static string F0(double v) => double.IsFinite(v) ? v.ToString("N0", Inv) : "–";
    private static string F1(double v) => double.IsFinite(v) ? v.ToString("N1", Inv) : "–";
    private static string Mb(long? b) => b is { } x ? $"{(x / 1024.0 / 1024.0).ToString("N0", Inv)} MB" : "?";
    private static string Cores(Dictionary<string, double> c, string who) => c.TryGetValue(who, out var v) && double.IsFinite(v) ? v.ToString("0.00", Inv) : "–";
    private static string OtherTop(string top) => top.Length == 0 ? "" : $" (other: {top})";
    private static string Esc(string s) => s.Replace("|", "\\|").Replace("\n", " ").Replace("\r", "");
    /// <summary>A log line without its timestamp and level.</summary>
    private static string Tail(string line) => line.IndexOf("]", StringComparison.Ordinal) is var i and > 0 ? line[(i + 1)..].Trim() : line;
}
