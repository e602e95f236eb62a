using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CommandCenter.Bench;
using CommandCenter.Geography;
using CommandCenter.TestSupport;

// Memory: the real host (single process: silo + ingest + dashboard) with its simulator on, for the demo county and a
// county N× its size (Geography:DemoScale, with more workers and sensors), for --minutes each; the host's and influxd's
// VmRSS sampled every --sample-seconds from /proc. See bench/README.md.

var inv = CultureInfo.InvariantCulture;
double minutes = 10, rate = 1000, sampleSeconds = 10;
var configs = "1:3000:6000,4:12000:20000"; // scale:workers:sensors
var outFile = Path.Combine(RepoPaths.Root, "bench", "results", "memory.md");
var command = Environment.CommandLine;
var extra = new Dictionary<string, string>();
string? dedupeKeys = null; // --dedupe-keys N,N,…: only the duplicate index's memory per key, in-process (DedupeMemory.cs)
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--minutes": minutes = double.Parse(args[++i], inv); break;
        case "--rate": rate = double.Parse(args[++i], inv); break;
        case "--sample-seconds": sampleSeconds = double.Parse(args[++i], inv); break;
        case "--configs": configs = args[++i]; break;
        case "--set": var kv = args[++i].Split('=', 2); extra[kv[0]] = kv[1]; break; // a host setting for every config, e.g. DOTNET_GCgen0size=…
        case "--out": outFile = Path.GetFullPath(args[++i]); break;
        case "--command": command = args[++i]; break;
        case "--dedupe-keys": dedupeKeys = args[++i]; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]} (see bench/README.md)"); return 2;
    }
}
void Say(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
if (dedupeKeys is not null)
{
    var dedupeOut = args.Contains("--out") ? outFile : Path.Combine(RepoPaths.Root, "bench", "results", "memory-dedupe.md");
    await File.WriteAllTextAsync(dedupeOut, DedupeMemory.Run(dedupeKeys.Split(',').Select(n => int.Parse(n, inv)).ToList(), command, Say));
    Say($"wrote {dedupeOut}");
    return 0;
}
if (!Preflight.HostBuilt(RepoPaths.DashboardDll, RepoPaths.Configuration, Say)) return 1;

var loadStart = Machine.LoadAverage;
var startedAt = DateTimeOffset.UtcNow;
var revision = Git.Describe(RepoPaths.Root);
var total = Stopwatch.StartNew();
Say($"load average {loadStart} on {Environment.ProcessorCount} cores; {revision}; {minutes} min per county at {rate} events/s");
await using var influx = await InfluxServer.StartAsync();
var influxVersion = Machine.InfluxVersion();
var influxPid = Procs.Find("influxd", pid => Procs.WorkingDirectoryIs(pid, influx.DataDir));
var results = new List<CountyRun>();
var index = 0;
foreach (var config in configs.Split(',', StringSplitOptions.RemoveEmptyEntries))
{
    var f = config.Split(':');
    var scale = double.Parse(f[0], inv);
    var workers = int.Parse(f[1], inv);
    var sensors = int.Parse(f[2], inv);
    var map = DemoCountyGenerator.Generate(DemoCountyGenerator.DefaultSeed, scale);
    var r = new CountyRun(scale, workers, sensors, map.Grids.Count, map.Communities.Count, map.Streets.Count);
    results.Add(r);
    Say($"county ×{scale}: {r.Grids:N0} grids, {r.Communities:N0} communities, {r.Streets} streets; {workers:N0} workers, {sensors:N0} sensors");
    var settings = new Dictionary<string, string>
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Silo__TickInterval"] = "00:00:02",
        ["Geography__DemoScale"] = scale.ToString(inv),
        ["Simulator__Enabled"] = "true",
        ["Simulator__EventsPerSecond"] = rate.ToString(inv),
        ["Simulator__Workers"] = workers.ToString(inv),
        ["Simulator__Sensors"] = sensors.ToString(inv),
    };
    foreach (var (k, v) in extra) settings[k] = v;
    r.Settings = string.Join(" ", extra.Select(e => $"{e.Key}={e.Value}"));
    await using var host = new HostProcess(influx.Url, $"memory_{++index}", settings);
    var sw = Stopwatch.StartNew();
    try { await host.StartAsync(TimeSpan.FromMinutes(3)); }
    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
    {
        r.Problem = $"the host did not start: {ex.Message.Split('\n')[0]}";
        Say(r.Problem);
        continue;
    }
    r.StartSeconds = sw.Elapsed.TotalSeconds;
    var hostPid = Procs.Find("CommandCenter.Dashboard.dll", pid => Procs.EnvironmentContains(pid, $"urls={host.BaseUrl}"));
    var meter = new CpuMeter(() => new() { ["host"] = hostPid is { } h ? [h] : [], ["influxd"] = influxPid is { } p ? [p] : [] });
    meter.Start();
    var applied0 = await AppliedAsync(host);
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromMinutes(minutes))
    {
        r.Samples.Add((clock.Elapsed.TotalMinutes, Procs.Rss(hostPid), Procs.Rss(influxPid)));
        if (!host.IsRunning) { r.Problem = "the host exited during the run"; break; }
        await Task.Delay(TimeSpan.FromSeconds(sampleSeconds));
    }
    r.Samples.Add((clock.Elapsed.TotalMinutes, Procs.Rss(hostPid), Procs.Rss(influxPid)));
    r.EventsPerSecond = (await AppliedAsync(host) - applied0) / clock.Elapsed.TotalSeconds;
    r.Cores = meter.Stop();
    Say($"  host RSS start {Mb(r.Samples[0].Host)} MB, end {Mb(r.Samples[^1].Host)} MB, max {Mb(r.Samples.Max(x => x.Host))} MB; {r.EventsPerSecond:0} events/s applied");
    await host.StopAsync();
}

var s = new StringBuilder();
ReportHeader.AppendTo(s, "Memory: host RSS for the demo county and a 4× county under load",
    $"{startedAt:yyyy-MM-dd HH:mm} UTC; whole run {total.Elapsed.TotalMinutes:0.0} min; {revision}", loadStart, Machine.LoadAverage,
    $".NET {Environment.Version}, influxd `{influxVersion}`", command);
s.AppendLine($"- Each county: a fresh host (single process: silo + ingest + dashboard; production environment, 2 s grain tick) on a fresh database with its simulator on at **{rate:N0} events/s** " +
             $"(appsettings' alarm and case shares), **{minutes:0.#} minutes** of load, VmRSS of the host and influxd every {sampleSeconds:0} s. No screen connected.");
s.AppendLine();
s.AppendLine("## Figures");
s.AppendLine();
s.AppendLine("| county | grids / communities / streets | workers / sensors | events/s applied | host RSS after start MB | host RSS after the load MB | host RSS max MB | influxd RSS end MB | cores host / influxd | host settings |");
s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---|---|");
foreach (var r in results)
{
    if (r.Samples.Count == 0) { s.AppendLine($"| ×{r.Scale} | {r.Grids:N0} / {r.Communities:N0} / {r.Streets} | {r.Workers:N0} / {r.Sensors:N0} | – | – | – | – | – | – | {r.Problem} |"); continue; }
    s.AppendLine($"| ×{r.Scale}{(r.Scale == 1 ? " (demo)" : "")} | {r.Grids:N0} / {r.Communities:N0} / {r.Streets} | {r.Workers:N0} / {r.Sensors:N0} | {r.EventsPerSecond:N0} | {Mb(r.Samples[0].Host)} | " +
                 $"**{Mb(r.Samples[^1].Host)}** | {Mb(r.Samples.Max(x => x.Host))} | {Mb(r.Samples[^1].Influx)} | {r.Cores.GetValueOrDefault("host"):0.00} / {r.Cores.GetValueOrDefault("influxd"):0.00} | {(r.Settings.Length > 0 ? $"`{r.Settings}`" : "defaults")} |");
}
s.AppendLine();
s.AppendLine("Host RSS over time (MB, every minute):");
s.AppendLine();
foreach (var r in results.Where(r => r.Samples.Count > 0))
{
    var perMinute = r.Samples.GroupBy(x => (int)x.Minute).Select(g => $"{g.Key}′ {Mb(g.First().Host)}");
    s.AppendLine($"- ×{r.Scale}: {string.Join(", ", perMinute)}, end {Mb(r.Samples[^1].Host)}");
}
s.AppendLine();
s.AppendLine("## What the numbers mean");
s.AppendLine();
var demo = results.FirstOrDefault(r => r.Scale == 1 && r.Samples.Count > 0);
var big = results.FirstOrDefault(r => r.Scale > 1 && r.Samples.Count > 0);
if (demo is not null && big is not null)
    s.AppendLine($"- The ×{big.Scale} county ({big.Grids:N0} grids) ends at {Mb(big.Samples[^1].Host)} MB host RSS vs {Mb(demo.Samples[^1].Host)} MB for the demo county: " +
                 $"{(double)big.Samples[^1].Host! / demo.Samples[^1].Host!:0.00}× the memory for {(double)big.Grids / demo.Grids:0.0}× the grids. Target (issue): ≤ 600 MB for the 4× county → " +
                 $"{(big.Samples[^1].Host <= 600L * 1024 * 1024 ? "met" : "not met")}.");
s.AppendLine("- RSS includes the .NET GC's headroom: the host runs the ASP.NET Core default, server GC (one heap per core), which keeps more memory reserved than workstation GC would.");
foreach (var r in results.Where(r => r.Problem is not null)) s.AppendLine($"- PROBLEM ×{r.Scale}: {r.Problem}");
Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
await File.WriteAllTextAsync(outFile, s.ToString());
Say($"wrote {outFile}");
return results.Any(r => r.Problem is not null) ? 1 : 0;

static string Mb(long? b) => b is { } x ? (x / 1048576.0).ToString("0", CultureInfo.InvariantCulture) : "–";

static async Task<long> AppliedAsync(HostProcess host)
{
    try
    {
        using var doc = JsonDocument.Parse(await host.Http.GetStringAsync("healthz"));
        return doc.RootElement.GetProperty("silo").GetProperty("eventsApplied").GetInt64();
    }
    catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or TaskCanceledException) { return 0; }
}

sealed class CountyRun(double scale, int workers, int sensors, int grids, int communities, int streets)
{
    public double Scale = scale;
    public int Workers = workers, Sensors = sensors, Grids = grids, Communities = communities, Streets = streets;
    public double StartSeconds, EventsPerSecond;
    public List<(double Minute, long? Host, long? Influx)> Samples = [];
    public Dictionary<string, double> Cores = [];
    public string Settings = "";
    public string? Problem;
}
