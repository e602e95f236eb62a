using CommandCenter.Geography;
using CommandCenter.Ingest;
using CommandCenter.Storage;

namespace CommandCenter.Wall;

/// <summary>
/// <c>GET /api/v1/sensors/{id}/readings?grid=…&amp;hours=24</c>: one sensor's readings from the event log (its grid narrows
/// the query to that grid's series), the last of each 5-minute bucket by the reading's own time — the chart a duty officer opens from a warning.
/// </summary>
public static class SensorReadingsEndpoint
{
    public static IEndpointRouteBuilder MapSensorReadings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/sensors/{id}/readings", async (string id, string? grid, int? hours, CountyMap map, InfluxClient influx, TimeProvider time, CancellationToken ct) =>
        {
            if (FieldLimits.Check("id", id) is { } badId || id.AsSpan().IndexOfAny('\r', '\0') >= 0)
                return Results.Problem(statusCode: 400, title: "bad sensor id", detail: "id must be a sensor id of at most 128 characters");
            if (string.IsNullOrEmpty(grid) || map.Find(grid) is not { Level: AreaLevel.Grid })
                return Results.Problem(statusCode: 400, title: "grid is required", detail: $"grid must be the code of the sensor's grid, not '{grid}'");
            var h = Math.Clamp(hours ?? 24, 1, 24 * 7);
            var until = time.GetUtcNow();
            var from = until.AddHours(-h);
            // raw readings (a sensor reports about once a minute), bucketed by the reading's own time: the log's timestamp is
            // the accept time, which for a gateway sending late or in bursts is not when the value was read
            var q = $"SELECT \"value\", \"occurred\" FROM {EventLog.EventCodec.Measurement} WHERE \"grid\" = {InfluxClient.QuoteString(grid)} " +
                    $"AND \"type\" = 'sensor_reading' AND \"sensor\" = {InfluxClient.QuoteString(id)} AND time > {Ns(from)}";
            var buckets = new SortedDictionary<long, (long At, double Value)>();
            const long BucketMs = 5 * 60_000;
            try
            {
                await foreach (var r in influx.QueryAsync(q, ct))
                {
                    if (r.GetDouble("value") is not { } v) continue;
                    var at = (r.GetLong("occurred") ?? r.TimeNs) / 1_000_000;
                    if (at < from.ToUnixTimeMilliseconds() || at > until.ToUnixTimeMilliseconds()) continue;
                    var bucket = at - at % BucketMs;
                    if (!buckets.TryGetValue(bucket, out var had) || had.At <= at) buckets[bucket] = (at, v);
                }
            }
            catch (InfluxException ex)
            {
                return Results.Json(new { error = $"readings unavailable: {ex.Message}" }, statusCode: 503);
            }
            var times = buckets.Keys.ToList();
            var values = buckets.Values.Select(b => b.Value).ToList();
            return Results.Ok(new { sensor = id, grid, from = from.ToUnixTimeMilliseconds(), until = until.ToUnixTimeMilliseconds(), times, values });
        });
        return app;
    }

    private static long Ns(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).Ticks * 100;
}
