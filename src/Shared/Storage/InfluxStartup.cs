using Microsoft.Extensions.Logging;

namespace CommandCenter.Storage;

public static class InfluxStartup
{
    /// <summary>
    /// Creates the database once InfluxDB answers, retrying every second (a process may start before its influxd);
    /// says so once in the log. Ends only when it succeeded or <paramref name="ct"/> is cancelled.
    /// </summary>
    public static async Task EnsureDatabaseWhenReachableAsync(this InfluxClient influx, TimeProvider time, ILogger log, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { await influx.EnsureDatabaseAsync(ct); return; }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                if (attempt == 1) log.LogWarning("InfluxDB not reachable yet ({Error}); waiting for it", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
            }
        }
    }
}
