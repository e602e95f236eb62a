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

    /// <summary>One page of the trail, newest first, and how many entries match in all.</summary>
    public sealed record Page(IReadOnlyList<Entry> Entries, long Total, int Number, int Size);

    public async Task<Page> QueryAsync(AuditQuery q, CancellationToken ct)
    {
        var where = Where(q);
        var list = new List<Entry>();
        await foreach (var r in influx.QueryAsync($"SELECT * FROM {Measurement}{where} ORDER BY time DESC LIMIT {q.PageSize} OFFSET {(long)(q.Page - 1) * q.PageSize}", ct))
            list.Add(new Entry(DateTimeOffset.FromUnixTimeMilliseconds(r.TimeNs / 1_000_000), r.GetString("action") ?? "", r.GetString("outcome") ?? "",
                r.GetString("user") ?? "", r.GetString("role"), r.GetString("address"), r.GetString("target"), r.GetString("detail")));
        long total = 0;
        await foreach (var r in influx.QueryAsync($"SELECT COUNT(\"user\") FROM {Measurement}{where}", ct))
            total = r.GetLong("count") ?? 0;
        return new Page(list, total, q.Page, q.PageSize);
    }

    /// <summary>The action codes ever recorded (a tag: cheap to list), for the page's filter.</summary>
    public async Task<List<string>> ActionsAsync(CancellationToken ct)
    {
        var list = new List<string>();
        await foreach (var r in influx.QueryAsync($"SHOW TAG VALUES FROM {Measurement} WITH KEY = \"action\"", ct))
            if (r.GetString("value") is { } v) list.Add(v);
        return list;
    }

    private static string Where(AuditQuery q)
    {
        var parts = new List<string>();
        if (q.From is { } f) parts.Add($"time >= {f.ToUnixTimeMilliseconds() * 1_000_000}");
        if (q.To is { } t) parts.Add($"time <= {t.ToUnixTimeMilliseconds() * 1_000_000 + 999_999}");
        if (q.Action is { } a) parts.Add($"\"action\" = {InfluxClient.QuoteString(a)}");
        if (q.Outcome is { } o) parts.Add($"\"outcome\" = {InfluxClient.QuoteString(o)}");
        if (q.User is { } u) parts.Add($"\"user\" = {InfluxClient.QuoteString(u)}");
        return parts.Count == 0 ? "" : " WHERE " + string.Join(" AND ", parts);
    }
}
