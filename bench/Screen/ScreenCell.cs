using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;
using CommandCenter.Storage;
using CommandCenter.TestSupport;
using CommandCenter.Bench.Ingest;

namespace CommandCenter.Bench.Screen;

public sealed class ScreenOptions
{
    public string Out { get; set; } = "";
    public double Seconds { get; set; } = 30;
    public double WarmupSeconds { get; set; } = 5;
    public int ProbeEveryMs { get; set; } = 200;
    public double PollSeconds { get; set; } = 5;
    /// <summary>Cells as rate×screens, in run order.</summary>
    public string Cells { get; set; } = "100x1,1000x1,5000x1,1000x10,1000x50";
    /// <summary>The wall's delta flush interval (Wall__FlushInterval); null = the product's default.</summary>
    public int? FlushMs { get; set; }
    public string Command { get; set; } = "";
}

public sealed record Latency(int Count, double P50, double P99, double Max)
{
    public static Latency Of(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        if (v.Length == 0) return new Latency(0, double.NaN, double.NaN, double.NaN);
        double P(double p) => v[Math.Clamp((int)Math.Ceiling(p / 100 * v.Length) - 1, 0, v.Length - 1)];
        return new Latency(v.Length, P(50), P(99), v[^1]);
    }
}

public sealed class CellResult
{
    public int Rate, Clients, ProbesSent, ProbesAccepted, ClientsReady;
    public long BackgroundAccepted, BackgroundFailed;
    public double MeasuredSeconds, AchievedRate;
    public Latency Screen = null!, ScreenLastClient = null!, Poll = null!, PostAnswer = null!;
    public int ScreenMissing, PollMissing, PollQueries;
    public double PollQueryP50Ms;
    public Dictionary<string, double> Cores = [];
    public string OtherTop = "";
    public long? HostRssEnd, NodeRssEnd;
    public double DeltasPerSecondPerClient, DeltaKb = double.NaN;
    public string? Problem;
}

public sealed class ScreenRun
{
    public string LoadAtStart = "", LoadAtEnd = "", Revision = "", InfluxVersion = "", NodeVersion = "";
    public DateTimeOffset StartedAt;
    public double TotalSeconds;
    public List<CellResult> Cells = [];
    public List<string> Problems = [];
}

/// <summary>One cell: a fresh host on a fresh database, background traffic at a rate, probes, N screens, the poller.</summary>
public sealed class ScreenCell(InfluxServer influx, EventFactory factory, CountyMap map, string script, ScreenOptions o, Action<string> say)
{
    private const string KioskToken = "bench-kiosk-token";
    private static double NowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    public static string NodeVersion()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
            var v = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return v;
        }
        catch (System.ComponentModel.Win32Exception) { return "not found"; }
    }

    public async Task<CellResult> RunAsync(int index, int rate, int clients)
    {
        var result = new CellResult { Rate = rate, Clients = clients };
        var db = $"bench_screen_{index}_r{rate}_c{clients}";
        var settings = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Silo__TickInterval"] = "00:00:02",
            ["Wall__KioskToken"] = KioskToken,
        };
        if (o.FlushMs is { } flush) settings["Wall__FlushInterval"] = TimeSpan.FromMilliseconds(flush).ToString("c", CultureInfo.InvariantCulture);
        await using var host = new HostProcess(influx.Url, db, settings);
        await host.StartAsync(TimeSpan.FromSeconds(90));
        var hostPid = Procs.Find("CommandCenter.Dashboard.dll", pid => Procs.EnvironmentContains(pid, $"urls={host.BaseUrl}"));
        var influxPid = Procs.Find("influxd", pid => Procs.WorkingDirectoryIs(pid, influx.DataDir));

        // The background traffic, serialized before the clock starts: one POST every 100 ms of rate/10 events.
        var perPost = Math.Max(1, rate / 10);
        var posts = (int)Math.Ceiling((o.WarmupSeconds + o.Seconds + 10) * 10);
        var bodies = EventFactory.Bodies(factory.Wire($"bg{index}", perPost * posts), perPost);

        var prefix = $"probe-{index}-";
        var seen = new ConcurrentDictionary<(int Client, string Alarm), double>();
        var node = StartNode(host.BaseUrl, clients, prefix, seen, result);
        var nodePid = node.Id;
        try
        {
            var ready = Stopwatch.StartNew();
            while (result.ClientsReady == 0 && ready.Elapsed < TimeSpan.FromSeconds(60) && !node.HasExited) await Task.Delay(50);
            if (result.ClientsReady != clients) throw new InvalidOperationException($"only {result.ClientsReady} of {clients} screens connected");
            say($"  host {host.BaseUrl}, {clients} screen(s) connected in {ready.Elapsed.TotalSeconds:0.0} s");

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            { BaseAddress = new Uri(host.BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
            using var influxHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var influxClient = new InfluxClient(influxHttp, influx.CreateOptions(db)); // the host's own database

            using var stop = new CancellationTokenSource();
            var probes = new ConcurrentDictionary<string, (double Sent, double Answered, bool Measured)>();
            var polled = new ConcurrentDictionary<string, double>();
            var pollTimes = new ConcurrentBag<double>();
            var measuring = false;
            long bgAccepted = 0, bgFailed = 0, bgAcceptedMeasured = 0;

            var clock = Stopwatch.StartNew();
            var background = Task.Run(async () =>
            {
                var inFlight = new SemaphoreSlim(8);
                var tasks = new List<Task>();
                for (var k = 0; k < bodies.Count && !stop.IsCancellationRequested; k++)
                {
                    var due = TimeSpan.FromMilliseconds(100 * k) - clock.Elapsed;
                    if (due > TimeSpan.Zero) await Task.Delay(due);
                    await inFlight.WaitAsync();
                    var body = bodies[k];
                    tasks.Add(Task.Run(async () =>
                    {
                        try
                        {
                            var ok = await PostAsync(http, host.ApiKey, body);
                            if (ok) { Interlocked.Add(ref bgAccepted, perPost); if (Volatile.Read(ref measuring)) Interlocked.Add(ref bgAcceptedMeasured, perPost); }
                            else Interlocked.Add(ref bgFailed, perPost);
                        }
                        finally { inFlight.Release(); }
                    }));
                }
                await Task.WhenAll(tasks);
            });
            var probing = Task.Run(async () =>
            {
                var rng = new Random(index);
                var grids = map.Grids.Where(g => map.LocateGrid(g.LabelPoint)?.Code == g.Code).ToArray();
                var tasks = new List<Task>();
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var due = TimeSpan.FromMilliseconds(o.ProbeEveryMs * n) - clock.Elapsed;
                    if (due > TimeSpan.Zero) await Task.Delay(due);
                    if (stop.IsCancellationRequested) break;
                    var grid = grids[rng.Next(grids.Length)];
                    var id = $"{prefix}{n:D6}";
                    var measured = Volatile.Read(ref measuring);
                    var body = JsonSerializer.SerializeToUtf8Bytes(new IngestBatch([new WireEvent
                    {
                        Id = id, Type = EventType.AlarmRaised, OccurredAt = DateTimeOffset.UtcNow, Lon = grid.LabelPoint.Lon, Lat = grid.LabelPoint.Lat,
                        AlarmId = id, Severity = 1, AlarmKind = "smoke",
                    }]), IngestJson.Options);
                    tasks.Add(Task.Run(async () =>
                    {
                        var sent = NowMs();
                        var ok = await PostAsync(http, host.ApiKey, body);
                        probes[id] = (sent, ok ? NowMs() : double.NaN, measured);
                    }));
                }
                await Task.WhenAll(tasks);
            });
            var polling = Task.Run(async () =>
            {
                // A dashboard that polls InfluxDB: every PollSeconds the alarms of the last 30 s (tag filter on type, as a panel would).
                for (var n = 1; !stop.IsCancellationRequested; n++)
                {
                    var due = TimeSpan.FromSeconds(o.PollSeconds * n) - clock.Elapsed;
                    if (due > TimeSpan.Zero) { try { await Task.Delay(due, stop.Token); } catch (OperationCanceledException) { break; } }
                    var t0 = Stopwatch.GetTimestamp();
                    try
                    {
                        var found = new List<string>();
                        var rows = 0; string? first = null;
                        await foreach (var row in influxClient.QueryAsync("SELECT \"alarm\" FROM \"event\" WHERE \"type\" = 'alarm_raised' AND time > now() - 30s"))
                        {
                            rows++; first ??= row.ToString();
                            if (row.GetString("alarm") is { } a && a.StartsWith(prefix, StringComparison.Ordinal)) found.Add(a);
                        }
                        var done = NowMs();
                        if (Environment.GetEnvironmentVariable("SCREEN_DEBUG") is not null) say($"  poll {n}: {found.Count} probes of {rows} rows; {first}");
                        pollTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                        foreach (var a in found) polled.TryAdd(a, done);
                    }
                    catch (Exception e) when (e is HttpRequestException or InfluxException or TaskCanceledException)
                    {
                        lock (result) result.Problem ??= $"poll failed: {e.Message}";
                    }
                }
            });

            await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds));
            var cpu = new CpuMeter(() => new Dictionary<string, IEnumerable<int>>
            {
                ["host"] = hostPid is { } h ? [h] : [], ["influxd"] = influxPid is { } f ? [f] : [], ["node"] = [nodePid], ["bench"] = [Environment.ProcessId],
            });
            cpu.Start();
            Volatile.Write(ref measuring, true);
            var measure = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(o.Seconds));
            Volatile.Write(ref measuring, false);
            result.MeasuredSeconds = measure.Elapsed.TotalSeconds;
            result.Cores = cpu.Stop();
            result.OtherTop = cpu.OtherTop;
            result.HostRssEnd = Procs.Rss(hostPid);
            result.NodeRssEnd = Procs.Rss(nodePid);
            // keep the load on until the last measured probe could be seen by the screens and the next poll
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(3, o.PollSeconds + 2)));
            stop.Cancel();
            await Task.WhenAll(background, probing, polling);

            var measured = probes.Where(p => p.Value.Measured).ToList();
            result.ProbesSent = measured.Count;
            result.ProbesAccepted = measured.Count(p => !double.IsNaN(p.Value.Answered));
            result.BackgroundAccepted = bgAcceptedMeasured;
            result.BackgroundFailed = Interlocked.Read(ref bgFailed);
            result.AchievedRate = (bgAcceptedMeasured + result.ProbesAccepted) / result.MeasuredSeconds;
            result.PostAnswer = Latency.Of(measured.Where(p => !double.IsNaN(p.Value.Answered)).Select(p => p.Value.Answered - p.Value.Sent));
            var perPair = new List<double>();
            var lastClient = new List<double>();
            foreach (var (id, p) in measured)
            {
                var times = Enumerable.Range(0, clients).Select(c => seen.TryGetValue((c, id), out var t) ? t - p.Sent : double.NaN).ToList();
                result.ScreenMissing += times.Count(double.IsNaN);
                perPair.AddRange(times.Where(t => !double.IsNaN(t)));
                if (times.All(t => !double.IsNaN(t))) lastClient.Add(times.Max());
            }
            result.Screen = Latency.Of(perPair);
            result.ScreenLastClient = Latency.Of(lastClient);
            result.Poll = Latency.Of(measured.Where(p => polled.ContainsKey(p.Key)).Select(p => polled[p.Key] - p.Value.Sent));
            result.PollMissing = measured.Count(p => !polled.ContainsKey(p.Key));
            var pt = pollTimes.Order().ToArray();
            result.PollQueries = pt.Length;
            result.PollQueryP50Ms = pt.Length > 0 ? pt[pt.Length / 2] : double.NaN;
            var deltasAfter = await Stats(node, result, ask: true);
            result.DeltasPerSecondPerClient = deltasAfter / (double)clients / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            if (!node.HasExited) { try { node.Kill(); } catch (InvalidOperationException) { } }
            node.Dispose();
            await host.StopAsync();
        }
        return result;
    }

    private long _deltas;
    private readonly TaskCompletionSource _statsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The deltas the screens received so far (the node side counts them; asking ends the clients).</summary>
    private async Task<long> Stats(Process node, CellResult result, bool ask)
    {
        await node.StandardInput.WriteLineAsync("stop");
        await node.StandardInput.FlushAsync();
        await Task.WhenAny(_statsDone.Task, Task.Delay(20_000));
        return Interlocked.Read(ref _deltas);
    }

    private Process StartNode(string baseUrl, int clients, string prefix, ConcurrentDictionary<(int, string), double> seen, CellResult result)
    {
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetDirectoryName(script)!, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(baseUrl);
        psi.ArgumentList.Add(KioskToken);
        psi.ArgumentList.Add(clients.ToString(CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(prefix);
        var node = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var statsLines = 0;
        node.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) { _statsDone.TrySetResult(); return; }
            var f = line.Split(' ');
            switch (f[0])
            {
                case "ready": result.ClientsReady = int.Parse(f[1], CultureInfo.InvariantCulture); break;
                case "seen": seen.TryAdd((int.Parse(f[1], CultureInfo.InvariantCulture), f[2]), double.Parse(f[3], CultureInfo.InvariantCulture)); break;
                case "stats":
                    Interlocked.Add(ref _deltas, long.Parse(f[2], CultureInfo.InvariantCulture));
                    if (f[1] == "0" && f.Length > 4)
                    {
                        var deltas = long.Parse(f[2], CultureInfo.InvariantCulture);
                        result.DeltaKb = deltas > 0 ? long.Parse(f[4], CultureInfo.InvariantCulture) / (double)deltas / 1000 : double.NaN;
                    }
                    if (Interlocked.Increment(ref statsLines) == clients) _statsDone.TrySetResult();
                    break;
                case "error": lock (result) result.Problem ??= line; say($"  node: {line}"); break;
            }
        };
        node.ErrorDataReceived += (_, e) => { if (!string.IsNullOrWhiteSpace(e.Data)) say($"  node stderr: {e.Data}"); };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        return node;
    }

    private static async Task<bool> PostAsync(HttpClient http, string apiKey, byte[] body)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/events") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }
}
