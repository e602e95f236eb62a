using System.Diagnostics;
using System.Globalization;
using CommandCenter.Geography;
using CommandCenter.TestSupport;

namespace CommandCenter.Bench.Screen;

/// <summary>`Screen.Bench --sensors`: sensor readings on top of the normal load (see <see cref="SensorCell"/>, bench/README.md).</summary>
public static class SensorRun
{
    public static async Task<int> MainAsync(string[] args)
    {
        var o = new SensorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => args[++i];
            double D() => double.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--sensors": break;
                case "--out": o.Out = Path.GetFullPath(Next()); break;
                case "--sensor-count": o.Sensors = (int)D(); break;
                case "--interval-seconds": o.IntervalSeconds = D(); break;
                case "--background-rate": o.BackgroundRate = (int)D(); break;
                case "--seconds": o.Seconds = D(); break;
                case "--warmup-seconds": o.WarmupSeconds = D(); break;
                case "--crossing-every-ms": o.CrossingEveryMs = (int)D(); break;
                case "--screens": o.Screens = (int)D(); break;
                case "--command": o.Command = Next(); break;
                default: Console.Error.WriteLine($"unknown argument {args[i]} (see bench/README.md)"); return 2;
            }
        }
        if (o.Out.Length == 0) o.Out = Path.Combine(RepoPaths.Root, "bench", "results", "sensor-readings.md");
        if (o.Command.Length == 0) o.Command = Environment.CommandLine;

        void Say(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
        if (!Preflight.HostBuilt(RepoPaths.DashboardDll, RepoPaths.Configuration, Say)) return 1;
        var script = Path.Combine(RepoPaths.Root, "bench", "Screen", "sensor-screens.mjs");
        if (!Directory.Exists(Path.Combine(RepoPaths.Root, "bench", "Screen", "node_modules", "@microsoft", "signalr")))
        {
            Console.Error.WriteLine("run `npm ci` in bench/Screen first (bench/run.sh does)");
            return 1;
        }
        var result = new SensorResult { LoadAtStart = Machine.LoadAverage, StartedAt = DateTimeOffset.UtcNow, Revision = Git.Describe(RepoPaths.Root) };
        Say($"load average {result.LoadAtStart} on {Environment.ProcessorCount} cores");
        var total = Stopwatch.StartNew();
        await using var influx = await InfluxServer.StartAsync();
        result.InfluxVersion = Machine.InfluxVersion();
        result.NodeVersion = ScreenCell.NodeVersion();
        try
        {
            await new SensorCell(influx, DemoCountyGenerator.Generate(), script, o, Say).RunAsync(result);
        }
        catch (Exception e)
        {
            Say($"failed: {e.Message}");
            result.Problems.Add(e.Message.Split('\n')[0]);
        }
        result.LoadAtEnd = Machine.LoadAverage;
        result.TotalSeconds = total.Elapsed.TotalSeconds;
        Directory.CreateDirectory(Path.GetDirectoryName(o.Out)!);
        await File.WriteAllTextAsync(o.Out, SensorReport.Render(o, result));
        Say($"readings {result.ReadingsMeasured / Math.Max(1, result.MeasuredSeconds):0}/s; stored {result.Stored} of {result.ReadingsAccepted} accepted; " +
            $"warning p50 {result.FromAccept?.P50:0} p99 {result.FromAccept?.P99:0} ms (n {result.FromAccept?.Count}); wrote {o.Out} ({result.TotalSeconds:0} s)");
        return result.Problems.Count == 0 ? 0 : 1;
    }
}
