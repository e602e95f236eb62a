using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace CommandCenter.Bench.Replay;

public sealed record LoadResult(string? Id, string Status, long EventCount, long LoadMillis, double WallSeconds, string? Error, List<(double Seconds, double Progress)> ProgressTrace)
{
    public long SnapshotSeq { get; init; }
    public long EventsBefore { get; init; }
}

/// <summary>One kind of frame request, repeated: latency (send → last byte), answer size, how many came back full.</summary>
public sealed record SeekResult(string Name, string Description, int Requests, int Failed, double[] LatencyMs, double MeanKb, double MaxKb, int FullAnswers, int MeanGrids, string? Error)
{
    public double Percentile(double p) => Stats.Percentile(LatencyMs, p);
    public double Max => LatencyMs.Length == 0 ? double.NaN : LatencyMs[^1];
}

/// <summary>The replay HTTP API: open a replay of the day and wait until it is ready, then draw frames at chosen moments.</summary>
public sealed class ApiReplay(HttpClient http, Action<string> say)
{
    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>POST /api/v1/replay {from,to} (202 {id}), then GET /api/v1/replay/{id} every 250 ms (as the page does) until ready or failed.</summary>
    public async Task<LoadResult> OpenAsync(DateTimeOffset from, DateTimeOffset to, TimeSpan limit, bool snapshots = true)
    {
        var trace = new List<(double, double)>();
        var sw = Stopwatch.StartNew();
        using var post = await http.PostAsJsonAsync("api/v1/replay", new { from = Iso(from), to = Iso(to), snapshots });
        var body = await post.Content.ReadAsStringAsync();
        if ((int)post.StatusCode != 202) return new LoadResult(null, "refused", 0, 0, sw.Elapsed.TotalSeconds, $"POST /api/v1/replay: HTTP {(int)post.StatusCode} {body}", trace);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        var lastSay = 0.0;
        while (true)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"api/v1/replay/{id}"));
            var s = doc.RootElement;
            var status = s.GetProperty("status").GetString()!;
            var progress = s.GetProperty("progress").GetDouble();
            trace.Add((sw.Elapsed.TotalSeconds, progress));
            if (status is "ready" or "failed")
                return new LoadResult(id, status, s.GetProperty("eventCount").GetInt64(), s.GetProperty("loadMillis").GetInt64(), sw.Elapsed.TotalSeconds,
                    s.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null, trace)
                {
                    SnapshotSeq = s.TryGetProperty("snapshotSeq", out var q) ? q.GetInt64() : 0,
                    EventsBefore = s.TryGetProperty("eventsBefore", out var b) ? b.GetInt64() : 0,
                };
            if (sw.Elapsed > limit) return new LoadResult(id, status, 0, 0, sw.Elapsed.TotalSeconds, $"not ready after {limit.TotalSeconds:0} s", trace);
            if (sw.Elapsed.TotalSeconds - lastSay >= 10)
            {
                lastSay = sw.Elapsed.TotalSeconds;
                say($"  … {status} {progress * 100:0} % after {sw.Elapsed.TotalSeconds:0} s");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>GET …/frame?at=…[&amp;full=true] at each moment, one after another.</summary>
    public Task<SeekResult> FramesAsync(string id, string name, string description, IReadOnlyList<DateTimeOffset> moments, bool full) =>
        GetAllAsync(name, description, moments.Select(at => $"api/v1/replay/{id}/frame?at={Uri.EscapeDataString(Iso(at))}{(full ? "&full=true" : "")}").ToList(), frames: true);

    /// <summary>GET each address, one after another: latency, size; for frames also whether the answer was full and how many grids it carried.</summary>
    public async Task<SeekResult> GetAllAsync(string name, string description, IReadOnlyList<string> urls, bool frames)
    {
        var latencies = new List<double>();
        long bytes = 0, maxBytes = 0, grids = 0;
        int failed = 0, fullAnswers = 0;
        string? error = null;
        foreach (var url in urls)
        {
            var t0 = Stopwatch.GetTimestamp();
            byte[] answer;
            int status;
            try
            {
                using var r = await http.GetAsync(url);
                answer = await r.Content.ReadAsByteArrayAsync();
                status = (int)r.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failed++;
                error ??= ex.Message;
                continue;
            }
            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (status is not (200 or 204))
            {
                failed++;
                error ??= $"HTTP {status}: {System.Text.Encoding.UTF8.GetString(answer, 0, Math.Min(300, answer.Length))}";
                continue;
            }
            latencies.Add(ms);
            bytes += answer.Length;
            maxBytes = Math.Max(maxBytes, answer.Length);
            if (!frames) continue;
            using var doc = JsonDocument.Parse(answer);
            if (doc.RootElement.GetProperty("full").GetBoolean()) fullAnswers++;
            grids += doc.RootElement.GetProperty("grids").GetArrayLength();
        }
        var ok = Math.Max(1, latencies.Count);
        var result = new SeekResult(name, description, urls.Count, failed, latencies.Order().ToArray(), bytes / 1024.0 / ok, maxBytes / 1024.0,
            fullAnswers, (int)(grids / ok), error);
        say($"  {name}: {result.Requests} requests, p50 {result.Percentile(50):0} ms, p99 {result.Percentile(99):0} ms, max {result.Max:0} ms, " +
            $"{result.MeanKb:0} KB mean{(frames ? $", {fullAnswers} full" : "")}{(failed > 0 ? $", {failed} FAILED: {error}" : "")}");
        return result;
    }
}

public static class Stats
{
    /// <summary>Nearest-rank percentile of sorted values (NaN when empty).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
