using System.Diagnostics;
using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;
using CommandCenter.Storage;

namespace CommandCenter.Bench.Replay;

public sealed record WriteResult(long Points, int Batches, double Seconds, double PostSeconds, double[] BatchMs, long Stored, string? Error)
{
    public double PointsPerSecond => Seconds > 0 ? Points / Seconds : 0;
}

/// <summary>One pass over the day's range in InfluxDB: what was done with each row, how many, how long.</summary>
public sealed record ReadResult(string Name, long Rows, double Seconds, string? Error)
{
    public double RowsPerSecond => Seconds > 0 ? Rows / Seconds : 0;
}

/// <summary>Writes the day into InfluxDB as the event store does, and reads it back as plainly as possible.</summary>
public static class Storage
{
    public const int Batch = 5000;

    /// <summary>
    /// The day encoded with <see cref="EventCodec.Write"/> (street tag as <c>EventStore</c> derives it) and written
    /// with <see cref="InfluxClient.WriteAsync"/> in batches of 5,000, one write at a time (as the silo writes).
    /// Seconds = encode + write; PostSeconds = the writes alone.
    /// </summary>
    public static async Task<WriteResult> WriteAsync(InfluxClient client, CountyMap map, IReadOnlyList<CountyEvent> events, Action<string> say)
    {
        var batchMs = new List<double>();
        string? error = null;
        long written = 0;
        double post = 0;
        var sw = Stopwatch.StartNew();
        var nextReport = 200_000;
        var all = events as CountyEvent[] ?? events.ToArray();
        for (var i = 0; i < events.Count; i += Batch)
        {
            var n = Math.Min(Batch, events.Count - i);
            var batch = new ArraySegment<CountyEvent>(all, i, n);
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                await client.WriteAsync(batch, EventCodec.Measurement, (w, e) => EventCodec.Write(w, e, StreetOf(map, e.GridCode)));
                written += n;
            }
            catch (Exception ex) when (ex is InfluxWriteException or InfluxUnavailableException)
            {
                error ??= ex.Message;
            }
            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            post += ms / 1000;
            batchMs.Add(ms);
            if (written >= nextReport)
            {
                say($"  … {written:N0} written ({sw.Elapsed.TotalSeconds:0} s)");
                nextReport += 200_000;
            }
        }
        var seconds = sw.Elapsed.TotalSeconds;
        long stored = 0;
        await foreach (var row in client.QueryAsync($"SELECT COUNT(id) FROM {EventCodec.Measurement}"))
            stored = row.GetLong("count") ?? 0;
        return new WriteResult(written, batchMs.Count, seconds, post, batchMs.Order().ToArray(), stored, error);
    }

    /// <summary>As <c>EventStore</c> derives the street tag.</summary>
    public static string StreetOf(CountyMap map, string gridCode) =>
        map.Find(gridCode) is { Level: >= AreaLevel.Street } ? map.StreetOf(gridCode).Code : map.County.Code;

    /// <summary>
    /// Reads (from, to] through <see cref="InfluxClient.QueryAsync"/> (chunked, 10,000 rows a chunk) in three ways:
    /// rows only (the baseline), rows decoded into events (<see cref="EventCodec.FromRow"/>, what <c>EventStore.ReadAsync</c>
    /// yields), and decoded events applied to a fresh <see cref="CountyModel"/> (replay's load without its checkpoints
    /// and without keeping the events): where the replay load's time goes.
    /// </summary>
    public static async Task<List<ReadResult>> ReadAsync(InfluxClient client, CountyMap map, long fromNs, long toNs, Action<string> say)
    {
        var q = $"SELECT * FROM {EventCodec.Measurement} WHERE time > {fromNs} AND time <= {toNs}";
        var results = new List<ReadResult>();

        async Task<ReadResult> Pass(string name, string query, Action<InfluxRow> each)
        {
            GC.Collect();
            long rows = 0;
            string? error = null;
            var sw = Stopwatch.StartNew();
            try
            {
                await foreach (var row in client.QueryAsync(query))
                {
                    each(row);
                    rows++;
                }
            }
            catch (Exception ex) when (ex is InfluxQueryException or InfluxUnavailableException or FormatException or InvalidOperationException)
            {
                error = ex.Message;
            }
            var r = new ReadResult(name, rows, sw.Elapsed.TotalSeconds, error);
            say($"  {name}: {r.Rows:N0} rows in {r.Seconds:0.0} s = {r.RowsPerSecond:N0} rows/s{(error is null ? "" : "; PROBLEM: " + error)}");
            return r;
        }

        long checksum = 0;
        results.Add(await Pass("rows", q, row => checksum += row.TimeNs & 1));
        results.Add(await Pass("rows → events", q + " ORDER BY time ASC", row => checksum += EventCodec.FromRow(row).Seq & 1));
        var model = new CountyModel(map, new GrainOptions(), TimeSpan.FromHours(48));
        long refused = 0;
        results.Add(await Pass("rows → events → grains", q + " ORDER BY time ASC", row =>
        {
            if (model.Apply(EventCodec.FromRow(row)).Status != Ingest.IngestStatus.Accepted) refused++;
        }));
        if (refused > 0)
        {
            say($"  PROBLEM: the grains refused {refused:N0} stored events");
            results[^1] = results[^1] with { Error = $"the grains refused {refused:N0} stored events" };
        }
        GC.KeepAlive(checksum);
        return results;
    }
}
