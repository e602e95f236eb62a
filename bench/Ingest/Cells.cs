using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CommandCenter.EventLog;
using CommandCenter.Geography;
using CommandCenter.Storage;
using CommandCenter.TestSupport;

namespace CommandCenter.Bench.Ingest;

/// <summary>One measured cell: what was sent, what was accepted and stored, how fast, and what it cost.</summary>
public sealed record CellResult(
    string Kind, int Batch, int Senders, int Requests, long Accepted, long Duplicates, long Rejected, long Failed,
    long WarmupAccepted, long Stored, double ElapsedSeconds, double[] LatenciesMs, Dictionary<string, double?> Cores,
    string? Error)
{
    public double EventsPerSecond => ElapsedSeconds > 0 ? Accepted / ElapsedSeconds : 0;
    public bool StoredMatches => Stored == WarmupAccepted + Accepted;
    public double Percentile(double p) => Stats.Percentile(LatenciesMs, p);
}

public static class Stats
{
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

/// <summary>What a run of requests (or writes) added up to.</summary>
public sealed class SendTotals
{
    public long Accepted, Duplicates, Rejected, Failed;
    public int Requests, HttpErrors;
    public double ElapsedSeconds;
    public double[] LatenciesMs = [];
    public string? FirstProblem;
}

/// <summary>
/// Durable ingest: a fresh host process (simulator off) on a fresh database, fed pre-serialized batches
/// over <c>POST /api/v1/events</c> by N concurrent senders until the events or the time run out.
/// </summary>
public sealed class DurableCell(InfluxServer influx, EventFactory events, Action<string> say)
{
    /// <param name="warmup">Untimed load first, at most this long (or as many events as the timed part): a fresh host's
    /// JIT keeps compiling hot code for seconds (tiered compilation), which a host that has run for days no longer does.</param>
    public async Task<CellResult> RunAsync(int index, int batch, int senders, int maxEvents, TimeSpan limit, TimeSpan warmup)
    {
        var db = $"bench_durable_{index}_b{batch}_c{senders}";
        var settings = new Dictionary<string, string>
        {
            // As deployed, not as the tests tune it: production environment, the default 2 s grain tick.
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Silo__TickInterval"] = "00:00:02",
        };
        await using var host = new HostProcess(influx.Url, db, settings);
        var started = Stopwatch.StartNew();
        await host.StartAsync(TimeSpan.FromSeconds(90));
        say($"  host up on {host.BaseUrl} in {started.Elapsed.TotalSeconds:0.0} s (database {db})");

        var warmCount = Math.Max(batch * senders, maxEvents);
        var warmBodies = EventFactory.Bodies(events.Wire($"d{index}-warm", warmCount), batch);
        var bodies = EventFactory.Bodies(events.Wire($"d{index}", maxEvents), batch);

        var hostPid = Procs.Find("CommandCenter.Dashboard.dll", pid => Procs.EnvironmentContains(pid, $"urls={host.BaseUrl}"));
        var influxPid = Procs.Find("influxd", pid => Procs.WorkingDirectoryIs(pid, influx.DataDir));
        var cpu = new PidCpuMeter(new Dictionary<string, int?> { ["host"] = hostPid, ["influxd"] = influxPid, ["bench"] = Environment.ProcessId });

        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = new Uri(host.BaseUrl + "/"), Timeout = TimeSpan.FromMinutes(2) };

        var warm = await SendAllAsync([(http, host.ApiKey)], warmBodies, senders, warmup);
        cpu.Start();
        var run = await SendAllAsync([(http, host.ApiKey)], bodies, senders, limit);
        var cores = cpu.Stop();

        var stored = await CountAsync(influx, db);
        await host.StopAsync();
        await DropAsync(influx, db);

        var problem = warm.FirstProblem ?? run.FirstProblem;
        if (problem is null && stored != warm.Accepted + run.Accepted)
            problem = $"stored {stored} ≠ accepted {warm.Accepted + run.Accepted}";
        return new CellResult("durable", batch, senders, run.Requests, run.Accepted, run.Duplicates, run.Rejected, run.Failed,
            warm.Accepted, stored, run.ElapsedSeconds, run.LatenciesMs, cores, problem);
    }

    /// <summary>N senders take the next body until none is left or the time is up; sender s posts to <c>targets[s % count]</c>
    /// (one host, or the silos of a cluster in turn).</summary>
    internal static async Task<SendTotals> SendAllAsync(IReadOnlyList<(HttpClient Http, string ApiKey)> targets, List<byte[]> bodies, int senders, TimeSpan limit)
    {
        var totals = new SendTotals();
        var next = -1;
        var clock = Stopwatch.StartNew();
        var perSender = await Task.WhenAll(Enumerable.Range(0, senders).Select(async sender =>
        {
            await Task.Yield();
            var (http, apiKey) = targets[sender % targets.Count];
            var latencies = new List<double>();
            while (clock.Elapsed < limit)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= bodies.Count) break;
                var t0 = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/events") { Content = new ByteArrayContent(bodies[i]) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add("X-Api-Key", apiKey);
                HttpResponseMessage response;
                byte[] answer;
                try
                {
                    response = await http.SendAsync(request);
                    answer = await response.Content.ReadAsByteArrayAsync();
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    // a host that died or dropped the connection: a problem of the cell, not the end of the run
                    Interlocked.Increment(ref totals.HttpErrors);
                    Interlocked.CompareExchange(ref totals.FirstProblem, $"{ex.GetType().Name}: {ex.Message}", null);
                    break;
                }
                using var _ = response;
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                Interlocked.Increment(ref totals.Requests);
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))
                {
                    Interlocked.Increment(ref totals.HttpErrors);
                    Interlocked.CompareExchange(ref totals.FirstProblem, $"HTTP {(int)response.StatusCode}: {Excerpt(answer)}", null);
                    continue;
                }
                var (accepted, duplicates, rejected, failed) = ReadCounts(answer);
                Interlocked.Add(ref totals.Accepted, accepted);
                Interlocked.Add(ref totals.Duplicates, duplicates);
                Interlocked.Add(ref totals.Rejected, rejected);
                Interlocked.Add(ref totals.Failed, failed);
                if (rejected + failed + duplicates > 0)
                    Interlocked.CompareExchange(ref totals.FirstProblem, $"HTTP {(int)response.StatusCode}, not all accepted: {FirstNotAccepted(answer)}", null);
            }
            return latencies;
        }));
        totals.ElapsedSeconds = clock.Elapsed.TotalSeconds;
        totals.LatenciesMs = perSender.SelectMany(l => l).Order().ToArray();
        return totals;
    }

    /// <summary>The four counts at the top of an IngestResponse, without parsing the per-event results.</summary>
    private static (long, long, long, long) ReadCounts(byte[] json)
    {
        long accepted = 0, duplicates = 0, rejected = 0, failed = 0;
        var reader = new Utf8JsonReader(json);
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "accepted": accepted = reader.GetInt64(); break;
                case "duplicates": duplicates = reader.GetInt64(); break;
                case "rejected": rejected = reader.GetInt64(); break;
                case "failed": failed = reader.GetInt64(); break;
                default: return (accepted, duplicates, rejected, failed); // "results": the rest is per event
            }
        }
        return (accepted, duplicates, rejected, failed);
    }

    /// <summary>The counts and the first result that is not "accepted" (its reason), from an IngestResponse.</summary>
    private static string FirstNotAccepted(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var results = text.IndexOf("\"results\"", StringComparison.Ordinal);
        var head = results > 0 ? text[..results] : Excerpt(body);
        foreach (var status in new[] { "\"failed\"", "\"rejected\"", "\"duplicate\"" })
        {
            var at = text.IndexOf("\"status\":" + status, StringComparison.Ordinal);
            if (at < 0) continue;
            var start = text.LastIndexOf('{', at);
            var end = text.IndexOf('}', at);
            end = end < 0 ? text.Length : text.IndexOf('}', end + 1) is var e2 && e2 > 0 && e2 - at < 400 ? e2 + 1 : end + 1;
            return head + " first: " + text[Math.Max(0, start)..Math.Min(text.Length, end)];
        }
        return Excerpt(body);
    }

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 600));
        return body.Length > 600 ? text + "…" : text;
    }

    public static async Task<long> CountAsync(InfluxServer influx, string database)
    {
        var client = Client(influx, database);
        await foreach (var row in client.QueryAsync($"SELECT COUNT(id) FROM {EventCodec.Measurement}"))
            return row.GetLong("count") ?? 0;
        return 0;
    }

    public static Task DropAsync(InfluxServer influx, string database) =>
        Client(influx, database).ExecuteAsync($"DROP DATABASE {InfluxClient.QuoteIdentifier(database)}");

    private static readonly HttpClient AdminHttp = new() { Timeout = Timeout.InfiniteTimeSpan };

    private static InfluxClient Client(InfluxServer influx, string database)
    {
        var options = influx.CreateOptions(database);
        options.CreateDatabase = false;
        options.Timeout = TimeSpan.FromMinutes(2);
        return new InfluxClient(AdminHttp, options);
    }
}

/// <summary>
/// The ceiling: the same events, encoded exactly as the event store encodes them, written straight into the
/// same influxd with <see cref="InfluxClient.WriteAsync"/> in batches of 5,000 by N parallel writers.
/// </summary>
public sealed class RawCell(InfluxServer influx, EventFactory events, CountyMap map, Action<string> say)
{
    public const int Batch = 5000;

    /// <param name="warmup">Untimed writes first, as long as the durable cells' warm-up (the bench's own JIT settles too).</param>
    public async Task<CellResult> RunAsync(int index, int writers, int maxEvents, TimeSpan limit, TimeSpan warmup)
    {
        var client = await influx.CreateClientAsync($"bench_raw_{index}_c{writers}", o => o.Timeout = TimeSpan.FromMinutes(2));
        var db = client.Options.Database;
        say($"  database {db}");

        // the lines the event store writes, encoded before the clock starts: the ceiling is influxd's, not our encoder's
        List<string> Points(string prefix, int count) =>
            events.Accepted(events.Wire(prefix, count), HostProcess.Source)
                .Select(e => EventCodec.ToLine(e, StreetOf(e.GridCode))).ToList();
        var warm = Chunks(Points($"r{index}-warm", Math.Max(Batch * writers, maxEvents)));
        var chunks = Chunks(Points($"r{index}", maxEvents));

        var influxPid = Procs.Find("influxd", pid => Procs.WorkingDirectoryIs(pid, influx.DataDir));
        var cpu = new PidCpuMeter(new Dictionary<string, int?> { ["influxd"] = influxPid, ["bench"] = Environment.ProcessId });

        var warmTotals = await WriteAllAsync(client, warm, writers, warmup);
        cpu.Start();
        var run = await WriteAllAsync(client, chunks, writers, limit);
        var cores = cpu.Stop();

        var stored = await DurableCell.CountAsync(influx, db);
        await DurableCell.DropAsync(influx, db);
        var problem = warmTotals.FirstProblem ?? run.FirstProblem;
        if (problem is null && stored != warmTotals.Accepted + run.Accepted)
            problem = $"stored {stored} ≠ written {warmTotals.Accepted + run.Accepted}";
        return new CellResult("raw", Batch, writers, run.Requests, run.Accepted, 0, 0, run.Failed,
            warmTotals.Accepted, stored, run.ElapsedSeconds, run.LatenciesMs, cores, problem);
    }

    private string StreetOf(string grid) => map.StreetOf(grid).Code;

    private static List<List<string>> Chunks(List<string> points)
    {
        var chunks = new List<List<string>>();
        for (var i = 0; i < points.Count; i += Batch) chunks.Add(points.GetRange(i, Math.Min(Batch, points.Count - i)));
        return chunks;
    }

    private static async Task<SendTotals> WriteAllAsync(InfluxClient client, List<List<string>> chunks, int writers, TimeSpan limit)
    {
        var totals = new SendTotals();
        var next = -1;
        var clock = Stopwatch.StartNew();
        var perWriter = await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            await Task.Yield();
            var latencies = new List<double>();
            while (clock.Elapsed < limit)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= chunks.Count) break;
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await client.WriteLinesAsync(chunks[i]);
                    Interlocked.Add(ref totals.Accepted, chunks[i].Count);
                }
                catch (Exception ex) when (ex is InfluxWriteException or InfluxUnavailableException)
                {
                    Interlocked.Add(ref totals.Failed, chunks[i].Count);
                    Interlocked.CompareExchange(ref totals.FirstProblem, ex.Message, null);
                }
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                Interlocked.Increment(ref totals.Requests);
            }
            return latencies;
        }));
        totals.ElapsedSeconds = clock.Elapsed.TotalSeconds;
        totals.LatenciesMs = perWriter.SelectMany(l => l).Order().ToArray();
        return totals;
    }
}
