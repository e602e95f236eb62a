using CommandCenter.Bench;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CommandCenter.Bench.Replay;
using CommandCenter.Geography;
using CommandCenter.Simulation;
using CommandCenter.TestSupport;
using Microsoft.Playwright;

// Replay benchmark: a day of ≥ 1,000,000 realistic events stored in one influxd, read back plainly (the baseline),
// then replayed by the real host: its HTTP API (load, seek) and /replay in the Debian Chromium at 3600×.
// Usage: Replay.Bench [--out FILE] [--command TEXT] [--rate N] [--hours N] [--seeks N] [--play-seconds N] [--speed N]
//                     [--alarm-share F] [--case-share F]
// Run from the Release output (RepoPaths picks the host dll of the same configuration); bench/run.sh does.

var inv = CultureInfo.InvariantCulture;
var o = new BenchOptions { Out = Path.Combine(RepoPaths.Root, "bench", "results", "replay.md"), Command = Environment.CommandLine };
(o.AlarmShare, o.CaseShare) = DeployedShares();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out": o.Out = Path.GetFullPath(args[++i]); break;
        case "--command": o.Command = args[++i]; break;
        case "--rate": o.Rate = double.Parse(args[++i], inv); break;
        case "--hours": o.Hours = double.Parse(args[++i], inv); break;
        case "--seeks": o.Seeks = int.Parse(args[++i], inv); break;
        case "--play-seconds": o.PlaySeconds = double.Parse(args[++i], inv); break;
        case "--speed": o.Speed = int.Parse(args[++i], inv); break;
        case "--alarm-share": o.AlarmShare = double.Parse(args[++i], inv); break;
        case "--case-share": o.CaseShare = double.Parse(args[++i], inv); break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; usage: Replay.Bench [--out FILE] [--command TEXT] [--rate N] [--hours N] " +
                                    "[--seeks N] [--play-seconds N] [--speed N] [--alarm-share F] [--case-share F]");
            return 2;
    }
}

void Say(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

if (!Preflight.HostBuilt(RepoPaths.DashboardDll, RepoPaths.Configuration, Say)) return 1;
if (!Preflight.ChromiumInstalled()) return 1;

var run = new RunFacts { LoadAtStart = Machine.LoadAverage, StartedAt = DateTimeOffset.UtcNow, Revision = Git.Describe(RepoPaths.Root) };
Say($"load average {run.LoadAtStart} on {Environment.ProcessorCount} cores; {run.Revision}");
var total = Stopwatch.StartNew();
var map = DemoCountyGenerator.Generate();

await using var influx = await InfluxServer.StartAsync();
run.InfluxVersion = Machine.InfluxVersion();
var influxPid = Procs.Find("influxd", pid => Procs.WorkingDirectoryIs(pid, influx.DataDir));
Say($"influxd {run.InfluxVersion} on {influx.Url}, data in {influx.DataDir}");
var client = await influx.CreateClientAsync("replay_day", c => c.Timeout = TimeSpan.FromMinutes(5));
var database = client.Options.Database;

// 1. The day: generated in-process through the host's validator and grains, then written as the event store writes.
var to = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
var from = to - TimeSpan.FromHours(o.Hours);
var sim = new SimulatorOptions { EventsPerSecond = o.Rate, AlarmShare = o.AlarmShare, CaseShare = o.CaseShare, Seed = 20250601 };
Say($"1. generating {o.Hours:0.#} h of county traffic at {o.Rate} events/s (alarm share {o.AlarmShare}, case share {o.CaseShare}), {ApiReplay.Iso(from)} – {ApiReplay.Iso(to)}");
await MakeDayAsync(); // the bench keeps no copy of the day afterwards
GC.Collect();
run.InfluxRssAfterWrite = Procs.Rss(influxPid);

// 2. The baseline: the same range read plainly from InfluxDB.
var fromNs = DayGenerator.Ns(from);
var toNs = DayGenerator.Ns(to);
Say("2. plain InfluxDB reads of the range");
run.Reads = await Storage.ReadAsync(client, map, fromNs, toNs, Say);
GC.Collect();

// 3. The real host on that database: startup (rebuild of the live grains from the whole log), then a replay of the day.
const string Token = "kiosk-bench-token";
var settings = new Dictionary<string, string>
{
    // As deployed, not as the tests tune it: production environment, the default 2 s grain tick.
    ["DOTNET_ENVIRONMENT"] = "Production",
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["Silo__TickInterval"] = "00:00:02",
    ["Wall__KioskToken"] = Token,
};
// Before: the same host told to ignore the stored snapshots (reads the whole log, as every start did before them).
await using (var fullLogHost = new HostProcess(influx.Url, database, new Dictionary<string, string>(settings)
             { ["Snapshots__RestoreOnStart"] = "false", ["Snapshots__Enabled"] = "false" }))
{
    Say("3. starting the host with Snapshots:RestoreOnStart=false (rebuild from the whole log, as before snapshots)");
    var fullWatch = Stopwatch.StartNew();
    try
    {
        await fullLogHost.StartAsync(TimeSpan.FromMinutes(10));
        run.HostStartFullLogSeconds = fullWatch.Elapsed.TotalSeconds;
        run.RebuildFullLogLine = HostLog(fullLogHost, "grains rebuilt").LastOrDefault();
        Say($"  healthy in {run.HostStartFullLogSeconds:0.0} s; {run.RebuildFullLogLine}");
        await fullLogHost.StopAsync();
    }
    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException) { run.Problems.Add($"the whole-log host did not start: {ex.Message[..Math.Min(ex.Message.Length, 300)]}"); }
}
await using var host = new HostProcess(influx.Url, database, settings);
host.Http.Timeout = TimeSpan.FromMinutes(5);
Say("   starting the host as deployed (it restores the newest snapshot, then reads the events after it, before it is healthy)");
var started = Stopwatch.StartNew();
var startMeter = new CpuMeter(() => new() { ["influxd"] = influxPid is { } ip ? [ip] : [], ["bench"] = [Environment.ProcessId] });
startMeter.Start();
try { await host.StartAsync(TimeSpan.FromMinutes(10)); }
catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
{
    Say($"PROBLEM: the host did not start: {ex.Message[..Math.Min(ex.Message.Length, 2000)]}");
    run.Problems.Add($"the host did not start: {ex.Message[..Math.Min(ex.Message.Length, 500)]}");
    return Finish();
}
run.HostStartSeconds = started.Elapsed.TotalSeconds;
var hostPid = Procs.Find("CommandCenter.Dashboard.dll", pid => Procs.EnvironmentContains(pid, $"urls={host.BaseUrl}"));
run.HostRssAfterStart = Procs.Rss(hostPid);
run.RebuildLogLine = HostLog(host, "grains rebuilt").LastOrDefault();
Say($"  host up on {host.BaseUrl} in {run.HostStartSeconds:0.0} s (pid {hostPid}); RSS {Playback.Mb(run.HostRssAfterStart)}; {run.RebuildLogLine ?? "no rebuild line in the log"}");

var api = new ApiReplay(host.Http, Say);
Say("  POST /api/v1/replay for the whole day; GET its status every 250 ms until ready");
var loadMeter = new CpuMeter(() => new() { ["host"] = hostPid is { } hp ? [hp] : [], ["influxd"] = influxPid is { } ip ? [ip] : [], ["bench"] = [Environment.ProcessId] });
loadMeter.Start();
run.Load = await api.OpenAsync(from, to, TimeSpan.FromMinutes(10));
run.LoadCores = loadMeter.Stop();
run.LoadOtherTop = loadMeter.OtherTop;
run.HostRssAfterLoad = Procs.Rss(hostPid);
Say($"  replay {run.Load.Id}: {run.Load.Status}, {run.Load.EventCount:N0} events, loadMillis {run.Load.LoadMillis:N0}, wall {run.Load.WallSeconds:0.0} s; host RSS {Playback.Mb(run.HostRssAfterLoad)}" +
    (run.Load.Error is null ? "" : "; PROBLEM: " + run.Load.Error));
if (run.Load.Status == "ready")
{
    // A replay of the day's last hour: from the newest snapshot before it (after), and from the log's start (before).
    run.LoadLastHour = await api.OpenAsync(to - TimeSpan.FromHours(1), to, TimeSpan.FromMinutes(10), snapshots: true);
    Say($"  last hour from a snapshot: {run.LoadLastHour.Status}, loadMillis {run.LoadLastHour.LoadMillis:N0}, {run.LoadLastHour.EventsBefore:N0} events read before the range (snapshot seq {run.LoadLastHour.SnapshotSeq})");
    run.LoadLastHourFullLog = await api.OpenAsync(to - TimeSpan.FromHours(1), to, TimeSpan.FromMinutes(10), snapshots: false);
    Say($"  last hour from the log's start: {run.LoadLastHourFullLog.Status}, loadMillis {run.LoadLastHourFullLog.LoadMillis:N0}, {run.LoadLastHourFullLog.EventsBefore:N0} events read before the range");
}
if (run.Load.Status != "ready")
{
    run.Problems.Add($"the replay did not load: {run.Load.Status} {run.Load.Error}");
    return Finish();
}

// 4. Seek: frames at random moments (full and not), and forward steps as playback asks for them.
Say($"4. seek: {o.Seeks} frames at random moments each way, and {o.Seeks} forward steps");
var span = to - from;
var rng = new Random(7);
List<DateTimeOffset> RandomMoments() => Enumerable.Range(0, o.Seeks).Select(_ => from + span * rng.NextDouble()).ToList();
var seekMeter = new CpuMeter(() => new() { ["host"] = hostPid is { } hp ? [hp] : [], ["bench"] = [Environment.ProcessId] });
seekMeter.Start();
run.Seeks.Add(await api.FramesAsync(run.Load.Id!, "random, full=true", "a random moment of the day, every active grid (what a click on the timeline asks for)", RandomMoments(), full: true));
run.Seeks.Add(await api.FramesAsync(run.Load.Id!, "random, not full", "a random moment, only changed grids asked for (the server still answers full when it had to go back to a checkpoint)", RandomMoments(), full: false));
var step = span / o.Seeks;
await api.FramesAsync(run.Load.Id!, "(reset)", "", [from], full: true);
run.Seeks.Add(await api.FramesAsync(run.Load.Id!, "forward steps, not full",
    $"from the start of the day forward in steps of {step.TotalMinutes:0.#} min (playback: the cursor only moves forward)",
    Enumerable.Range(1, o.Seeks).Select(k => from + step * k).ToList(), full: false));
run.SeekCores = seekMeter.Stop();
run.SeekOtherTop = seekMeter.OtherTop;
// The other calls the page makes: on opening (histogram, report), about once a second while playing (events), and stepping.
var id = run.Load.Id!;
string At(DateTimeOffset t) => Uri.EscapeDataString(ApiReplay.Iso(t));
run.Calls.Add(await api.GetAllAsync("histogram", "`…/histogram?buckets=300` (the timeline, on opening)", Enumerable.Repeat($"api/v1/replay/{id}/histogram?buckets=300", 5).ToList(), frames: false));
run.Calls.Add(await api.GetAllAsync("report", "`…/report` (response times per alarm, case and street, on opening)", Enumerable.Repeat($"api/v1/replay/{id}/report", 5).ToList(), frames: false));
run.Calls.Add(await api.GetAllAsync("events", "`…/events?at=…&around=12` at random moments (the event list, ~1/s while playing)", RandomMoments().Take(50).Select(t => $"api/v1/replay/{id}/events?at={At(t)}&around=12").ToList(), frames: false));
run.Calls.Add(await api.GetAllAsync("step next", "`…/step?at=…&dir=next` at random moments (the ▶| button)", RandomMoments().Take(20).Select(t => $"api/v1/replay/{id}/step?at={At(t)}&dir=next").ToList(), frames: false));
run.Calls.Add(await api.GetAllAsync("step prev", "`…/step?at=…&dir=prev` at random moments (the |◀ button)", RandomMoments().Take(20).Select(t => $"api/v1/replay/{id}/step?at={At(t)}&dir=prev").ToList(), frames: false));
run.Calls.Add(await api.GetAllAsync("timeline CSV", "`…/report.csv?kind=timeline` (export)", [$"api/v1/replay/{id}/report.csv?kind=timeline"], frames: false));
run.HostRssAfterSeeks = Procs.Rss(hostPid);
Say($"  host RSS after the seeks {Playback.Mb(run.HostRssAfterSeeks)}");

// 5. Playback in the browser at 3600×: the page opens its own replay of the day (the host now holds two).
Say($"5. /replay in Chromium: open the day from the URL, play at {o.Speed}× for {o.PlaySeconds:0} s of wall time");
try
{
    run.Playback = await Playback.RunAsync(host.BaseUrl, Token, from, to, o.Speed, o.PlaySeconds, hostPid, influxPid, Say);
    var p = run.Playback;
    Say($"  playing {p.PlayingSeconds:0.0} s{(p.ReachedEnd ? " (reached the end and stopped)" : "")}: {p.FramesPerSecond:0.0} frames/s, p50 {Stats.Percentile(p.FrameIntervalsMs, 50):0.0} ms, " +
        $"p99 {Stats.Percentile(p.FrameIntervalsMs, 99):0.0} ms, {p.Over50} > 50 ms; {p.ReplayFramesPerSecond:0.0} replay frames drawn/s, {p.FrameRequestsPerSecond:0.0} fetched/s " +
        $"(p50 {Stats.Percentile(p.FrameRequestMs, 50):0} ms, {p.FrameRequestMeanKb:0} KB); cursor +{p.CursorAdvancedHours:0.00} h" +
        (p.Problem is null ? "" : "; PROBLEM: " + p.Problem));
    foreach (var e in p.Errors) Say($"  {e}");
}
catch (Exception ex) when (ex is PlaywrightException or TimeoutException or InvalidOperationException)
{
    Say($"PROBLEM: playback failed: {ex.Message}");
    run.Problems.Add($"playback in the browser failed: {ex.Message[..Math.Min(ex.Message.Length, 500)]}");
}
run.ReplayLogLines = HostLog(host, "replay ").Where(l => l.Contains("loaded in", StringComparison.Ordinal)).ToList();
return Finish();

async Task MakeDayAsync()
{
    var day = DayGenerator.Generate(map, sim, from, to, Say);
    Say($"  {day.Events.Count:N0} events accepted by the rules ({day.Generated:N0} generated, {day.Rejected:N0} refused{(day.FirstRejection is null ? "" : ", first: " + day.FirstRejection)}) in {day.Seconds:0.0} s; {day.Grids:N0} active grids");
    run.Day = new DayFacts(day.Events.Count, day.Generated, day.Rejected, day.FirstRejection, day.ByType, day.Grids, day.Seconds,
        day.Events.Select(e => e.GridCode).Distinct().Count(), day.Events.Count(e => e.IsDrill), from, to,
        day.Events[0].AcceptedAt, day.Events[^1].AcceptedAt);
    Say($"  writing {day.Events.Count:N0} points in batches of {Storage.Batch:N0}, one write at a time");
    run.Write = await Storage.WriteAsync(client, map, day.Events, Say);
    Say($"  written in {run.Write.Seconds:0.0} s = {run.Write.PointsPerSecond:N0} points/s (writes alone {run.Write.PostSeconds:0.0} s); stored {run.Write.Stored:N0}" +
        (run.Write.Error is null ? "" : "; PROBLEM: " + run.Write.Error));
    if (run.Write.Stored != day.Events.Count) run.Problems.Add($"stored {run.Write.Stored:N0} ≠ written {day.Events.Count:N0}");
    var snapshotStore = new CommandCenter.Storage.SnapshotStore(client);
    var snapWatch = Stopwatch.StartNew();
    long modelBytes = 0, dedupeBytes = 0;
    foreach (var c in day.Snapshots)
    {
        var (m, d) = await CommandCenter.Live.CountySilo.WriteSnapshotAsync(snapshotStore, c, CancellationToken.None);
        modelBytes += m;
        dedupeBytes += d;
    }
    run.Snapshots = new SnapshotFacts(day.Snapshots.Count, snapWatch.Elapsed.TotalSeconds, modelBytes, dedupeBytes, day.Snapshots.Sum(c => c.DedupeSegment.Count));
    Say($"  {day.Snapshots.Count} snapshots stored as the live silo stores them in {snapWatch.Elapsed.TotalSeconds:0.0} s: state {modelBytes / day.Snapshots.Count / 1024:N0} KB each, duplicate keys {dedupeBytes / 1024 / 1024:N1} MB in all");
}

int Finish()
{
    total.Stop();
    run.TotalSeconds = total.Elapsed.TotalSeconds;
    run.LoadAtEnd = Machine.LoadAverage;
    run.HostLogCopy = CopyHostLog(host);
    var report = Report.Render(o, run);
    Directory.CreateDirectory(Path.GetDirectoryName(o.Out)!);
    File.WriteAllText(o.Out, report);
    Say($"wrote {o.Out} ({run.TotalSeconds:0} s in all){(run.HostLogCopy is null ? "" : $"; host log kept in {run.HostLogCopy}")}");
    return run.Problems.Count == 0 && run.Write?.Error is null ? 0 : 1;
}

// The alarm and case shares of the deployed simulator (src/Dashboard/appsettings.json), so the mix is the one the product runs with.
static (double Alarm, double Case) DeployedShares()
{
    var defaults = new SimulatorOptions();
    try
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.DashboardProject, "appsettings.json")));
        var s = doc.RootElement.GetProperty("Simulator");
        return (s.TryGetProperty("AlarmShare", out var a) ? a.GetDouble() : defaults.AlarmShare,
                s.TryGetProperty("CaseShare", out var c) ? c.GetDouble() : defaults.CaseShare);
    }
    catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException) { return (defaults.AlarmShare, defaults.CaseShare); }
}

// Lines of the host's log (console tail and log files) that contain the text.
static List<string> HostLog(HostProcess host, string text)
{
    var lines = host.Log.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
    try
    {
        foreach (var file in Directory.EnumerateFiles(host.LogDir))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } l) lines.Add(l);
        }
    }
    catch (IOException) { }
    return lines.Where(l => l.Contains(text, StringComparison.Ordinal)).Distinct().ToList();
}

static string? CopyHostLog(HostProcess host)
{
    try
    {
        var dir = Path.Combine(Path.GetTempPath(), $"replay-bench-host-logs-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.EnumerateFiles(host.LogDir))
        {
            using var src = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var dst = File.Create(Path.Combine(dir, Path.GetFileName(file)));
            src.CopyTo(dst);
        }
        File.WriteAllText(Path.Combine(dir, "console-tail.log"), host.Log.ToString());
        return dir;
    }
    catch (IOException) { return null; }
}

public sealed class BenchOptions
{
    public string Out { get; set; } = "";
    public string Command { get; set; } = "";
    public double Rate { get; set; } = 12;
    public double Hours { get; set; } = 24;
    public int Seeks { get; set; } = 200;
    public double PlaySeconds { get; set; } = 60;
    public int Speed { get; set; } = 3600;
    public double AlarmShare { get; set; }
    public double CaseShare { get; set; }
}

public sealed record DayFacts(int Stored, long Generated, long Rejected, string? FirstRejection, Dictionary<string, int> ByType, int ActiveGrids,
    double GenerateSeconds, int DistinctGrids, int DrillEvents, DateTimeOffset From, DateTimeOffset To, DateTimeOffset FirstAccepted, DateTimeOffset LastAccepted);

public sealed record SnapshotFacts(int Count, double Seconds, long ModelBytes, long DedupeBytes, long DedupeKeys);

public sealed class RunFacts
{
    public SnapshotFacts? Snapshots;
    public double HostStartFullLogSeconds;
    public string? RebuildFullLogLine;
    public LoadResult? LoadFullLog, LoadLastHour, LoadLastHourFullLog;
    public string LoadAtStart = "", LoadAtEnd = "", InfluxVersion = "", Revision = "";
    public DateTimeOffset StartedAt;
    public double TotalSeconds;
    public DayFacts? Day;
    public WriteResult? Write;
    public long? InfluxRssAfterWrite;
    public List<ReadResult> Reads = [];
    public double HostStartSeconds;
    public string? RebuildLogLine;
    public long? HostRssAfterStart, HostRssAfterLoad, HostRssAfterSeeks;
    public LoadResult? Load;
    public Dictionary<string, double> LoadCores = [], SeekCores = [];
    public List<SeekResult> Seeks = [], Calls = [];
    public PlaybackResult? Playback;
    public List<string> ReplayLogLines = [];
    public List<string> Problems = [];
    public string LoadOtherTop = "", SeekOtherTop = "";
    public string? HostLogCopy;
}
