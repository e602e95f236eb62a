using System.Diagnostics;
using System.Globalization;
using CommandCenter.Bench;
using CommandCenter.Bench.Screen;
using CommandCenter.Bench.Ingest;
using CommandCenter.Geography;
using CommandCenter.TestSupport;

// Event to screen and fan-out: the real host (production environment, simulator off) fed background traffic at a fixed
// rate through POST /api/v1/events, probe alarms posted one at a time, and N screens (the official @microsoft/signalr
// client in Node, bench/Screen/screen-clients.mjs) noting when each probe reaches them in a "delta". In the same cells a
// poller queries InfluxDB every 5 s for the probe alarms, as a polling dashboard would. See bench/README.md.

if (args.Contains("--sensors")) return await SensorRun.MainAsync(args);

var o = new ScreenOptions();
for (var i = 0; i < args.Length; i++)
{
    string Next() => args[++i];
    double D() => double.Parse(Next(), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--out": o.Out = Path.GetFullPath(Next()); break;
        case "--seconds": o.Seconds = D(); break;
        case "--warmup-seconds": o.WarmupSeconds = D(); break;
        case "--probe-every-ms": o.ProbeEveryMs = (int)D(); break;
        case "--poll-seconds": o.PollSeconds = D(); break;
        case "--cells": o.Cells = Next(); break;
        case "--flush-ms": o.FlushMs = (int)D(); break;
        case "--command": o.Command = Next(); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]} (see bench/README.md)"); return 2;
    }
}
if (o.Out.Length == 0) o.Out = Path.Combine(RepoPaths.Root, "bench", "results", "screen.md");
if (o.Command.Length == 0) o.Command = Environment.CommandLine;

void Say(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
if (!Preflight.HostBuilt(RepoPaths.DashboardDll, RepoPaths.Configuration, Say)) return 1;
var script = Path.Combine(RepoPaths.Root, "bench", "Screen", "screen-clients.mjs");
if (!Directory.Exists(Path.Combine(RepoPaths.Root, "bench", "Screen", "node_modules", "@microsoft", "signalr")))
{
    Console.Error.WriteLine("run `npm ci` in bench/Screen first (bench/run.sh does)");
    return 1;
}

var cells = o.Cells.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c =>
{
    var parts = c.Split('x');
    return (Rate: int.Parse(parts[0], CultureInfo.InvariantCulture), Clients: int.Parse(parts[1], CultureInfo.InvariantCulture));
}).ToList();

var run = new ScreenRun { LoadAtStart = Machine.LoadAverage, StartedAt = DateTimeOffset.UtcNow, Revision = Git.Describe(RepoPaths.Root) };
Say($"load average {run.LoadAtStart} on {Environment.ProcessorCount} cores; cells {o.Cells}; {o.Seconds} s each");
var total = Stopwatch.StartNew();
await using var influx = await InfluxServer.StartAsync();
run.InfluxVersion = Machine.InfluxVersion();
run.NodeVersion = ScreenCell.NodeVersion();
var map = DemoCountyGenerator.Generate();
var factory = new EventFactory(map, seed: 7);
var index = 0;
foreach (var (rate, clients) in cells)
{
    Say($"cell {++index}: {rate} events/s, {clients} screen(s)");
    try
    {
        var result = await new ScreenCell(influx, factory, map, script, o, Say).RunAsync(index, rate, clients);
        run.Cells.Add(result);
        Say($"  screen p50 {result.Screen.P50:0} ms p99 {result.Screen.P99:0} ms max {result.Screen.Max:0} ms; " +
            $"poll p50 {result.Poll.P50:0} ms p99 {result.Poll.P99:0} ms; achieved {result.AchievedRate:0} ev/s; host {result.Cores.GetValueOrDefault("host"):0.00} cores");
    }
    catch (Exception e)
    {
        Say($"  cell failed: {e.Message}");
        run.Problems.Add($"cell {rate} ev/s × {clients}: {e.Message.Split('\n')[0]}");
    }
}
run.LoadAtEnd = Machine.LoadAverage;
run.TotalSeconds = total.Elapsed.TotalSeconds;
Directory.CreateDirectory(Path.GetDirectoryName(o.Out)!);
await File.WriteAllTextAsync(o.Out, ScreenReport.Render(o, run));
Say($"wrote {o.Out} ({run.TotalSeconds:0} s)");
return run.Problems.Count == 0 ? 0 : 1;
