using CommandCenter.Events;
using CommandCenter.Storage;

namespace CommandCenter.EventLog;

/// <summary>
/// How an accepted event is stored in InfluxDB (measurement <c>event</c>, see docs/storage.md) and read back.
/// Tags are low-cardinality (type, street, grid, drill); every identifier is a field; the timestamp is the Seq.
/// </summary>
public static class EventCodec
{
    public const string Measurement = "event";

    public static LinePoint ToPoint(CountyEvent e, string streetCode)
    {
        var p = new LinePoint(Measurement)
            .Tag("type", e.Type.ToWire())
            .Tag("street", streetCode)
            .Tag("grid", e.GridCode)
            .Tag("drill", e.IsDrill ? "true" : "false")
            .Field("id", e.Id)
            .Field("source", e.Source)
            .Field("occurred", Ns(e.OccurredAt))
            .At(e.Seq);
        if (e.Lon is { } lon && e.Lat is { } lat) p.Field("lon", lon).Field("lat", lat);
        Optional(p, "drill_id", e.DrillId);
        Optional(p, "worker", e.WorkerId);
        Optional(p, "alarm", e.AlarmId);
        if (e.Severity is { } sev) p.Field("severity", (long)sev);
        Optional(p, "kind", e.AlarmKind);
        Optional(p, "case", e.CaseId);
        if (e.CaseState is { } state) p.Field("state", state.ToWire());
        Optional(p, "category", e.Category);
        Optional(p, "actor", e.Actor);
        Optional(p, "note", e.Note);
        Optional(p, "drill_name", e.DrillName);
        if (e.DrillStreets is { Count: > 0 } streets) p.Field("drill_streets", string.Join(',', streets));
        Optional(p, "incident", e.IncidentId);
        Optional(p, "title", e.Title);
        Optional(p, "commander", e.Commander);
        if (e.Streets is { Count: > 0 } scope) p.Field("streets", string.Join(',', scope));
        Optional(p, "order", e.OrderId);
        Optional(p, "unit", e.UnitId);
        Optional(p, "unit_kind", e.UnitKind);
        if (e.OrderState is { } os) p.Field("order_state", os.ToWire());
        if (e.DeadlineAt is { } d) p.Field("deadline", Ns(d));
        Optional(p, "whistle", e.WhistleId);
        Optional(p, "department", e.Department);
        if (e.Departments is { Count: > 0 } deps) p.Field("departments", string.Join(',', deps));
        return p;
    }

    public static CountyEvent FromRow(InfluxRow r)
    {
        var type = Parse<EventType>(Tag(r, "type"));
        var occurredNs = r.GetLong("occurred") ?? r.TimeNs;
        return new CountyEvent
        {
            Id = r.GetString("id") ?? throw new FormatException($"stored event at {r.TimeNs} has no id"),
            Type = type,
            OccurredAt = FromNs(occurredNs),
            Source = r.GetString("source") ?? "",
            GridCode = Tag(r, "grid"),
            Seq = r.TimeNs,
            Lon = r.GetDouble("lon"),
            Lat = r.GetDouble("lat"),
            DrillId = r.GetString("drill_id"),
            WorkerId = r.GetString("worker"),
            AlarmId = r.GetString("alarm"),
            Severity = r.GetLong("severity") is { } s ? (int)s : null,
            AlarmKind = r.GetString("kind"),
            CaseId = r.GetString("case"),
            CaseState = r.GetString("state") is { } st ? Parse<CaseState>(st) : null,
            Category = r.GetString("category"),
            Actor = r.GetString("actor"),
            Note = r.GetString("note"),
            DrillName = r.GetString("drill_name"),
            DrillStreets = r.GetString("drill_streets")?.Split(',', StringSplitOptions.RemoveEmptyEntries),
            IncidentId = r.GetString("incident"),
            Title = r.GetString("title"),
            Commander = r.GetString("commander"),
            Streets = r.GetString("streets")?.Split(',', StringSplitOptions.RemoveEmptyEntries),
            OrderId = r.GetString("order"),
            UnitId = r.GetString("unit"),
            UnitKind = r.GetString("unit_kind"),
            OrderState = r.GetString("order_state") is { } os ? Parse<OrderState>(os) : null,
            DeadlineAt = r.GetLong("deadline") is { } d ? FromNs(d) : null,
            WhistleId = r.GetString("whistle"),
            Department = r.GetString("department"),
            Departments = r.GetString("departments")?.Split(',', StringSplitOptions.RemoveEmptyEntries),
        };
    }

    private static long Ns(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
    private static DateTimeOffset FromNs(long ns) => DateTimeOffset.UnixEpoch.AddTicks(ns / 100);

    private static void Optional(LinePoint p, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value)) p.Field(field, value);
    }

    private static string Tag(InfluxRow r, string name) =>
        r.Tags.TryGetValue(name, out var t) ? t : r.GetString(name) ?? "";

    private static T Parse<T>(string wire) where T : struct, Enum =>
        WireNames.TryParse<T>(wire, out var v) ? v : throw new FormatException($"stored {typeof(T).Name} '{wire}' is unknown");
}
