using CommandCenter.Bench;
using System.Diagnostics;
using CommandCenter.Bench.Ingest;
using CommandCenter.Geography;
using CommandCenter.TestSupport;

// Ingest benchmark: durable POST /api/v1/events on the real host vs raw line-protocol writes into the same
// influxd. Usage: Ingest.Bench [--out FILE] [--seconds N] [--warmup-seconds N] [--scale F] [--command TEXT] [--profile-only RUNS]
// Run from the Release output (RepoPaths picks the host dll of the same configuration); bench/run.sh does.

var outFile = Path.Combine(RepoPaths.Root, "bench", "results", "ingest.md");
var seconds = 10.0;
var warmupSeconds = 30.0; // untimed load per cell first: the fresh host's JIT settles (see Cells.cs); the grains need ~30 s: after 5 s the JIT still took 20 % of the host's CPU (perf)
var scale = 1.0;
var command = Environment.CommandLine;
string? only = null; // "durable" or "raw": a part of the run, for working on the bench
string? compareHost = null; // another host build: before/after cells, interleaved (see Compare.cs)
var repeat = 3;
var afterEnv = new List<(string Key, string Value)>(); // --after-env KEY=VALUE: a setting only the "after" host of --compare-host gets
var movingShare = 0.02; // check-ins outside the worker's home grid (see EventFactory)
int[]? siloCounts = null; // --silos 1,2,3: the cluster scale cells only (see ScaleSilos.cs)
var scaleSenders = 8;
int? profileOnly = null; // only the in-process step profile, this many runs (for dotnet-trace; no servers)
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--out": outFile = Path.GetFullPath(args[++i]); break;
        case "--seconds": seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--warmup-seconds": warmupSeconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--scale": scale = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--command": command = args[++i]; break;
        case "--only": only = args[++i]; break;
        case "--compare-host": compareHost = Path.GetFullPath(args[++i]); break;
        case "--repeat": repeat = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--after-env":
            var pair = args[++i].Split('=', 2);
            if (pair.Length != 2) { Console.Error.WriteLine($"--after-env wants KEY=VALUE, not {args[i]}"); return 2; }
            afterEnv.Add((pair[0], pair[1]));
            break;
        case "--moving-share": movingShare = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--silos": siloCounts = args[++i].Split(',').Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray(); break;
        case "--senders": scaleSenders = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--profile-only": profileOnly = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}; usage: Ingest.Bench [--out FILE] [--seconds N] [--warmup-seconds N] [--scale F] [--command TEXT] [--only durable|raw] [--compare-host DLL [--repeat N] [--after-env KEY=VALUE]…] [--moving-share F] [--silos 1,2,3 [--senders N] [--repeat N]] [--profile-only RUNS]"); return 2;
    }
}

void Say(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
int Scaled(int n) => Math.Max(1, (int)(n * scale));

var limit = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(warmupSeconds);
// The cells in run order: (kind, batch size, senders/writers, most events); every cell also stops at the time limit.
// Batch size 1 gets fewer events. Each raw cell runs right after the durable batch-5,000 cell it is compared
// with, so that the pair sees the same machine (other work on a shared machine comes and goes).
var plan = new (string Kind, int Batch, int Senders, int MaxEvents)[]
{
    ("durable", 1, 1, Scaled(5_000)), ("durable", 1, 8, Scaled(20_000)),
    ("durable", 100, 1, Scaled(200_000)), ("durable", 100, 8, Scaled(200_000)),
    ("durable", 5_000, 1, Scaled(300_000)), ("raw", RawCell.Batch, 1, Scaled(300_000)),
    ("durable", 5_000, 8, Scaled(300_000)), ("raw", RawCell.Batch, 8, Scaled(300_000)),
}.Where(c => only is null || c.Kind == only).ToArray();

if (!Preflight.HostBuilt(RepoPaths.DashboardDll, RepoPaths.Configuration, Say)) return 1;

var map = DemoCountyGenerator.Generate();
var factory = new EventFactory(map, seed: 42) { MovingShare = movingShare };
Say($"demo county: {map.Grids.Count} grids ({factory.GridCount} usable label points)");

if (profileOnly is { } profileRuns)
{
    foreach (var step in Profile.PerBatch(factory, map, runs: profileRuns))
        Say($"  {step.Name}: {step.Ms:0.0} ms, {step.AllocatedKb:N0} KB allocated");
    return 0;
}

var loadAtStart = Machine.LoadAverage;
Say($"load average {loadAtStart} on {Environment.ProcessorCount} cores");
var total = Stopwatch.StartNew();
await using var influx = await InfluxServer.StartAsync();
var influxVersion = Machine.InfluxVersion();
Say($"influxd {influxVersion} on {influx.Url}, data in {influx.DataDir}");

if (siloCounts is not null)
{
    var text = await ScaleSilos.RunAsync(influx, factory, map, siloCounts, repeat, scaleSenders, limit, warmup, Scaled(300_000), command, loadAtStart, influxVersion, Say);
    Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
    await File.WriteAllTextAsync(outFile, text);
    Say($"wrote {outFile}");
    return 0;
}

if (compareHost is not null)
{
    var text = await Compare.RunAsync(influx, factory, map, compareHost, repeat, limit, warmup, Scaled(300_000), command, loadAtStart, influxVersion, Say, afterEnv);
    Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
    await File.WriteAllTextAsync(outFile, text);
    Say($"wrote {outFile}");
    return 0;
}

var results = new List<CellResult>();
var index = 0;
foreach (var (kind, batch, senders, max) in plan)
{
    index++;
    if (kind == "durable")
    {
        Say($"durable cell {index}: batch {batch}, {senders} sender(s), up to {max:N0} events or {seconds} s");
        var r = await new DurableCell(influx, factory, Say).RunAsync(index, batch, senders, max, limit, warmup);
        results.Add(r);
        Say($"  cores {Format(r.Cores)}");
        Say($"  {r.Accepted:N0} accepted in {r.ElapsedSeconds:0.00} s = {r.EventsPerSecond:N0} events/s; p50 {r.Percentile(50):0.0} ms, p99 {r.Percentile(99):0.0} ms; " +
            $"stored {r.Stored:N0} (incl. {r.WarmupAccepted:N0} warm-up) {(r.StoredMatches ? "= accepted" : "MISMATCH")}{(r.Error is null ? "" : "; PROBLEM: " + r.Error)}");
    }
    else
    {
        Say($"raw cell {index}: batches of {RawCell.Batch}, {senders} writer(s), up to {max:N0} points or {seconds} s");
        var r = await new RawCell(influx, factory, map, Say).RunAsync(index, senders, max, limit, warmup);
        results.Add(r);
        Say($"  cores {Format(r.Cores)}");
        Say($"  {r.Accepted:N0} written in {r.ElapsedSeconds:0.00} s = {r.EventsPerSecond:N0} points/s; p50 {r.Percentile(50):0.0} ms, p99 {r.Percentile(99):0.0} ms; " +
            $"stored {r.Stored:N0} {(r.StoredMatches ? "= written" : "MISMATCH")}{(r.Error is null ? "" : "; PROBLEM: " + r.Error)}");
    }
}
Say("profile: CPU of one 5,000-event request's steps, in-process");
var profile = Profile.PerBatch(factory, map);
foreach (var step in profile) Say($"  {step.Name}: {step.Ms:0.0} ms, {step.AllocatedKb:N0} KB allocated");
total.Stop();

var report = Report.Render(results.OrderBy(r => r.Kind == "raw").ThenBy(r => r.Batch).ThenBy(r => r.Senders).ToList(), profile, loadAtStart, command, influxVersion, seconds, warmupSeconds, total.Elapsed);
Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
await File.WriteAllTextAsync(outFile, report);
Say($"wrote {outFile} ({total.Elapsed.TotalSeconds:0} s in all)");
return results.Any(r => r.Error is not null || !r.StoredMatches) ? 1 : 0;

static string Format(Dictionary<string, double?> cores) =>
    string.Join(", ", cores.Select(c => $"{c.Key} {(c.Value is { } v ? v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "?")}"));
