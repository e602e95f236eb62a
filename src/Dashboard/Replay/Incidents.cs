using CommandCenter.EventLog;
using CommandCenter.Storage;

namespace CommandCenter.Replay;

/// <summary>
/// Incidents a leader can pick for replay: level I–II alarms and drills in a range, each with the range and
/// area to replay (15 minutes before, until 15 minutes after it was cleared or ended, at most 6 hours).
/// Until the dispatch console's incidents exist, a serious alarm is the incident.
/// </summary>
public static class Incidents
{
    public sealed record Incident(string Kind, string Id, string Grid, int? Severity, string? Name, DateTimeOffset Start, DateTimeOffset? End,
        DateTimeOffset ReplayFrom, DateTimeOffset ReplayTo, bool Drill);

    public static async Task<List<Incident>> FindAsync(InfluxClient influx, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var range = $"time > {ReplaySession.Ns(from)} AND time <= {ReplaySession.Ns(to)}";
        var found = new Dictionary<string, Incident>();
        await foreach (var r in influx.QueryAsync(
            $"SELECT \"alarm\", \"severity\", \"grid\", \"drill_id\", \"kind\" FROM {EventCodec.Measurement} WHERE \"type\" = 'alarm_raised' AND {range}", ct))
        {
            if (r.GetLong("severity") is not (1 or 2)) continue;
            var at = DateTimeOffset.FromUnixTimeMilliseconds(r.TimeNs / 1_000_000);
            found[r.GetString("alarm")!] = new Incident("alarm", r.GetString("alarm")!, r.GetString("grid") ?? "", (int?)r.GetLong("severity"),
                r.GetString("kind"), at, null, at.AddMinutes(-15), at.AddHours(1), r.GetString("drill_id") is not null);
        }
        await foreach (var r in influx.QueryAsync(
            $"SELECT \"alarm\" FROM {EventCodec.Measurement} WHERE \"type\" = 'alarm_cleared' AND time > {ReplaySession.Ns(from)}", ct))
            if (r.GetString("alarm") is { } id && found.TryGetValue(id, out var i) && i.End is null)
            {
                var end = DateTimeOffset.FromUnixTimeMilliseconds(r.TimeNs / 1_000_000);
                found[id] = i with { End = end, ReplayTo = Min(end.AddMinutes(15), i.Start.AddHours(6)) };
            }
        await foreach (var r in influx.QueryAsync(
            $"SELECT \"drill_id\", \"drill_name\", \"type\" FROM {EventCodec.Measurement} WHERE (\"type\" = 'drill_started' OR \"type\" = 'drill_ended') AND {range}", ct))
        {
            var id = r.GetString("drill_id")!;
            var at = DateTimeOffset.FromUnixTimeMilliseconds(r.TimeNs / 1_000_000);
            if (r.GetString("type") == "drill_started")
                found["drill:" + id] = new Incident("drill", id, "", null, r.GetString("drill_name"), at, null, at.AddMinutes(-15), at.AddHours(1), true);
            else if (found.TryGetValue("drill:" + id, out var d))
                found["drill:" + id] = d with { End = at, ReplayTo = Min(at.AddMinutes(15), d.Start.AddHours(6)) };
        }
        // incidents opened in the console: their own range, from opening to closing
        await foreach (var r in influx.QueryAsync(
            $"SELECT \"incident\", \"title\", \"severity\", \"grid\", \"drill_id\", \"type\" FROM {EventCodec.Measurement} WHERE (\"type\" = 'incident_opened' OR \"type\" = 'incident_closed') AND time > {ReplaySession.Ns(from)}", ct))
        {
            var id = r.GetString("incident")!;
            var at = DateTimeOffset.FromUnixTimeMilliseconds(r.TimeNs / 1_000_000);
            if (r.GetString("type") == "incident_opened" && at <= to)
                found["incident:" + id] = new Incident("incident", id, r.GetString("grid") ?? "", (int?)r.GetLong("severity"), r.GetString("title"), at, null,
                    at.AddMinutes(-15), at.AddHours(1), r.GetString("drill_id") is not null);
            else if (found.TryGetValue("incident:" + id, out var inc))
                found["incident:" + id] = inc with { End = at, ReplayTo = Min(at.AddMinutes(15), inc.Start.AddHours(6)) };
        }
        return found.Values.OrderByDescending(i => i.Start).Take(200).ToList();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
