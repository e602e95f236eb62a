using CommandCenter.Bench;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using CommandCenter.Bench.Wall;
using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.TestSupport;
using Microsoft.Playwright;

// Wall benchmark: /wall in the Debian Chromium against the real host (simulator on) and a real influxd.
// Measures event → screen latency (probe alarms), frame times, browser heap/DOM and process memory.
// Usage: Wall.Bench [--minutes N] [--warmup-seconds N] [--rate EVENTS_PER_S] [--fly-to-critical true|false]
//                   [--probe-backdate-minutes N] [--no-pulse-animation] [--out FILE] [--command TEXT]
// Run from the Release output (RepoPaths picks the host dll of the same configuration); bench/run.sh does.

var inv = CultureInfo.InvariantCulture;
string? revision = null; // what was built, when the bench runs from a copy of the build (else: asked from git)
string? renderFrom = null; // re-render the report from a run's raw data instead of running
var options = new RunOptions { Out = Path.Combine(RepoPaths.Root, "bench", "results", "wall.md"), Command = Environment.CommandLine };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--minutes": options.Minutes = double.Parse(args[++i], inv); break;
        case "--warmup-seconds": options.WarmupSeconds = double.Parse(args[++i], inv); break;
        case "--rate": options.Rate = double.Parse(args[++i], inv); break;
        case "--fly-to-critical": options.FlyToCritical = bool.Parse(args[++i]); break;
        case "--probe-backdate-minutes": options.ProbeBackdateMinutes = double.Parse(args[++i], inv); break;
        case "--no-pulse-animation": options.NoPulseAnimation = true; break;
        case "--out": options.Out = Path.GetFullPath(args[++i]); break;
        case "--command": options.Command = args[++i]; break;
        case "--revision": revision = args[++i]; break;
        case "--raw": options.Raw = Path.GetFullPath(args[++i]); break;
        case "--render-from": renderFrom = Path.GetFullPath(args[++i]); break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; usage: Wall.Bench [--minutes N] [--warmup-seconds N] [--rate N] " +
                                    "[--fly-to-critical true|false] [--probe-backdate-minutes N] [--no-pulse-animation] [--out FILE] [--raw FILE] [--render-from FILE] [--revision TEXT] [--command TEXT]");
            return 2;
    }
}

void Say(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

if (renderFrom is not null)
{
    var saved = RawData.Load(renderFrom);
    if (args.Contains("--command")) saved.Options.Command = options.Command;
    await File.WriteAllTextAsync(options.Out, Report.Render(saved.Options, saved.Run, saved.Probes, saved.Frames, saved.Samples));
    Say($"rendered {options.Out} from {renderFrom}");
    return 0;
}
options.Raw ??= Path.Combine(Path.GetTempPath(), $"wall-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");

// SIGTERM / Ctrl-C end the measured part early; the report is still written (and says so).
using var stopEarly = new CancellationTokenSource();
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stopEarly.Cancel(); });
using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stopEarly.Cancel(); });

if (!Preflight.HostBuilt(RepoPaths.DashboardDll, RepoPaths.Configuration, Say)) return 1;
if (!Preflight.ChromiumInstalled()) return 1;

var run = new RunFacts { LoadAtStart = Machine.LoadAverage, StartedAt = DateTimeOffset.UtcNow, Revision = revision ?? Git.Describe(RepoPaths.Root) };
Say($"load average {run.LoadAtStart} on {Environment.ProcessorCount} cores; {run.Revision}");

await using var influx = await InfluxServer.StartAsync();
run.InfluxVersion = Machine.InfluxVersion();
Say($"influxd {run.InfluxVersion} on {influx.Url}, data in {influx.DataDir}");

const string Token = "kiosk-bench-token";
var settings = new Dictionary<string, string>
{
    // As deployed, not as the tests tune it: production environment, the default 2 s grain tick, the default wall flush.
    ["DOTNET_ENVIRONMENT"] = "Production",
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["Silo__TickInterval"] = "00:00:02",
    ["Simulator__Enabled"] = "true",
    ["Simulator__EventsPerSecond"] = options.Rate.ToString(inv),
    ["Wall__KioskToken"] = Token,
    ["Wall__FlyToCritical"] = options.FlyToCritical ? "true" : "false",
};
run.Settings = settings.Where(s => s.Key != "Wall__KioskToken").Select(s => $"{s.Key}={s.Value}").Append("Wall__KioskToken=(set)").ToList();
await using var host = new HostProcess(influx.Url, "wall", settings);
var started = Stopwatch.StartNew();
await host.StartAsync(TimeSpan.FromSeconds(90));
Say($"host up on {host.BaseUrl} in {started.Elapsed.TotalSeconds:0.0} s, simulator at {options.Rate:N0} events/s");
var hostPid = Procs.Find("CommandCenter.Dashboard.dll", pid => Procs.EnvironmentContains(pid, $"urls={host.BaseUrl}"));
var influxPid = Procs.Find("influxd", pid => Procs.WorkingDirectoryIs(pid, influx.DataDir));
Say($"pids: host {hostPid?.ToString() ?? "?"}, influxd {influxPid?.ToString() ?? "?"}");

var (playwright, browser) = await Browser.LaunchAsync();
run.ChromiumVersion = browser.Version;
var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
var page = await context.NewPageAsync();
var prefix = $"probe-{Guid.NewGuid().ToString("N")[..6]}-";
using (var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("wall-probe.js")!)
using (var reader = new StreamReader(stream))
    await page.AddInitScriptAsync((await reader.ReadToEndAsync()).Replace("__PROBE_PREFIX__", prefix));
page.PageError += (_, e) => { if (Interlocked.Increment(ref run.PageErrors) <= 5) { run.FirstErrors.Add($"page error: {e}"); Say($"page error: {e}"); } };
page.Console += (_, m) =>
{
    if (m.Type == "warning")
    {
        if (Interlocked.Increment(ref run.ConsoleWarnings) <= 5) { run.FirstErrors.Add($"console warning: {m.Text}"); Say($"console warning: {m.Text}"); }
        return;
    }
    if (m.Type != "error") return;
    if (Interlocked.Increment(ref run.ConsoleErrors) <= 5) { run.FirstErrors.Add($"console error: {m.Text}"); Say($"console error: {m.Text}"); }
};
page.Crash += (_, _) => { run.CrashedAt ??= run.Measure.Elapsed.TotalMinutes; Say("PAGE CRASHED"); };

var opened = Stopwatch.StartNew();
await page.GotoAsync($"{host.BaseUrl}/wall?token={Token}", new() { Timeout = 120_000 });
try
{
    await page.WaitForFunctionAsync("() => window.__wall && window.__wall.map.ready && window.__wall.live.status === 'live' && window.__bench.observing",
        null, new() { Timeout = 120_000, PollingInterval = 250 });
}
catch (TimeoutException)
{
    var why = await page.EvaluateAsync<string>("() => JSON.stringify({ wall: !!window.__wall, ready: window.__wall?.map.ready, status: window.__wall?.live.status, observing: window.__bench?.observing })");
    Console.Error.WriteLine($"the wall did not go live within 120 s: {why}; host running: {host.IsRunning}\n{host.Log}");
    return 1;
}
run.OpenSeconds = opened.Elapsed.TotalSeconds;
if (options.NoPulseAnimation)
{
    // Diagnostic only: stops the CSS pulse of the unacknowledged-alarm markers, to see what it costs.
    await page.AddStyleTagAsync(new() { Content = ".alarm-pulse::after { animation: none !important; }" });
    Say("DIAGNOSTIC: pulse animation of the alarm markers disabled");
}
Say($"wall open and live in {run.OpenSeconds:0.0} s (Chromium {browser.Version})");
var cdp = await context.NewCDPSessionAsync(page);
await cdp.SendAsync("Performance.enable");

var chromium = Procs.OurChromium();
Say($"chromium processes: {string.Join(", ", chromium.Select(c => $"{c.Pid} {c.Type}"))}");

var probes = new ConcurrentDictionary<string, Probe>();
var frames = new List<Frame>();
var samples = new List<Sample>();
var measureStart = run.Measure;
// A renderer that stops answering must not stall the bench: page calls give up after this long.
var PageTimeout = TimeSpan.FromSeconds(60);

async Task<Dictionary<string, double>> MetricsAsync()
{
    try
    {
        var r = await cdp.SendAsync("Performance.getMetrics").WaitAsync(PageTimeout);
        return r!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
    }
    catch (Exception e) when (e is PlaywrightException or TimeoutException)
    {
        Say($"CDP metrics unreadable: {e.Message}");
        return [];
    }
}

async Task<HostState?> HostStateAsync()
{
    try
    {
        using var r = await host.Http.GetAsync("healthz");
        var e = await r.Content.ReadFromJsonAsync<JsonElement>();
        var sim = e.GetProperty("ingest").GetProperty("simulator");
        long L(JsonElement x, string name) => x.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        return new HostState(L(e.GetProperty("silo"), "eventsApplied"), L(sim, "generated"), L(sim, "accepted"), L(sim, "pending"), L(sim, "failed"), L(sim, "rejected"));
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
    {
        Say($"healthz unreadable: {ex.Message}");
        return null;
    }
}

async Task<Sample> SampleAsync()
{
    var at = measureStart.Elapsed.TotalMinutes;
    var before = await MetricsAsync();
    try { await cdp.SendAsync("HeapProfiler.collectGarbage").WaitAsync(PageTimeout); }
    catch (Exception e) when (e is PlaywrightException or TimeoutException) { Say($"GC not done: {e.Message}"); }
    var after = await MetricsAsync();
    PageState? state = null;
    try { state = PageState.From(await page.EvaluateAsync<JsonElement>("() => window.__bench.state()").WaitAsync(PageTimeout)); }
    catch (Exception e) when (e is PlaywrightException or TimeoutException) { Say($"page state unreadable: {e.Message}"); }
    var health = await HostStateAsync();
    var procs = Procs.OurChromium();
    double M(Dictionary<string, double> m, string k) => m.TryGetValue(k, out var v) ? v : double.NaN;
    return new Sample(at,
        M(before, "JSHeapUsedSize"), M(after, "JSHeapUsedSize"), M(after, "JSHeapTotalSize"), M(after, "Nodes"), M(after, "JSEventListeners"),
        M(after, "TaskDuration"), M(after, "ScriptDuration"), M(after, "LayoutDuration"), M(after, "RecalcStyleDuration"),
        Procs.Rss(hostPid), Procs.Rss(influxPid), Procs.Rss(procs.Select(p => p.Pid)),
        Procs.Rss(procs.Where(p => p.Type == "renderer").Select(p => p.Pid)), Procs.Rss(procs.Where(p => p.Type == "gpu-process").Select(p => p.Pid)),
        Procs.CpuTime(hostPid), Procs.CpuTime(influxPid), Procs.CpuTime(procs.Select(p => p.Pid)), Procs.CpuTime(Environment.ProcessId)!.Value,
        SystemCpu.Read(), state, health, Procs.ThreadCpu(procs));
}

async Task CleanUpAsync(Probe p)
{
    if (p.CleanedUp) return;
    p.CleanedUp = true;
    var clear = new WireEvent { Id = Wire.Id("probe-clear"), Type = EventType.AlarmCleared, OccurredAt = DateTimeOffset.UtcNow, AlarmId = p.Id, Actor = "bench" };
    try
    {
        var (r, body) = await host.PostEventsAsync([Wire.Ack(p.Id, "bench"), clear]);
        if (!r.IsSuccessStatusCode || body is null || body.Accepted != 2) Interlocked.Increment(ref run.CleanupProblems);
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref run.CleanupProblems); }
}

async Task DrainAsync(bool keepFrames)
{
    JsonElement d;
    try { d = await page.EvaluateAsync<JsonElement>("() => window.__bench.drain()").WaitAsync(PageTimeout); }
    catch (Exception e) when (e is PlaywrightException or TimeoutException) { Say($"drain failed: {e.Message}"); return; }
    var at = measureStart.Elapsed.TotalSeconds;
    if (keepFrames)
        foreach (var f in d.GetProperty("frames").EnumerateArray()) frames.Add(new Frame(at, f.GetDouble()));
    foreach (var s in d.GetProperty("seen").EnumerateArray())
    {
        if (!probes.TryGetValue(s.GetProperty("id").GetString()!, out var p)) continue;
        p.DomMs = (long)s.GetProperty("dom").GetDouble();
        p.PaintedMs = (long)s.GetProperty("painted").GetDouble();
        p.Row = s.GetProperty("row").GetInt32();
        p.AckedWhenSeen = s.GetProperty("acked").GetBoolean();
        _ = CleanUpAsync(p);
    }
    var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    foreach (var p in probes.Values)
        if (p.PaintedMs is null && !p.CleanedUp && now - p.SentMs > RunOptions.ProbeTimeoutSeconds * 1000) _ = CleanUpAsync(p);
}

async Task SendProbeAsync(int n)
{
    var grid = n * 37 % Wire.Map.Grids.Count;
    var id = prefix + n.ToString(inv);
    var raise = Wire.Raise(grid, id, Severity.I) with { OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-options.ProbeBackdateMinutes) };
    var p = new Probe(id, grid, measureStart.Elapsed.TotalSeconds, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    probes[id] = p;
    try
    {
        var (r, body) = await host.PostEventsAsync([raise]);
        p.AnsweredMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (!r.IsSuccessStatusCode || body is null || body.Accepted != 1)
            p.Problem = $"HTTP {(int)r.StatusCode}: {body?.Results.FirstOrDefault()?.Reason ?? body?.Results.FirstOrDefault()?.Status.ToString() ?? "no body"}";
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { p.Problem = e.Message; }
}

void Progress(string phase)
{
    var lat = probes.Values.Where(p => p.LatencyMs is not null).Select(p => p.LatencyMs!.Value).ToList();
    var recent = frames.Where(f => f.At > measureStart.Elapsed.TotalSeconds - 60).Select(f => f.Ms).ToList();
    var s = samples.LastOrDefault();
    Say($"{phase} {measureStart.Elapsed.TotalMinutes:0.0} min: probes {probes.Count} sent, {lat.Count} seen, latency p50 {Stats.Percentile(lat, 50):0} / p99 {Stats.Percentile(lat, 99):0} / max {(lat.Count > 0 ? lat.Max() : double.NaN):0} ms; " +
        $"last minute {recent.Count} frames, p50 {Stats.Percentile(recent, 50):0.0} p99 {Stats.Percentile(recent, 99):0.0} ms" +
        (s is null ? "" : $"; heap {s.HeapUsedAfterGc / 1e6:0.0} MB, nodes {s.Nodes:0}, host {s.HostRss / 1e6:0} MB, alarms {s.Page?.Alarms}, status {s.Page?.Status}"));
}

// Warm-up: the page runs with the simulator feeding it, nothing measured.
Say($"warm-up {options.WarmupSeconds:0} s");
var warm = Stopwatch.StartNew();
while (warm.Elapsed.TotalSeconds < options.WarmupSeconds && !stopEarly.IsCancellationRequested)
{
    await Task.Delay(1000);
    await DrainAsync(keepFrames: false);
}

// The measured part.
await DrainAsync(keepFrames: false);
measureStart.Restart();
run.MeasureStartedAt = DateTimeOffset.UtcNow;
samples.Add(await SampleAsync());
Progress("start");
var end = TimeSpan.FromMinutes(options.Minutes);
using var stopProbes = new CancellationTokenSource();
var probeLoop = Task.Run(async () =>
{
    using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(RunOptions.ProbeEveryMs));
    var n = 0;
    var sends = new List<Task>();
    try { while (await timer.WaitForNextTickAsync(stopProbes.Token)) sends.Add(SendProbeAsync(++n)); }
    catch (OperationCanceledException) { }
    await Task.WhenAll(sends);
});
var nextSample = TimeSpan.FromSeconds(RunOptions.SampleEverySeconds);
using (var tick = new PeriodicTimer(TimeSpan.FromSeconds(1)))
{
    while (await tick.WaitForNextTickAsync())
    {
        if (run.CrashedAt is not null) break;
        if (!host.IsRunning)
        {
            run.HostExitedAt = measureStart.Elapsed.TotalMinutes;
            Say($"THE HOST EXITED at {run.HostExitedAt:0.0} min");
            break;
        }
        var elapsed = measureStart.Elapsed;
        if (elapsed >= end) break;
        if (stopEarly.IsCancellationRequested)
        {
            run.StoppedEarly = true;
            Say("stopped early (signal)");
            break;
        }
        await DrainAsync(keepFrames: true);
        if (measureStart.Elapsed >= nextSample)
        {
            samples.Add(await SampleAsync());
            nextSample += TimeSpan.FromSeconds(RunOptions.SampleEverySeconds);
            Progress("at");
        }
    }
}
await DrainAsync(keepFrames: true);
if (run.CrashedAt is null && run.HostExitedAt is null) samples.Add(await SampleAsync());
run.MeasuredMinutes = measureStart.Elapsed.TotalMinutes;
stopProbes.Cancel();
await probeLoop;

// Grace: probes sent near the end still get their chance to appear (counted, their frames are not).
Say($"grace {RunOptions.GraceSeconds} s for the last probes");
var grace = Stopwatch.StartNew();
while (run.CrashedAt is null && run.HostExitedAt is null && grace.Elapsed.TotalSeconds < RunOptions.GraceSeconds && probes.Values.Any(p => p.PaintedMs is null && p.Problem is null))
{
    await Task.Delay(1000);
    await DrainAsync(keepFrames: false);
}
Progress("end");
run.LoadAtEnd = Machine.LoadAverage;
if (host.IsRunning) await Task.WhenAll(probes.Values.Where(p => !p.CleanedUp && run.CrashedAt is null).Select(CleanUpAsync));

try { run.FinalPage = PageState.From(await page.EvaluateAsync<JsonElement>("() => window.__bench.state()").WaitAsync(PageTimeout)); }
catch (Exception e) when (e is PlaywrightException or TimeoutException) { }
await context.CloseAsync();
await browser.DisposeAsync();
playwright.Dispose();
run.HostLogTail = host.Log.ToString();
// Keep the host's logs (HostProcess deletes its log dir): its console output and its Serilog files.
run.HostLogDir = Path.Combine(Path.GetTempPath(), $"wall-bench-host-logs-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
Directory.CreateDirectory(run.HostLogDir);
await File.WriteAllTextAsync(Path.Combine(run.HostLogDir, "console.log"), run.HostLogTail);
foreach (var f in Directory.EnumerateFiles(host.LogDir, "*", SearchOption.AllDirectories))
    File.Copy(f, Path.Combine(run.HostLogDir, Path.GetFileName(f)), overwrite: true);
Say($"host logs kept in {run.HostLogDir}");

var raw = new RawData(options, run, probes.Values.OrderBy(p => p.SentAt).ToList(), frames, samples);
raw.Save(options.Raw);
Say($"raw data in {options.Raw} (re-render with --render-from)");
var report = Report.Render(options, run, raw.Probes, frames, samples);
Directory.CreateDirectory(Path.GetDirectoryName(options.Out)!);
await File.WriteAllTextAsync(options.Out, report);
Say($"wrote {options.Out}");
return run.CrashedAt is null && run.HostExitedAt is null ? 0 : 1;

public sealed class RunOptions
{
    public const int ProbeEveryMs = 1000, SampleEverySeconds = 60, WindowMinutes = 5, ProbeTimeoutSeconds = 120, GraceSeconds = 30;
    public double Minutes { get; set; } = 30;
    public double WarmupSeconds { get; set; } = 60;
    public double Rate { get; set; } = 2000;
    public bool FlyToCritical { get; set; } = true;
    /// <summary>Diagnostic: the bench disables the markers' CSS pulse in the page (not the product as deployed).</summary>
    public bool NoPulseAnimation { get; set; }
    /// <summary>
    /// The probe's occurredAt lies this far in the past so it sorts above every simulated unacknowledged severity-I alarm
    /// (the list is unacked first, then severity, then oldest first, and shows 40 rows).
    /// </summary>
    public double ProbeBackdateMinutes { get; set; } = 360;
    public string Out { get; set; } = "";
    /// <summary>Where the run's raw data (probes, frames, samples) is written as JSON; default a file in the temp dir.</summary>
    public string? Raw { get; set; }
    public string Command { get; set; } = "";
}

public sealed class RunFacts
{
    public string LoadAtStart = "", LoadAtEnd = "", Revision = "", InfluxVersion = "", ChromiumVersion = "", HostLogTail = "";
    public DateTimeOffset StartedAt, MeasureStartedAt;
    public List<string> Settings = [];
    public double OpenSeconds, MeasuredMinutes;
    public double? CrashedAt, HostExitedAt;
    public string HostLogDir = "";
    public int PageErrors, ConsoleErrors, ConsoleWarnings, CleanupProblems;
    public List<string> FirstErrors = [];
    /// <summary>Runs from the end of the warm-up.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public readonly Stopwatch Measure = new();
    public bool StoppedEarly;
    public PageState? FinalPage;
}
