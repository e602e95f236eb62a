using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CommandCenter.Geography;
using CommandCenter.TestSupport;

namespace CommandCenter.Bench.Ingest;

/// <summary>
/// Durable ingest with 1, 2, 3… silos on this machine (<c>--silos 1,2,3</c>): per cell a fresh Redis (membership), N identical
/// hosts forming one Orleans cluster on one influxd database (as <c>scripts/run-multi.sh</c> starts them: the cluster waits
/// for its N silos before loading the county, so the grids spread over them), the senders spread over the hosts (sender s
/// posts to host s mod N, each with its own API key), batch 5,000. Cells of a round run in the order given, rounds repeat
/// them, and each round ends with the raw ceiling with as many writers, so a round shares the machine's state.
/// </summary>
public static class ScaleSilos
{
    public sealed record ClusterCell(int Round, int Silos, CellResult Result, double[] HostCores, long[] HostRssMb, long WarmupFailed);

    public static async Task<string> RunAsync(InfluxServer influx, EventFactory factory, CountyMap map, int[] siloCounts, int repeat, int senders,
        TimeSpan limit, TimeSpan warmup, int maxEvents, string command, string loadAtStart, string influxVersion, Action<string> say)
    {
        var cells = new List<ClusterCell>();
        var raws = new List<(int Round, CellResult Raw)>();
        var index = 200;
        var total = Stopwatch.StartNew();
        for (var round = 1; round <= repeat; round++)
        {
            foreach (var n in siloCounts)
            {
                say($"round {round}: {n} silo(s), {senders} senders, batch 5,000");
                var cell = await RunClusterAsync(influx, factory, ++index, round, n, senders, maxEvents, limit, warmup, say);
                cells.Add(cell);
                say($"  {cell.Result.EventsPerSecond:N0} events/s, stored {(cell.Result.StoredMatches ? "=" : "≠")} accepted{(cell.Result.Error is null ? "" : "; PROBLEM: " + cell.Result.Error)}; " +
                    $"host cores {string.Join(" + ", cell.HostCores.Select(c => c.ToString("0.00", CultureInfo.InvariantCulture)))}, influxd {Core(cell.Result, "influxd")}");
            }
            var raw = await new RawCell(influx, factory, map, say).RunAsync(++index, senders, maxEvents, limit, warmup);
            raws.Add((round, raw));
            say($"  raw {raw.EventsPerSecond:N0} points/s");
        }
        return Render(cells, raws, siloCounts, senders, limit, warmup, maxEvents, command, loadAtStart, influxVersion, total.Elapsed);
    }

    private static async Task<ClusterCell> RunClusterAsync(InfluxServer influx, EventFactory factory, int index, int round, int silos, int senders,
        int maxEvents, TimeSpan limit, TimeSpan warmup, Action<string> say)
    {
        var db = $"bench_scale_{index}_s{silos}";
        await using var redis = await RedisServer.StartAsync();
        var cluster = $"bench-{index}-{Guid.NewGuid():N}"[..20];
        var settings = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Silo__TickInterval"] = "00:00:02",
            ["Cluster__Redis"] = redis.ConnectionString,
            ["Cluster__ClusterId"] = cluster,
            ["Cluster__WaitForSilos"] = silos.ToString(CultureInfo.InvariantCulture),
        };
        var hosts = Enumerable.Range(0, silos).Select(_ => new HostProcess(influx.Url, db, settings)).ToList();
        try
        {
            var started = Stopwatch.StartNew();
            await Task.WhenAll(hosts.Select(h => h.StartAsync(TimeSpan.FromSeconds(180))));
            say($"  {silos} host(s) up in {started.Elapsed.TotalSeconds:0.0} s (database {db}, cluster {cluster})");

            var warmBodies = EventFactory.Bodies(factory.Wire($"s{index}-warm", maxEvents), 5_000);
            var bodies = EventFactory.Bodies(factory.Wire($"s{index}", maxEvents), 5_000);
            var pids = hosts.Select(h => Procs.Find("CommandCenter.Dashboard.dll", pid => Procs.EnvironmentContains(pid, $"urls={h.BaseUrl}"))).ToList();
            var watched = new Dictionary<string, int?> { ["influxd"] = Procs.Find("influxd", pid => Procs.WorkingDirectoryIs(pid, influx.DataDir)), ["bench"] = Environment.ProcessId };
            for (var i = 0; i < silos; i++) watched[$"host{i + 1}"] = pids[i];
            var cpu = new PidCpuMeter(watched);

            var clients = hosts.Select(h => new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, AutomaticDecompression = DecompressionMethods.None,
            })
            { BaseAddress = new Uri(h.BaseUrl + "/"), Timeout = TimeSpan.FromMinutes(2) }).ToList();
            var targets = clients.Select((c, i) => (c, hosts[i].ApiKey)).ToList();

            var warm = await DurableCell.SendAllAsync(targets, warmBodies, senders, warmup);
            cpu.Start();
            var run = await DurableCell.SendAllAsync(targets, bodies, senders, limit);
            var cores = cpu.Stop();
            var rss = pids.Select(p => (Procs.Rss(p) ?? 0) / (1024 * 1024)).ToArray();
            foreach (var c in clients) c.Dispose();

            for (var i = 0; i < silos; i++)
                if (!hosts[i].IsRunning)
                {
                    var logFile = Path.Combine(Path.GetTempPath(), $"scale-bench-{db}-host{i + 1}.log");
                    await File.WriteAllTextAsync(logFile, hosts[i].Log.ToString());
                    say($"  host {i + 1} of {silos} exited during the cell; its output in {logFile}");
                    warm.FirstProblem ??= run.FirstProblem ?? "";
                    warm.FirstProblem += $" (host {i + 1} exited)";
                }
            var stored = await DurableCell.CountAsync(influx, db);
            foreach (var h in hosts) await h.StopAsync();
            await DurableCell.DropAsync(influx, db);
            var problem = warm.FirstProblem ?? run.FirstProblem;
            if (problem is null && stored != warm.Accepted + run.Accepted) problem = $"stored {stored} ≠ accepted {warm.Accepted + run.Accepted}";
            var hostCores = Enumerable.Range(1, silos).Select(i => cores.GetValueOrDefault($"host{i}") ?? double.NaN).ToArray();
            cores["host"] = hostCores.Sum();
            var result = new CellResult("durable", 5_000, senders, run.Requests, run.Accepted, run.Duplicates, run.Rejected, run.Failed,
                warm.Accepted, stored, run.ElapsedSeconds, run.LatenciesMs, cores, problem);
            return new ClusterCell(round, silos, result, hostCores, rss, warm.Failed);
        }
        finally
        {
            foreach (var h in hosts) await h.DisposeAsync();
        }
    }

    private static string Core(CellResult r, string key) =>
        r.Cores.GetValueOrDefault(key) is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Render(List<ClusterCell> cells, List<(int Round, CellResult Raw)> raws, int[] siloCounts, int senders, TimeSpan limit,
        TimeSpan warmup, int maxEvents, string command, string loadAtStart, string influxVersion, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        string N(double v) => v.ToString("N0", inv);
        string R(double v) => v.ToString("0.00", inv);
        var s = new StringBuilder();
        ReportHeader.AppendTo(s, "Ingest throughput with 1, 2 and 3 silos (one Orleans cluster over Redis, one machine)",
            $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; whole run {elapsed.TotalMinutes:0.0} min; {Git.Describe(RepoPaths.Root)}",
            loadAtStart, Machine.LoadAverage, $".NET {Environment.Version}, influxd `{influxVersion}`, redis-server 7 (Debian)", command,
            " (`other` cores below)");
        s.AppendLine($"- Each cell: a fresh redis-server and N fresh hosts (production environment, simulator off, 2 s grain tick, `Cluster__Redis`, " +
                     $"`Cluster__WaitForSilos=N`) on a fresh database; {senders} senders spread over the hosts (sender s → host s mod N, its API key), " +
                     $"batch 5,000; {warmup.TotalSeconds:0} s untimed warm-up, then {limit.TotalSeconds:0} s or {maxEvents:N0} events. Each round ends with the raw " +
                     $"ceiling ({senders} writers of 5,000 lines straight into the same influxd).");
        s.AppendLine();
        s.AppendLine("| round | silos | accepted ev/s | ÷ raw of the round | ÷ 1 silo of the round | p50 / p99 ms per POST | stored = accepted: stored / accepted (warm-up + timed) | cores hosts (each) | influxd | bench | other | machine idle | host RSS MB (each) |");
        s.AppendLine("|---:|---:|---:|---:|---:|---|---|---|---:|---:|---:|---:|---|");
        foreach (var c in cells)
        {
            var raw = raws.First(r => r.Round == c.Round).Raw;
            var one = cells.FirstOrDefault(x => x.Round == c.Round && x.Silos == 1);
            var r = c.Result;
            var busy = r.Cores.GetValueOrDefault("machine busy") ?? double.NaN;
            var known = c.HostCores.Sum() + (r.Cores.GetValueOrDefault("influxd") ?? 0) + (r.Cores.GetValueOrDefault("bench") ?? 0);
            var other = Math.Max(0, busy * Environment.ProcessorCount - known);
            s.AppendLine($"| {c.Round} | {c.Silos} | **{N(r.EventsPerSecond)}** | {R(r.EventsPerSecond / raw.EventsPerSecond)} | " +
                         $"{(one is null ? "–" : R(r.EventsPerSecond / one.Result.EventsPerSecond))} | {r.Percentile(50):0} / {r.Percentile(99):0} | " +
                         $"{(r.StoredMatches ? "yes" : "**NO**")}: {N(r.Stored)} / {N(r.WarmupAccepted + r.Accepted)}{(r.Failed + c.WarmupFailed > 0 ? $" ({N(r.Failed + c.WarmupFailed)} answered failed)" : "")} | {R(c.HostCores.Sum())} ({string.Join(" + ", c.HostCores.Select(R))}) | " +
                         $"{Core(r, "influxd")} | {Core(r, "bench")} | {R(other)} | {R((r.Cores.GetValueOrDefault("machine idle") ?? double.NaN) * Environment.ProcessorCount)} | " +
                         $"{string.Join(" + ", c.HostRssMb)} |");
        }
        foreach (var c in cells.Where(c => c.Result.Error is not null))
            s.AppendLine($"- Round {c.Round}, {c.Silos} silo(s): {c.Result.Error}");
        s.AppendLine();
        s.AppendLine("| round | raw points/s | p50 / p99 ms per write | influxd cores |");
        s.AppendLine("|---:|---:|---|---:|");
        foreach (var (round, raw) in raws)
            s.AppendLine($"| {round} | {N(raw.EventsPerSecond)} | {raw.Percentile(50):0} / {raw.Percentile(99):0} | {Core(raw, "influxd")} |");
        s.AppendLine();
        foreach (var n in siloCounts)
        {
            var mine = cells.Where(c => c.Silos == n).Select(c => c.Result.EventsPerSecond).Order().ToArray();
            if (mine.Length == 0) continue;
            var median = mine.Length % 2 == 1 ? mine[mine.Length / 2] : (mine[mine.Length / 2 - 1] + mine[mine.Length / 2]) / 2;
            s.AppendLine($"- {n} silo(s): median {N(median)} events/s over {mine.Length} round(s) (range {N(mine.First())}–{N(mine.Last())}).");
        }
        return s.ToString();
    }
}
