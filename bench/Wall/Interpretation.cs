using System.Globalization;
using static CommandCenter.Bench.Wall.Report;

namespace CommandCenter.Bench.Wall;

/// <summary>A few sentences on what the figures mean, with this run's numbers filled in.</summary>
public static class Interpretation
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    /// <summary>"A few hundred ms": the bound the wall's latency is judged against.</summary>
    public const double LatencyBoundMs = 300;

    public static IEnumerable<string> Lines(RunOptions o, RunFacts run, IReadOnlyList<Probe> probes, IReadOnlyList<Frame> frames,
        IReadOnlyList<Sample> samples, IReadOnlyList<Window> windows)
    {
        var lat = probes.Where(p => p.LatencyMs is not null).Select(p => p.LatencyMs!.Value).ToList();
        var post = probes.Where(p => p.PostMs is not null && p.Problem is null).Select(p => p.PostMs!.Value).ToList();
        var missing = probes.Count(p => p.LatencyMs is null && p.Problem is null);
        var first = samples.FirstOrDefault();
        var last = samples.LastOrDefault();
        var secs = first is not null && last is not null ? (last.AtMinutes - first.AtMinutes) * 60 : 0;
        var cores = first is not null && last is not null && secs > 0 ? Cores(first, last, secs) : default;

        if (lat.Count > 0)
        {
            var p99 = Stats.Percentile(lat, 99);
            var verdict = p99 <= LatencyBoundMs
                ? $"so {N(o.Rate)} events/s keeps p99 under {LatencyBoundMs:0} ms on this {Environment.ProcessorCount}-core machine with SwiftShader rendering"
                : $"so at {N(o.Rate)} events/s on this {Environment.ProcessorCount}-core machine with SwiftShader rendering the wall does **not** keep p99 under {LatencyBoundMs:0} ms";
            yield return $"Event → screen: a new severity-I alarm was on screen p50 {Ms(Stats.Percentile(lat, 50))} ms, p99 {Ms(p99)} ms, max {Ms(lat.Max())} ms after it was sent " +
                         $"({lat.Count} of {probes.Count} probes; {missing} never appeared), {verdict}. The ingest POST itself (stored in InfluxDB) took p50 {Ms(Stats.Percentile(post, 50))} / " +
                         $"p99 {Ms(Stats.Percentile(post, 99))} ms; the rest is the wall's batching (a delta every 150 ms) and the page applying the delta.";
        }
        else yield return $"**No probe appeared on the wall** ({probes.Count} sent).";

        var perWindow = windows.Select(w => (w, l: probes.Where(p => In(w, p.SentAt / 60) && p.LatencyMs is not null).Select(p => p.LatencyMs!.Value).ToList()))
            .Where(x => x.l.Count > 0).ToList();
        if (perWindow.Count >= 2)
        {
            var (w0, l0) = perWindow[0];
            var (wn, ln) = perWindow[^1];
            double a = Stats.Percentile(l0, 50), z = Stats.Percentile(ln, 50), a99 = Stats.Percentile(l0, 99), z99 = Stats.Percentile(ln, 99);
            var grows = z > 2 * a && z - a > 200;
            var (sa, sz) = (Bounds(samples, w0), Bounds(samples, wn));
            double Rate(Sample? x, Sample? y, Func<PageState, double> pick) =>
                x?.Page is { } px && y?.Page is { } py && y.AtMinutes > x.AtMinutes ? (pick(py) - pick(px)) / ((y.AtMinutes - x.AtMinutes) * 60) : double.NaN;
            var why = $" Deltas reaching the page went {F(Rate(sa.A, sa.Z, p => p.WsMessages), "0.0")}/s → {F(Rate(sz.A, sz.Z, p => p.WsMessages), "0.0")}/s (the 150 ms flush allows ~6.7/s) " +
                      $"while each carried the whole open-alarm list ({F((sa.A?.Page?.AlarmsChars ?? 0) / 1024.0, "N0")} KB of JSON at the start → {F((sz.Z?.Page?.AlarmsChars ?? 0) / 1024.0, "N0")} KB at the end): " +
                      "the page cannot keep up and the backlog grows.";
            yield return grows
                ? $"**Latency grows with time**: p50 {Ms(a)} ms in {w0.Name} → {Ms(z)} ms in {wn.Name} (p99 {Ms(a99)} → {Ms(z99)} ms)." + why
                : $"Latency does not grow over the run: p50 {Ms(a)} ms in {w0.Name}, {Ms(z)} ms in {wn.Name} (p99 {Ms(a99)} → {Ms(z99)} ms).";
        }

        if (frames.Count > 0)
        {
            var fs = frames.Select(f => f.Ms).ToList();
            var busy = first is not null && last is not null && secs > 0 ? (last.TaskSeconds - first.TaskSeconds) / secs : double.NaN;
            var script = first is not null && last is not null && secs > 0 ? (last.ScriptSeconds - first.ScriptSeconds) / secs : double.NaN;
            var perWin = windows.Select(w => frames.Where(f => In(w, f.At / 60)).Select(f => f.Ms).ToList()).Where(l => l.Count > 0)
                .Select(l => Stats.Share(l, f => f > LongFrameMs)).ToList();
            yield return $"Frames: {F(fs.Count / Math.Max(1, run.MeasuredMinutes * 60), "0.0")} frames/s, p50 {F(Stats.Percentile(fs, 50), "0.0")} ms, p99 {F(Stats.Percentile(fs, 99), "0.0")} ms, " +
                         $"{Pct(Stats.Share(fs, f => f > LongFrameMs))} of frames over {LongFrameMs:0} ms (per 5-min window {string.Join(", ", perWin.Select(Pct))}); " +
                         $"the renderer's main thread was busy {Pct(busy)} of the time ({Pct(script)} in script)" +
                         (o.FlyToCritical ? "; with FlyToCritical on (the deployed default) every new severity-I alarm, each probe included, starts a camera flight, so the map is redrawn continuously" : "") +
                         (TopThreads(samples) is { Length: > 0 } top ? $". Chromium's busiest threads: {top}." : ".");
        }

        if (first is not null && last is not null && samples.Count >= 3)
        {
            var heapSlope = Stats.Slope(samples.Select(s => (s.AtMinutes, s.HeapUsedAfterGc / 1e6)).ToList());
            var nodeSlope = Stats.Slope(samples.Select(s => (s.AtMinutes, s.Nodes)).ToList());
            var heapGrowth = (last.HeapUsedAfterGc - first.HeapUsedAfterGc) / 1e6;
            var flat = Math.Abs(heapGrowth) < Math.Max(5, 0.1 * first.HeapUsedAfterGc / 1e6);
            var alarmsA = first.Page?.Alarms ?? 0;
            var alarmsZ = last.Page?.Alarms ?? 0;
            var elementsA = first.Page?.Elements ?? 0;
            var elementsZ = last.Page?.Elements ?? 0;
            var pulsesA = first.Page?.Pulses ?? 0;
            var pulsesZ = last.Page?.Pulses ?? 0;
            var filling = alarmsZ > alarmsA + 100;
            var perAlarmKb = filling ? (last.HeapUsedAfterGc - first.HeapUsedAfterGc) / (alarmsZ - alarmsA) / 1024 : double.NaN;
            var heap = flat
                ? $"The JS heap is flat: {Mb(first.HeapUsedAfterGc)} → {Mb(last.HeapUsedAfterGc)} MB after GC (slope {F(heapSlope, "+0.00;-0.00")} MB/min)"
                : filling && perAlarmKb < 2
                    ? $"The JS heap grows with the state it shows, not like a leak: {Mb(first.HeapUsedAfterGc)} → {Mb(last.HeapUsedAfterGc)} MB after GC (slope {F(heapSlope, "+0.00;-0.00")} MB/min) " +
                      $"while the open-alarm list the page holds (and receives whole with every delta) went {alarmsA.ToString("N0", Inv)} → {alarmsZ.ToString("N0", Inv)} alarms " +
                      $"({F((first.Page?.AlarmsChars ?? 0) / 1024.0, "N0")} → {F((last.Page?.AlarmsChars ?? 0) / 1024.0, "N0")} KB of JSON), {F(perAlarmKb, "0.0")} KB per extra alarm"
                    : $"**The JS heap grows**: {Mb(first.HeapUsedAfterGc)} → {Mb(last.HeapUsedAfterGc)} MB after GC over {F(run.MeasuredMinutes, "0")} min " +
                      $"(slope {F(heapSlope, "+0.00;-0.00")} MB/min ≈ {F(heapSlope * 60, "0")} MB/h) while the open-alarm list went {alarmsA.ToString("N0", Inv)} → {alarmsZ.ToString("N0", Inv)}";
            yield return heap + $". DOM nodes {F(first.Nodes, "N0")} → {F(last.Nodes, "N0")} (slope {F(nodeSlope, "+0.0;-0.0")}/min); document elements {elementsA.ToString("N0", Inv)} → {elementsZ.ToString("N0", Inv)} " +
                         $"(+{(elementsZ - elementsA).ToString("N0", Inv)}), pulse markers {pulsesA.ToString("N0", Inv)} → {pulsesZ.ToString("N0", Inv)} (+{(pulsesZ - pulsesA).ToString("N0", Inv)}): " +
                         "the DOM grows by one animated HTML marker per unacknowledged alarm" +
                         (filling ? "; the simulator's alarms live 6–65 min (1–3 h when nobody acknowledges them), so at this rate the open set is still filling up at the end of the run." : ".");
        }

        if (first is not null && last is not null && samples.Count >= 3)
        {
            string Trend(string name, Func<Sample, long?> pick)
            {
                var pts = samples.Where(s => pick(s) is not null).Select(s => (s.AtMinutes, pick(s)!.Value / 1e6)).ToList();
                return $"{name} {Mb(pick(first))} → {Mb(pick(last))} MB ({F(Stats.Slope(pts), "+0.0;-0.0")} MB/min)";
            }
            var applied = last.Host is { } hz && first.Host is { } ha ? hz.EventsApplied - ha.EventsApplied : 0;
            var perEvent = applied > 0 && last.HostRss is { } rz && first.HostRss is { } ra ? (double)(rz - ra) / applied : double.NaN;
            yield return $"Process memory (RSS): {Trend("host", s => s.HostRss)}, {Trend("influxd", s => s.InfluxRss)}, {Trend("Chromium (all processes)", s => s.ChromiumRss)}. " +
                         (double.IsNaN(perEvent) ? "" :
                             $"The host grew {F(perEvent, "0")} bytes per event it applied ({applied.ToString("N0", Inv)} in the measured part); it keeps every open alarm and case, " +
                             "and a dedupe key for every accepted event for 48 h (`DedupeIndex`), so at a sustained 2,000 events/s its memory keeps rising for hours. ") +
                         $"CPU over the measured part: host {Cx(cores.Host)}, influxd {Cx(cores.Influx)}, Chromium {Cx(cores.Chromium)}, bench {Cx(cores.Bench)}, other {Cx(cores.Other)} cores " +
                         $"of {Environment.ProcessorCount} (machine {Pct(cores.Busy)} busy)" +
                         (cores.Busy > 0.9 ? ": the machine was saturated, so every figure above includes waiting for a core." : ".");
        }

        if (run.HostExitedAt is not null) yield return $"**The host process exited at {F(run.HostExitedAt.Value, "0.0")} min**; figures stop there (see its log above).";
        if (run.CrashedAt is not null) yield return $"**The renderer crashed at {F(run.CrashedAt.Value, "0.0")} min**; figures stop there.";
        else if (run.FinalPage is { } fp && (fp.Snapshots > 1 || fp.Reconnects > 0 || fp.Status != "live"))
            yield return $"The page's connection was not steady: status `{fp.Status}` at the end, {fp.Snapshots} snapshots, {fp.Reconnects} reconnects.";
    }

    private static string TopThreads(IReadOnlyList<Sample> samples)
    {
        if (samples.Count < 2 || samples[^1].AtMinutes <= samples[0].AtMinutes) return "";
        var secs = (samples[^1].AtMinutes - samples[0].AtMinutes) * 60;
        return string.Join(", ", samples[^1].ChromiumThreads
            .Select(t => (t.Key, Cores: (t.Value - samples[0].ChromiumThreads.GetValueOrDefault(t.Key)).TotalSeconds / secs))
            .OrderByDescending(t => t.Cores).Take(4).Select(t => $"{t.Key} {t.Cores.ToString("0.00", Inv)} cores"));
    }

    private static string Cx(double? v) => v is { } x ? x.ToString("0.00", Inv) : "–";
}
