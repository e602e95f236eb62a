using CommandCenter.Events;
using System.Text.Json;
using CommandCenter.Plans;
using CommandCenter.Storage;

namespace CommandCenter.EventLog;

/// <summary>
/// How an accepted event is stored in InfluxDB (measurement <c>event</c>, see docs/storage.md) and read back.
/// Tags are low-cardinality (type, street, grid, drill); every identifier is a field; the timestamp is the Seq.
/// </summary>
public static class EventCodec
{
    public const string Measurement = "event";

    /// <summary>Writes the event as one point of measurement <see cref="Measurement"/> (tags in key order, as influxd keeps them).</summary>
    public static void Write(LineWriter w, CountyEvent e, string streetCode)
    {
        w.Tag("drill", e.IsDrill ? "true" : "false")
            .Tag("grid", e.GridCode)
            .Tag("street", streetCode)
            .Tag("type", e.Type.ToWire())
            .Field("id", e.Id)
            .Field("source", e.Source)
            .Field("occurred", Ns(e.OccurredAt));
        if (e.Lon is { } lon && e.Lat is { } lat) w.Field("lon", lon).Field("lat", lat);
        Optional(w, "drill_id", e.DrillId);
        Optional(w, "worker", e.WorkerId);
        Optional(w, "alarm", e.AlarmId);
        if (e.Severity is { } sev) w.Field("severity", (long)sev);
        Optional(w, "kind", e.AlarmKind);
        Optional(w, "case", e.CaseId);
        if (e.CaseState is { } state) w.Field("state", state.ToWire());
        Optional(w, "category", e.Category);
        Optional(w, "actor", e.Actor);
        Optional(w, "note", e.Note);
        Optional(w, "drill_name", e.DrillName);
        if (e.DrillStreets is { Count: > 0 } streets) w.Field("drill_streets", string.Join(',', streets));
        Optional(w, "incident", e.IncidentId);
        Optional(w, "title", e.Title);
        Optional(w, "commander", e.Commander);
        if (e.Streets is { Count: > 0 } scope) w.Field("streets", string.Join(',', scope));
        Optional(w, "order", e.OrderId);
        Optional(w, "unit", e.UnitId);
        Optional(w, "unit_kind", e.UnitKind);
        if (e.OrderState is { } os) w.Field("order_state", os.ToWire());
        if (e.DeadlineAt is { } d) w.Field("deadline", Ns(d));
        Optional(w, "whistle", e.WhistleId);
        Optional(w, "department", e.Department);
        if (e.Departments is { Count: > 0 } deps) w.Field("departments", string.Join(',', deps));
        Optional(w, "open_orders", e.OpenOrders);
        Optional(w, "sensor", e.SensorId);
        Optional(w, "sensor_kind", e.SensorKind);
        if (e.Value is { } value) w.Field("value", value);
        Optional(w, "depot", e.DepotId);
        Optional(w, "item", e.Item);
        if (e.Quantity is { } qty) w.Field("quantity", (long)qty);
        Optional(w, "stock_change", e.StockChange);
        Optional(w, "plan", e.PlanId);
        if (e.PlanVersion is { } version) w.Field("plan_version", (long)version);
        if (e.PlanSteps is { Count: > 0 } steps) w.Field("plan_steps", JsonSerializer.Serialize(steps, StepsJson));
        Optional(w, "step", e.StepId);
        w.At(e.Seq);
    }

    /// <summary>The event's line of line protocol (as <see cref="Write"/> writes it), for tests and benchmarks.</summary>
    public static string ToLine(CountyEvent e, string streetCode) => LineWriter.ToLine(Measurement, w => Write(w, e, streetCode));

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
            OpenOrders = r.GetString("open_orders"),
            SensorId = r.GetString("sensor"),
            SensorKind = r.GetString("sensor_kind"),
            Value = r.GetDouble("value"),
            DepotId = r.GetString("depot"),
            Item = r.GetString("item"),
            Quantity = r.GetLong("quantity") is { } q ? (int)q : null,
            StockChange = r.GetString("stock_change"),
            PlanId = r.GetString("plan"),
            PlanVersion = r.GetLong("plan_version") is { } pv ? (int)pv : null,
            PlanSteps = r.GetString("plan_steps") is { } steps ? JsonSerializer.Deserialize<List<PlanStep>>(steps, StepsJson) : null,
            StepId = r.GetString("step"),
        };
    }

    private static readonly JsonSerializerOptions StepsJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static long Ns(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
    private static DateTimeOffset FromNs(long ns) => DateTimeOffset.UnixEpoch.AddTicks(ns / 100);

    private static void Optional(LineWriter w, string field, string? value)
    {
        if (!string.IsNullOrEmpty(value)) w.Field(field, value);
    }

    private static string Tag(InfluxRow r, string name) =>
        r.Tags.TryGetValue(name, out var t) ? t : r.GetString(name) ?? "";

    private static T Parse<T>(string wire) where T : struct, Enum =>
        WireNames.TryParse<T>(wire, out var v) ? v : throw new FormatException($"stored {typeof(T).Name} '{wire}' is unknown");
}
