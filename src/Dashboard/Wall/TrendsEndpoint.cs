using CommandCenter.Storage;
using CommandCenter.Time;

namespace CommandCenter.Wall;

/// <summary>
/// <c>GET /api/v1/trends?hours=24</c>: the county's figures over time from the per-minute aggregates in
/// InfluxDB, in 10-minute buckets (the last value of each bucket).
/// </summary>
public static class TrendsEndpoint
{
    public static IEndpointRouteBuilder MapTrends(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/trends", async (int? hours, InfluxClient influx, TimeProvider time, CountyTime zone, CancellationToken ct) =>
        {
            var h = Math.Clamp(hours ?? 24, 1, 24 * 7);
            var until = time.GetUtcNow();
            var from = until.AddHours(-h);
            var bucket = h <= 24 ? "10m" : "1h";
            var q = "SELECT last(alarmsOpenI) AS a1, last(alarmsOpenII) AS a2, last(alarmsOpenIII) AS a3, last(alarmsOpenIV) AS a4, " +
                    "last(casesReported) AS c1, last(casesAccepted) AS c2, last(casesDispatched) AS c3, last(casesInProgress) AS c4, " +
                    "last(casesHandled) AS c5, last(casesVerified) AS c6, last(casesReturned) AS c7, last(casesOverdue) AS overdue, " +
                    $"last(workersOnDuty) AS onDuty FROM county_minute WHERE time > {Ns(from)} AND time <= {Ns(until)} GROUP BY time({bucket}) fill(none)";
            var times = new List<long>();
            var alarms = new List<long>();
            var cases = new List<long>();
            var overdue = new List<long>();
            var onDuty = new List<long>();
            try
            {
                await foreach (var r in influx.QueryAsync(q, ct))
                {
                    times.Add(r.TimeNs / 1_000_000);
                    alarms.Add(Sum(r, "a1", "a2", "a3", "a4"));
                    cases.Add(Sum(r, "c1", "c2", "c3", "c4", "c5", "c6", "c7"));
                    overdue.Add(r.GetLong("overdue") ?? 0);
                    onDuty.Add(r.GetLong("onDuty") ?? 0);
                }
            }
            catch (InfluxException ex)
            {
                return Results.Json(new { error = $"trends unavailable: {ex.Message}" }, statusCode: 503);
            }
            return Results.Ok(new { bucket, from = from.ToUnixTimeMilliseconds(), until = until.ToUnixTimeMilliseconds(), timeZone = zone.ZoneId, times, alarms, cases, overdue, onDuty });
        });
        return app;
    }

    private static long Ns(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).Ticks * 100;
    private static long Sum(InfluxRow r, params string[] cols) => cols.Sum(c => r.GetLong(c) ?? 0);
}
