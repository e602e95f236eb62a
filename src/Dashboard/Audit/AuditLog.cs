using CommandCenter.Live;
using CommandCenter.Storage;

namespace CommandCenter.Audit;

/// <summary>
/// Every action of a person (sign-in, acknowledgement, admin change …) stored in InfluxDB (measurement
/// <c>audit</c>): who, when, from which address, what, and how it ended. Low-cardinality tags (action,
/// outcome); people and targets are fields. Timestamps are unique (a monotonic clock).
/// </summary>
public sealed class AuditLog(InfluxClient influx, TimeProvider time, ILogger<AuditLog> log)
{
    public const string Measurement = "audit";
    private readonly SeqClock _clock = new(time);
    private readonly Lock _gate = new();

    public sealed record Entry(DateTimeOffset At, string Action, string Outcome, string User, string? Role, string? Address, string? Target, string? Detail);

    public async Task RecordAsync(HttpContext http, string action, string outcome, string? target = null, string? detail = null, string? user = null, string? role = null)
    {
        long ns;
        lock (_gate) ns = _clock.Next();
        var p = new LinePoint(Measurement).Tag("action", action).Tag("outcome", outcome)
            .Field("user", user ?? http.User.Identity?.Name ?? "anonymous")
            .Field("address", http.Connection.RemoteIpAddress?.ToString() ?? "")
            .At(ns);
        if ((role ?? http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value) is { } r) p.Field("role", r);
        if (target is not null) p.Field("target", target);
        if (detail is not null) p.Field("detail", detail);
        try { await influx.WriteAsync([p], CancellationToken.None); }
        catch (Exception ex) { log.LogError("audit entry {Action} by {User} not stored: {Error}", action, user ?? http.User.Identity?.Name, ex.Message); }
    }

    public async Task<List<Entry>> LatestAsync(int limit, CancellationToken ct)
    {
        var list = new List<Entry>();
        await foreach (var r in influx.QueryAsync($"SELECT * FROM {Measurement} ORDER BY time DESC LIMIT {Math.Clamp(limit, 1, 5000)}", ct))
            list.Add(new Entry(DateTimeOffset.FromUnixTimeMilliseconds(r.TimeNs / 1_000_000), r.GetString("action") ?? "", r.GetString("outcome") ?? "",
                r.GetString("user") ?? "", r.GetString("role"), r.GetString("address"), r.GetString("target"), r.GetString("detail")));
        return list;
    }
}
