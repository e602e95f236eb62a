using CommandCenter.Events;
using CommandCenter.Geography;

namespace CommandCenter.Ingest.Api;

/// <summary>
/// The checks an event must pass before the grains see it: required fields per type, ranges, time window,
/// and the grid (given, or found from the position). State-dependent checks (a legal case move, an alarm
/// not yet acknowledged) are the grains' job.
/// </summary>
public sealed class EventValidator(CountyMap map, IngestOptions options)
{
    /// <summary>No event of the live county happened before this (a smaller date is a sender's bug, not history).</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public (CountyEvent? Event, string? Reason) Validate(WireEvent w, string source, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(w.Id)) return Fail("id is required");
        if (FieldLimits.Check("id", w.Id) is { } longId) return Fail(longId);
        if (w.Type is not { } type) return Fail("type is required");
        if (!OutsideEventTypes.IsAllowed(type))
            return Fail($"type {type.ToWire()} is a console action: only a signed-in user may do it, through the console API " +
                        $"(an API key may send {string.Join(", ", OutsideEventTypes.WireNames)})");
        if (w.OccurredAt is not { } at) return Fail("occurredAt is required");
        if (at < Earliest) return Fail($"occurredAt {at:O} is before {Earliest:yyyy-MM-dd}");
        // differences, not now ± a setting: a huge configured window must not overflow the date range
        if (at - now > options.MaxFutureSkew) return Fail($"occurredAt {at:O} is in the future (server time {now:O})");
        if (now - at > options.MaxAge) return Fail($"occurredAt {at:O} is older than {options.MaxAge.TotalDays:0} days");
        if (w.Source is not null && w.Source != source) return Fail($"source '{w.Source}' does not match the API key's source '{source}'");
        if ((w.Lon is null) != (w.Lat is null)) return Fail("lon and lat must be given together");
        if ((FieldLimits.CheckCoordinate("lon", w.Lon, 180) ?? FieldLimits.CheckCoordinate("lat", w.Lat, 90)) is { } badPosition) return Fail(badPosition);
        if (TooLong(w) is { } longText) return Fail(longText);

        var missing = MissingField(w, type);
        if (missing is not null) return Fail($"{missing} is required for {type.ToWire()}");
        if (type == EventType.SensorReading && SensorProblem(w) is { } badReading) return Fail(badReading);
        if (type == EventType.StockChanged && StockProblem(w) is { } badStock) return Fail(badStock);
        if ((type is EventType.AlarmRaised or EventType.IncidentOpened || type == EventType.IncidentUpdated && w.Severity is not null) && !Severity.IsValid(w.Severity!.Value)) return Fail($"severity must be 1–4 (I–IV), not {w.Severity}");
        if (w.Streets?.FirstOrDefault(s => map.Find(s) is not { Level: AreaLevel.Street }) is { } badScope)
            return Fail($"street {badScope} is not a street of the county");
        if (w.DrillStreets?.FirstOrDefault(s => map.Find(s) is not { Level: AreaLevel.Street }) is { } badStreet)
            return Fail($"drill street {badStreet} is not a street of the county");

        var (grid, gridError) = ResolveGrid(w, type);
        if (gridError is not null) return Fail(gridError);
        return (new CountyEvent
        {
            Id = w.Id, Type = type, OccurredAt = at, Source = source, GridCode = grid ?? "",
            Lon = w.Lon, Lat = w.Lat, DrillId = w.DrillId, WorkerId = w.WorkerId, AlarmId = w.AlarmId,
            Severity = w.Severity, AlarmKind = w.AlarmKind, CaseId = w.CaseId, CaseState = w.CaseState,
            Category = w.Category, Actor = ReportedBy(source, w.Actor), Note = w.Note, DrillName = w.DrillName, DrillStreets = w.DrillStreets,
            IncidentId = w.IncidentId, Title = w.Title, Commander = w.Commander, Streets = w.Streets, OrderId = w.OrderId, UnitId = w.UnitId,
            UnitKind = w.UnitKind, OrderState = w.OrderState, DeadlineAt = w.DeadlineAt, WhistleId = w.WhistleId, Department = w.Department,
            Departments = w.Departments, SensorId = w.SensorId, SensorKind = w.SensorKind, Value = w.Value,
            DepotId = w.DepotId, Item = w.Item, Quantity = w.Quantity, StockChange = w.StockChange,
        }, null);
    }

    /// <summary>
    /// An outside system's actor is what it reports, not a signed-in person: it is stored as "source/actor"
    /// (e.g. "hotline-12345/张伟"), so every screen, the timeline and the exports show which key reported it,
    /// and no key can act in the name of a console user. No actor: null (screens fall back to the source).
    /// </summary>
    public static string? ReportedBy(string source, string? actor) => string.IsNullOrWhiteSpace(actor) ? null : $"{source}/{actor.Trim()}";

    /// <summary>Why the first text field over its limit is refused (checked field by field without a list: this runs for every event).</summary>
    private static string? TooLong(WireEvent w) =>
        FieldLimits.Check("source", w.Source) ?? FieldLimits.Check("gridCode", w.GridCode) ?? FieldLimits.Check("drillId", w.DrillId)
        ?? FieldLimits.Check("workerId", w.WorkerId) ?? FieldLimits.Check("alarmId", w.AlarmId) ?? FieldLimits.Check("alarmKind", w.AlarmKind)
        ?? FieldLimits.Check("caseId", w.CaseId) ?? FieldLimits.Check("category", w.Category) ?? FieldLimits.Check("actor", w.Actor)
        ?? FieldLimits.Check("note", w.Note) ?? FieldLimits.Check("drillName", w.DrillName) ?? FieldLimits.Check("drillStreets", w.DrillStreets)
        ?? FieldLimits.Check("incidentId", w.IncidentId) ?? FieldLimits.Check("title", w.Title) ?? FieldLimits.Check("commander", w.Commander)
        ?? FieldLimits.Check("streets", w.Streets) ?? FieldLimits.Check("orderId", w.OrderId) ?? FieldLimits.Check("unitId", w.UnitId)
        ?? FieldLimits.Check("unitKind", w.UnitKind) ?? FieldLimits.Check("whistleId", w.WhistleId) ?? FieldLimits.Check("department", w.Department)
        ?? FieldLimits.Check("departments", w.Departments) ?? FieldLimits.Check("sensorId", w.SensorId) ?? FieldLimits.Check("sensorKind", w.SensorKind)
        ?? FieldLimits.Check("depotId", w.DepotId) ?? FieldLimits.Check("item", w.Item) ?? FieldLimits.Check("stockChange", w.StockChange);

    /// <summary>A reading's kind must be one the warning rules know, and its value a finite number.</summary>
    private static string? SensorProblem(WireEvent w) =>
        !Model.Warnings.WarningRules.Kinds.Contains(w.SensorKind) ? $"sensorKind '{w.SensorKind}' is not one of {string.Join(", ", Model.Warnings.WarningRules.Kinds)}"
        : !double.IsFinite(w.Value!.Value) ? "value must be a finite number"
        : null;

    /// <summary>A stock change names a depot of the county, a known item and change, and a quantity in range; a return names its order.</summary>
    private string? StockProblem(WireEvent w) =>
        !map.Pois.Any(p => p.Id == w.DepotId && p.Kind == PoiKind.SupplyDepot) ? $"depotId '{w.DepotId}' is not a supply depot of the county"
        : !Supplies.SupplyItems.IsKnown(w.Item) ? $"item '{w.Item}' is not one of {string.Join(", ", Supplies.SupplyItems.All)}"
        : !Supplies.StockChanges.IsKnown(w.StockChange) ? $"stockChange '{w.StockChange}' is not one of {string.Join(", ", Supplies.StockChanges.All)}"
        : w.Quantity is < 0 or > Supplies.SupplyItems.MaxQuantity ? $"quantity must be 0–{Supplies.SupplyItems.MaxQuantity}, not {w.Quantity}"
        : w.StockChange == Supplies.StockChanges.Returned && string.IsNullOrEmpty(w.OrderId) ? "orderId is required for a return (the supply order the goods come back from)"
        : null;

    private static string? MissingField(WireEvent w, EventType type) => type switch
    {
        EventType.PatrolCheckIn when string.IsNullOrEmpty(w.WorkerId) => "workerId",
        EventType.AlarmRaised or EventType.AlarmAcknowledged or EventType.AlarmCleared when string.IsNullOrEmpty(w.AlarmId) => "alarmId",
        EventType.AlarmRaised when w.Severity is null => "severity",
        EventType.CaseChanged when string.IsNullOrEmpty(w.CaseId) => "caseId",
        EventType.CaseChanged when w.CaseState is null => "caseState",
        EventType.DrillStarted or EventType.DrillEnded when string.IsNullOrEmpty(w.DrillId) => "drillId",
        EventType.IncidentOpened or EventType.IncidentLinked or EventType.IncidentNote or EventType.IncidentClosed or EventType.IncidentUpdated
            when string.IsNullOrEmpty(w.IncidentId) => "incidentId",
        EventType.IncidentOpened when string.IsNullOrWhiteSpace(w.Title) => "title",
        EventType.IncidentOpened when w.Severity is null => "severity (the response level 1–4)",
        EventType.IncidentLinked when string.IsNullOrEmpty(w.AlarmId) && string.IsNullOrEmpty(w.CaseId) => "alarmId or caseId",
        EventType.IncidentNote when string.IsNullOrWhiteSpace(w.Note) => "note",
        EventType.IncidentUpdated when w.Severity is null && w.Commander is null && w.Streets is null && string.IsNullOrWhiteSpace(w.Title)
            => "one of severity, commander, streets or title (what changes)",
        EventType.OrderChanged when string.IsNullOrEmpty(w.OrderId) => "orderId",
        EventType.OrderChanged when w.OrderState is null => "orderState",
        EventType.OrderChanged when w.OrderState == OrderState.Ordered && (string.IsNullOrEmpty(w.IncidentId) || string.IsNullOrEmpty(w.UnitId) || string.IsNullOrEmpty(w.UnitKind))
            => "incidentId, unitId and unitKind",
        EventType.WhistleBlown when string.IsNullOrEmpty(w.WhistleId) => "whistleId",
        EventType.WhistleBlown when w.Streets is not { Count: > 0 } => "streets (the street blowing the whistle)",
        EventType.WhistleBlown when w.Departments is not { Count: > 0 } => "departments",
        EventType.ReportIn when string.IsNullOrEmpty(w.WhistleId) || string.IsNullOrEmpty(w.Department) => "whistleId and department",
        EventType.SensorReading when string.IsNullOrEmpty(w.SensorId) => "sensorId",
        EventType.SensorReading when string.IsNullOrEmpty(w.SensorKind) => "sensorKind",
        EventType.SensorReading when w.Value is null => "value",
        EventType.StockChanged when string.IsNullOrEmpty(w.DepotId) => "depotId",
        EventType.StockChanged when string.IsNullOrEmpty(w.Item) => "item",
        EventType.StockChanged when string.IsNullOrEmpty(w.StockChange) => "stockChange",
        EventType.StockChanged when w.Quantity is null => "quantity",
        EventType.ReportIn when w.OrderState is not (OrderState.Acknowledged or OrderState.OnScene) => "orderState (acknowledged or on_scene)",
        _ => null,
    };

    /// <summary>
    /// The grid from gridCode, else from the position. Raising an alarm, reporting a case and checking in
    /// need one; acknowledgements and case moves may leave it to the grains (they know where the alarm or case is).
    /// </summary>
    private (string? Grid, string? Error) ResolveGrid(WireEvent w, EventType type)
    {
        if (type is EventType.DrillStarted or EventType.DrillEnded) return (map.County.Code, null);
        // a depot's events live in the depot's grid (its series of the log), wherever the sender says it is
        if (type is EventType.StockChanged or EventType.SupplyOrderChanged)
            return map.Pois.FirstOrDefault(p => p.Id == w.DepotId && p.Kind == PoiKind.SupplyDepot) is { } depot ? (depot.GridCode, null)
                : (null, $"depotId '{w.DepotId}' is not a supply depot of the county");
        var boardEvent = type is EventType.IncidentOpened or EventType.IncidentLinked or EventType.IncidentNote or EventType.IncidentClosed or EventType.IncidentUpdated
            or EventType.OrderChanged or EventType.WhistleBlown or EventType.ReportIn;
        if (boardEvent && string.IsNullOrEmpty(w.GridCode) && w.Lon is null) return (map.County.Code, null);
        if (!string.IsNullOrEmpty(w.GridCode))
            return map.Find(w.GridCode) is { Level: AreaLevel.Grid } ? (w.GridCode, null) : (null, $"unknown grid {w.GridCode}");
        if (w.Lon is { } lon && w.Lat is { } lat)
        {
            var p = new GeoPoint(lon, lat);
            return map.LocateGrid(p) is { } g ? (g.Code, null) : (null, $"position {p} is outside the county");
        }
        var needsGrid = type is EventType.PatrolCheckIn or EventType.AlarmRaised or EventType.SensorReading ||
                        (type == EventType.CaseChanged && w.CaseState == CaseState.Reported);
        return needsGrid ? (null, $"gridCode or lon/lat is required for {type.ToWire()}") : (null, null);
    }

    private static (CountyEvent?, string?) Fail(string reason) => (null, reason);
}
