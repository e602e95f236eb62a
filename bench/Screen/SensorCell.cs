using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Bench.Ingest;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;
using CommandCenter.Storage;
using CommandCenter.TestSupport;

namespace CommandCenter.Bench.Screen;

public sealed class SensorOptions
{
    public string Out { get; set; } = "";
    public int Sensors { get; set; } = 20_000;
    public double IntervalSeconds { get; set; } = 10;
    /// <summary>The normal load beside the sensors: patrol check-ins and alarms (the ingest bench's traffic), events/s.</summary>
    public int BackgroundRate { get; set; } = 1_000;
    public double WarmupSeconds { get; set; } = 30;
    public double Seconds { get; set; } = 60;
    public int CrossingEveryMs { get; set; } = 250;
    public int Screens { get; set; } = 1;
    public string Command { get; set; } = "";
}

public sealed class SensorResult
{
    public string LoadAtStart = "", LoadAtEnd = "", Revision = "", InfluxVersion = "", NodeVersion = "";
    public DateTimeOffset StartedAt;
    public double TotalSeconds, MeasuredSeconds;
    public int Grids, ClientsReady;
    // readings: every POST of the whole run (warm-up, measured, tail) for the stored check; the measured part for the rates
    public long ReadingsSent, ReadingsAccepted, ReadingsNotAccepted, ReadingsMeasured, BackgroundMeasured, BackgroundNotAccepted, Stored = -1;
    public int PostsFailed;
    public Latency ReadingPost = null!, ReadingLag = null!, CrossingPost = null!, FromAccept = null!, FromSend = null!;
    public int Crossings, CrossingsAccepted, CrossingsSeen;
    public double FromAcceptP95 = double.NaN;
    public Dictionary<string, double> Cores = [];
    public string OtherTop = "";
    public long? HostRssEnd;
    public long Deltas, WarningLists, MostWarnings;
    public List<string> Problems = [];
}

/// <summary>
/// Sensor readings on top of the normal load, through the real host: <see cref="SensorOptions.Sensors"/> gauges each
/// reporting every <see cref="SensorOptions.IntervalSeconds"/> (one POST of a slot's gauges every 100 ms), the ingest
/// bench's patrols and alarms beside them, and threshold crossings (a river gauge to 3.7 m, past yellow) in POSTs of their
/// own, timed from the accept to the warning in a SignalR screen's delta. Afterwards InfluxDB must hold every accepted reading.
/// </summary>
public sealed class SensorCell(InfluxServer influx, CountyMap map, string script, SensorOptions o, Action<string> say)
{
    private const string KioskToken = "bench-kiosk-token";
    private const int SlotMs = 100;
    private static readonly string[] Kinds = ["water_level", "rainfall", "gas", "hydrant_pressure"];
    private static double NowMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>A calm reading of each kind (below blue, or above it for hydrant pressure), a sensor's own level plus a little noise.</summary>
    private static double Calm(string kind, int sensor, Random rng) => kind switch
    {
        "water_level" => 1.5 + sensor % 10 * 0.1 + rng.NextDouble() * 0.02,
        "rainfall" => 2 + sensor % 7 + rng.NextDouble(),
        "gas" => 0.5 + sensor % 5 * 0.2 + rng.NextDouble() * 0.1,
        _ => 0.32 + sensor % 6 * 0.01 + rng.NextDouble() * 0.005,
    };

    /// <summary>Sensor i reports in slot i % slots; the kinds take turns within a slot, so every slot has river gauges.</summary>
    private static string KindOf(int sensor, int slots) => Kinds[sensor / slots % Kinds.Length];

    public async Task<SensorResult> RunAsync(SensorResult result)
    {
        var settings = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Silo__TickInterval"] = "00:00:02",
            ["Wall__KioskToken"] = KioskToken,
        };
        await using var host = new HostProcess(influx.Url, "bench_sensors", settings);
        await host.StartAsync(TimeSpan.FromSeconds(90));
        var hostPid = Procs.Find("CommandCenter.Dashboard.dll", pid => Procs.EnvironmentContains(pid, $"urls={host.BaseUrl}"));
        var influxPid = Procs.Find("influxd", pid => Procs.WorkingDirectoryIs(pid, influx.DataDir));

        var grids = map.Grids.Select(g => g.Code).ToArray();
        result.Grids = grids.Length;
        var slots = (int)Math.Round(o.IntervalSeconds * 1000 / SlotMs);
        // the background: the ingest bench's patrols and alarms, one POST of rate/10 events every 100 ms, serialized now
        var perPost = Math.Max(1, o.BackgroundRate / 10);
        var posts = (int)Math.Ceiling((o.WarmupSeconds + o.Seconds + 15) * 10);
        var background = EventFactory.Bodies(new EventFactory(map, seed: 17).Wire("bg", perPost * posts), perPost);

        var seen = new ConcurrentDictionary<(int Client, string Sensor), double>();
        var node = StartNode(host.BaseUrl, seen, result);
        try
        {
            var ready = Stopwatch.StartNew();
            while (result.ClientsReady == 0 && ready.Elapsed < TimeSpan.FromSeconds(60) && !node.HasExited) await Task.Delay(50);
            if (result.ClientsReady != o.Screens) throw new InvalidOperationException($"only {result.ClientsReady} of {o.Screens} screens connected");

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            { BaseAddress = new Uri(host.BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
            using var stop = new CancellationTokenSource();
            var measuring = false;
            var readingPosts = new ConcurrentBag<(double Post, double Lag)>();
            var crossings = new ConcurrentDictionary<string, (double Sent, double Accepted, bool Measured)>();
            long readingsSent = 0, readingsAccepted = 0, readingsNot = 0, readingsMeasured = 0, bgMeasured = 0, bgNot = 0;
            var lastBuilt = -1; // the slot whose readings were built last (their time is older than a crossing's built after)
            var clock = Stopwatch.StartNew();
            var startMs = NowMs();

            var readings = Task.Run(async () =>
            {
                var rng = new Random(5);
                var inFlight = new SemaphoreSlim(8);
                var tasks = new List<Task>();
                for (var k = 0; !stop.IsCancellationRequested; k++)
                {
                    var dueMs = (double)SlotMs * k;
                    var due = TimeSpan.FromMilliseconds(dueMs) - clock.Elapsed;
                    if (due > TimeSpan.Zero) await Task.Delay(due);
                    if (stop.IsCancellationRequested) break;
                    var slot = k % slots;
                    var at = DateTimeOffset.UtcNow;
                    Volatile.Write(ref lastBuilt, k);
                    var batch = new List<WireEvent>();
                    for (var i = slot; i < o.Sensors; i += slots)
                    {
                        var kind = KindOf(i, slots);
                        batch.Add(new WireEvent
                        {
                            Id = $"r-{k}-{i}", Type = EventType.SensorReading, OccurredAt = at, GridCode = grids[i % grids.Length],
                            SensorId = $"S{i:D5}", SensorKind = kind, Value = Math.Round(Calm(kind, i, rng), 3),
                        });
                    }
                    var body = JsonSerializer.SerializeToUtf8Bytes(new IngestBatch(batch), IngestJson.Options);
                    var measured = Volatile.Read(ref measuring);
                    Interlocked.Add(ref readingsSent, batch.Count);
                    await inFlight.WaitAsync();
                    tasks.Add(Task.Run(async () =>
                    {
                        try
                        {
                            var sent = NowMs();
                            var accepted = await PostAsync(http, host.ApiKey, body);
                            var done = NowMs();
                            Interlocked.Add(ref readingsAccepted, accepted);
                            Interlocked.Add(ref readingsNot, batch.Count - accepted);
                            if (measured)
                            {
                                Interlocked.Add(ref readingsMeasured, accepted);
                                readingPosts.Add((done - sent, done - (startMs + dueMs)));
                            }
                        }
                        finally { inFlight.Release(); }
                    }));
                }
                await Task.WhenAll(tasks);
            });
            var patrols = Task.Run(async () =>
            {
                var inFlight = new SemaphoreSlim(8);
                var tasks = new List<Task>();
                for (var k = 0; k < background.Count && !stop.IsCancellationRequested; k++)
                {
                    var due = TimeSpan.FromMilliseconds(100 * k + 50) - clock.Elapsed; // between the sensor slots
                    if (due > TimeSpan.Zero) await Task.Delay(due);
                    await inFlight.WaitAsync();
                    var body = background[k];
                    var measured = Volatile.Read(ref measuring);
                    tasks.Add(Task.Run(async () =>
                    {
                        try
                        {
                            var accepted = await PostAsync(http, host.ApiKey, body);
                            if (measured) Interlocked.Add(ref bgMeasured, accepted);
                            Interlocked.Add(ref bgNot, perPost - accepted);
                        }
                        finally { inFlight.Release(); }
                    }));
                }
                await Task.WhenAll(tasks);
            });
            var crossing = Task.Run(async () =>
            {
                // a river gauge whose calm reading was built half a second ago (so its next one, which brings it back, is ~9.5 s
                // away; one built after the crossing would be newer and take the warning down at once)
                // jumps to 3.7 m: past yellow (3.5 m), each crossing a gauge not used before
                var used = new HashSet<int>();
                var tasks = new List<Task>();
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var due = TimeSpan.FromMilliseconds(o.CrossingEveryMs * n + 25) - clock.Elapsed;
                    if (due > TimeSpan.Zero) await Task.Delay(due);
                    if (stop.IsCancellationRequested) break;
                    var justSent = Math.Max(0, Volatile.Read(ref lastBuilt) - 5) % slots;
                    var i = Enumerable.Range(0, o.Sensors / slots + 1).Select(j => justSent + j * slots)
                        .FirstOrDefault(s => s < o.Sensors && KindOf(s, slots) == "water_level" && !used.Contains(s), -1);
                    if (i < 0) continue;
                    used.Add(i);
                    var sensor = $"S{i:D5}";
                    var body = JsonSerializer.SerializeToUtf8Bytes(new IngestBatch([new WireEvent
                    {
                        Id = $"x-{n}", Type = EventType.SensorReading, OccurredAt = DateTimeOffset.UtcNow, GridCode = grids[i % grids.Length],
                        SensorId = sensor, SensorKind = "water_level", Value = 3.7,
                    }]), IngestJson.Options);
                    var measured = Volatile.Read(ref measuring);
                    tasks.Add(Task.Run(async () =>
                    {
                        var sent = NowMs();
                        var accepted = await PostAsync(http, host.ApiKey, body);
                        crossings[sensor] = (sent, accepted == 1 ? NowMs() : double.NaN, measured);
                        if (accepted == 1) Interlocked.Increment(ref readingsAccepted);
                    }));
                }
                await Task.WhenAll(tasks);
            });

            say($"  host {host.BaseUrl}: {o.Sensors:N0} sensors every {o.IntervalSeconds} s, {o.BackgroundRate:N0} patrol/alarm events/s, a crossing every {o.CrossingEveryMs} ms; {o.WarmupSeconds} s warm-up");
            await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds));
            var cpu = new CpuMeter(() => new Dictionary<string, IEnumerable<int>>
            {
                ["host"] = hostPid is { } h ? [h] : [], ["influxd"] = influxPid is { } f ? [f] : [], ["node"] = [node.Id], ["bench"] = [Environment.ProcessId],
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
            say($"  measured {result.MeasuredSeconds:0} s; letting the last crossings reach the screens");
            await Task.Delay(TimeSpan.FromSeconds(5));
            stop.Cancel();
            await Task.WhenAll(readings, patrols, crossing);

            result.ReadingsSent = readingsSent + crossings.Count;
            result.ReadingsAccepted = readingsAccepted;
            result.ReadingsNotAccepted = readingsNot + crossings.Count(c => double.IsNaN(c.Value.Accepted));
            result.ReadingsMeasured = readingsMeasured;
            result.BackgroundMeasured = bgMeasured;
            result.BackgroundNotAccepted = bgNot;
            result.ReadingPost = Latency.Of(readingPosts.Select(p => p.Post));
            result.ReadingLag = Latency.Of(readingPosts.Select(p => p.Lag));
            var measured = crossings.Where(c => c.Value.Measured).ToList();
            result.Crossings = measured.Count;
            result.CrossingsAccepted = measured.Count(c => !double.IsNaN(c.Value.Accepted));
            result.CrossingPost = Latency.Of(measured.Where(c => !double.IsNaN(c.Value.Accepted)).Select(c => c.Value.Accepted - c.Value.Sent));
            var fromAccept = new List<double>();
            var fromSend = new List<double>();
            foreach (var (sensor, c) in measured)
                for (var client = 0; client < o.Screens; client++)
                    if (seen.TryGetValue((client, sensor), out var t))
                    {
                        fromSend.Add(t - c.Sent);
                        if (!double.IsNaN(c.Accepted)) fromAccept.Add(t - c.Accepted);
                    }
            result.CrossingsSeen = fromSend.Count;
            result.FromAccept = Latency.Of(fromAccept);
            var sorted = fromAccept.Order().ToArray();
            if (sorted.Length > 0) result.FromAcceptP95 = sorted[Math.Clamp((int)Math.Ceiling(0.95 * sorted.Length) - 1, 0, sorted.Length - 1)];
            result.FromSend = Latency.Of(fromSend);
            await StatsAsync(node);

            // every accepted reading is in the event log (the host answered "accepted" only after the write)
            using var influxHttp = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var client0 = new InfluxClient(influxHttp, influx.CreateOptions(host.DatabaseName));
            await foreach (var row in client0.QueryAsync("SELECT COUNT(\"id\") FROM \"event\" WHERE \"type\" = 'sensor_reading'"))
                result.Stored = row.GetLong("count") ?? 0;
        }
        finally
        {
            if (!node.HasExited) { try { node.Kill(); } catch (InvalidOperationException) { } }
            node.Dispose();
            await host.StopAsync();
        }
        return result;
    }

    private readonly TaskCompletionSource _statsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task StatsAsync(Process node)
    {
        await node.StandardInput.WriteLineAsync("stop");
        await node.StandardInput.FlushAsync();
        await Task.WhenAny(_statsDone.Task, Task.Delay(20_000));
    }

    private Process StartNode(string baseUrl, ConcurrentDictionary<(int, string), double> seen, SensorResult result)
    {
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetDirectoryName(script)!, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(baseUrl);
        psi.ArgumentList.Add(KioskToken);
        psi.ArgumentList.Add(o.Screens.ToString(CultureInfo.InvariantCulture));
        var node = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var statsLines = 0;
        node.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) { _statsDone.TrySetResult(); return; }
            var f = line.Split(' ');
            switch (f[0])
            {
                case "ready": result.ClientsReady = int.Parse(f[1], CultureInfo.InvariantCulture); break;
                case "seen": seen.TryAdd((int.Parse(f[1], CultureInfo.InvariantCulture), f[2]), double.Parse(f[4], CultureInfo.InvariantCulture)); break;
                case "stats":
                    lock (result)
                    {
                        result.Deltas += long.Parse(f[2], CultureInfo.InvariantCulture);
                        result.WarningLists += long.Parse(f[3], CultureInfo.InvariantCulture);
                        result.MostWarnings = Math.Max(result.MostWarnings, long.Parse(f[4], CultureInfo.InvariantCulture));
                    }
                    if (Interlocked.Increment(ref statsLines) == o.Screens) _statsDone.TrySetResult();
                    break;
                case "error": lock (result) result.Problems.Add(line); say($"  node: {line}"); break;
            }
        };
        node.ErrorDataReceived += (_, e) => { if (!string.IsNullOrWhiteSpace(e.Data)) say($"  node stderr: {e.Data}"); };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        return node;
    }

    /// <summary>The events the host answered "accepted" (stored) for one POST; 0 when the POST failed.</summary>
    private static async Task<int> PostAsync(HttpClient http, string apiKey, byte[] body)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/events") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK) return 0;
            var answer = await response.Content.ReadFromJsonAsync<IngestResponse>(IngestJson.Options);
            return answer?.Accepted ?? 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException) { return 0; }
    }
}
