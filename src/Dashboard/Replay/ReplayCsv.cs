using System.Globalization;
using System.Text;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Time;

namespace CommandCenter.Replay;

/// <summary>CSV exports of a replay: the timeline, the alarms' response times, the cases, the street comparison.</summary>
public static class ReplayCsv
{
    /// <summary>Times in the county's time zone (ISO 8601 with its offset, e.g. +08:00).</summary>
    public static string Write(ReplaySession s, CountyMap map, string kind, CountyTime zone)
    {
        string? T(DateTimeOffset? t) => t is { } v ? zone.Iso(v) : null;
        var report = ResponseReport.Build(s.Events, map, s.To);
        var sb = new StringBuilder();
        switch (kind)
        {
            case "timeline":
                Line(sb, "accepted_at", "occurred_at", "type", "grid", "grid_name", "alarm", "case", "severity", "state", "actor", "drill");
                foreach (var e in s.Events.Where(e => e.Type != EventType.PatrolCheckIn))
                    Line(sb, T(e.AcceptedAt), T(e.OccurredAt), e.Type.ToWire(), e.GridCode, map.Find(e.GridCode)?.Name, e.AlarmId, e.CaseId,
                        e.Severity?.ToString(CultureInfo.InvariantCulture), e.CaseState?.ToWire(), e.Actor, e.DrillId);
                break;
            case "cases":
                Line(sb, "case", "grid", "street", "category", "reported", "accepted", "dispatched", "handled", "closed", "last_state", "drill");
                foreach (var c in report.Cases)
                    Line(sb, c.Id, c.Grid, c.Street, c.Category, T(c.Reported), T(c.Accepted), T(c.Dispatched), T(c.Handled), T(c.Closed), c.LastState, c.Drill ? "yes" : "");
                break;
            case "streets":
                Line(sb, "street", "name", "alarms", "acknowledged", "mean_ack_s", "max_ack_s", "cases", "closed", "mean_close_h", "drill");
                foreach (var (rows, drill) in new[] { (report.Streets, ""), (report.DrillStreets, "yes") })
                    foreach (var r in rows)
                        Line(sb, r.Street, r.Name, N(r.Alarms), N(r.Acknowledged), D(r.MeanAckSeconds), D(r.MaxAckSeconds), N(r.Cases), N(r.Closed), D(r.MeanCloseHours), drill);
                break;
            case "incidents":
                Line(sb, "incident", "title", "level", "opened", "first_dispatch", "dispatch_min", "first_on_scene", "on_scene_min", "closed", "close_min", "orders", "drill",
                    "supplies_ordered", "supplies_delivered");
                foreach (var i in report.Incidents)
                    Line(sb, i.Id, i.Title, N(i.Level), T(i.Opened), T(i.FirstDispatch), D(i.DispatchMinutes), T(i.FirstOnScene), D(i.OnSceneMinutes), T(i.Closed), D(i.CloseMinutes), N(i.Orders), i.Drill ? "yes" : "",
                        Items(i.SuppliesOrdered), Items(i.SuppliesDelivered));
                break;
            case "orders":
                Line(sb, "order", "incident", "unit", "kind", "ordered", "acknowledged", "on_scene", "on_scene_min", "finished", "last_state");
                foreach (var o in report.Orders)
                    Line(sb, o.Id, o.Incident, o.Unit, o.Kind, T(o.Ordered), T(o.Acknowledged), T(o.OnScene), D(o.OnSceneMinutes), T(o.Finished), o.LastState);
                break;
            case "plan-steps":
                Line(sb, "incident", "plan", "version", "step", "action", "title", "role", "activated", "due", "done", "done_by", "minutes", "missed", "fulfilled_by", "drill");
                foreach (var r in report.PlanSteps)
                    Line(sb, r.Incident, r.Plan, N(r.Version), r.Step, r.Action, r.Title, r.Role, T(r.Activated), T(r.Due), T(r.Done), r.DoneBy, D(r.Minutes),
                        r.Missed ? "yes" : "", r.Links is null ? "" : string.Join(' ', r.Links), r.Drill ? "yes" : "");
                break;
            case "report-ins":
                Line(sb, "whistle", "street", "department", "blown", "deadline", "acknowledged", "arrived", "late");
                foreach (var r in report.ReportIns)
                    Line(sb, r.Whistle, r.Street, r.Department, T(r.Blown), T(r.Deadline), T(r.Acknowledged), T(r.Arrived), r.Late ? "yes" : "");
                break;
            default:
                Line(sb, "alarm", "grid", "street", "severity", "kind", "raised", "acknowledged", "acknowledged_by", "ack_s", "cleared", "clear_s", "drill");
                foreach (var a in report.Alarms)
                    Line(sb, a.Id, a.Grid, a.Street, N(a.Severity), a.Kind, T(a.Raised), T(a.Acknowledged), a.AcknowledgedBy, D(a.AckSeconds), T(a.Cleared), D(a.ClearSeconds), a.Drill ? "yes" : "");
                break;
        }
        return sb.ToString();
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string? D(double? d) => d?.ToString("0.#", CultureInfo.InvariantCulture);
    /// <summary>Supplies per item as "pumps 10; sandbags 500" (item codes, in code order).</summary>
    private static string Items(IReadOnlyDictionary<string, int>? items) =>
        items is null ? "" : string.Join("; ", items.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {N(kv.Value)}"));

    private static void Line(StringBuilder sb, params string?[] cells) => sb.AppendJoin(',', cells.Select(Cell)).Append("\r\n");

    /// <summary>
    /// One CSV cell: a text that a spreadsheet would read as a formula (=, +, -, @, tab or CR first) gets a leading
    /// apostrophe (OWASP "CSV injection"); numbers stay numbers; quotes, commas and line breaks are quoted.
    /// </summary>
    public static string Cell(string? c)
    {
        if (string.IsNullOrEmpty(c)) return "";
        if (c[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(c)) c = "'" + c;
        return c.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + c.Replace("\"", "\"\"") + "\"" : c;
    }

    private static bool IsNumber(string c) =>
        double.TryParse(c, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d);
}
