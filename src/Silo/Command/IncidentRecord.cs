using CommandCenter.Events;
using CommandCenter.Supplies;

namespace CommandCenter.Command;

/// <summary>
/// One fact on an incident's timeline: what happened (<see cref="Kind"/>, a stable code), when, who, about what
/// (Subject: an alarm, case, order or whistle id; Unit and UnitKind of an order; Place: an area code), from what to
/// what, a list (departments, street codes, order ids) and text a person typed (a title, a note, a summary).
/// No words are stored: screens render a fact in the viewer's language (TimelineText in C#, board.js in the console)
/// from the UiText template <c>Tl_{Kind}</c>.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string? Actor)
{
    public string? Subject { get; init; }
    public string? Unit { get; init; }
    public string? UnitKind { get; init; }
    public string? Place { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public IReadOnlyList<string>? Items { get; init; }
    public string? Text { get; init; }
    /// <summary>A supply order's item (SupplyItems) and quantity.</summary>
    public string? Item { get; init; }
    public int? Quantity { get; init; }
}

/// <summary>The kinds of <see cref="TimelineEntry"/> (also the keys of their templates, <c>Tl_{kind}</c>).</summary>
public static class TimelineKinds
{
    public const string Opened = "opened", Commander = "commander", Level = "level", Scope = "scope", Title = "title",
        LinkedAlarm = "linked_alarm", LinkedCase = "linked_case", Note = "note", Dispatched = "dispatched", Order = "order",
        Whistle = "whistle", ReportIn = "report_in", AlarmAcknowledged = "alarm_acknowledged", AlarmCleared = "alarm_cleared",
        CaseChanged = "case_changed", NotReported = "not_reported", Closed = "closed",
        SupplyOrdered = "supply_ordered", SupplyOrder = "supply_order", // 物资调拨: ordered, then each move (from → to)
        PlanActivated = "plan_activated", PlanStep = "plan_step";       // 预案: activated (name, version), a step done (in time or late)
}

/// <summary>A dispatch order (调度指令) to one unit, with its own deadline to be on scene.</summary>
public sealed record OrderRecord(string Id, string IncidentId, string UnitId, string UnitKind, DateTimeOffset OrderedAt, DateTimeOffset DeadlineAt, string? OrderedBy)
{
    public OrderState State { get; init; } = OrderState.Ordered;
    public DateTimeOffset ChangedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public DateTimeOffset? OnSceneAt { get; init; }
    public DateTimeOffset? DoneAt { get; init; }
    /// <summary>Not on scene (or finished) by the deadline.</summary>
    public bool IsOverdue(DateTimeOffset now) => !OrderTransitions.IsTerminal(State) && OnSceneAt is null && now > DeadlineAt;
}

/// <summary>
/// An incident (事件处置): level I–IV, a commander, a scope; the alarms and cases linked to it, the orders
/// sent for it, and its timeline. Mutable, owned by the <see cref="CommandBoard"/>; cloned for replay.
/// </summary>
public sealed class IncidentRecord
{
    public const int TimelineMax = 500;
    public required string Id { get; init; }
    public required string Title { get; set; }
    public required int Level { get; set; }
    public string? Commander { get; set; }
    public IReadOnlyList<string> Streets { get; set; } = [];
    public string? GridCode { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public string? OpenedBy { get; init; }
    public string? DrillId { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Summary { get; set; }
    public HashSet<string> Alarms { get; init; } = [];
    public HashSet<string> Cases { get; init; } = [];
    public Dictionary<string, OrderRecord> Orders { get; init; } = new();
    /// <summary>Supply orders (物资调拨单) for this incident, as their depots reported them (order id → latest state).</summary>
    public Dictionary<string, SupplyOrderRecord> Supplies { get; init; } = new();
    public List<TimelineEntry> Timeline { get; init; } = [];
    /// <summary>Response plans activated on the incident, with their checklists (预案).</summary>
    public List<ActivePlan> Plans { get; init; } = [];

    public void Add(TimelineEntry entry)
    {
        Timeline.Add(entry);
        if (Timeline.Count > TimelineMax) Timeline.RemoveAt(0);
    }

    public IncidentRecord Clone() => new()
    {
        Id = Id, Title = Title, Level = Level, Commander = Commander, Streets = Streets, GridCode = GridCode, OpenedAt = OpenedAt,
        OpenedBy = OpenedBy, DrillId = DrillId, ClosedAt = ClosedAt, Summary = Summary, Alarms = [.. Alarms], Cases = [.. Cases],
        Orders = new Dictionary<string, OrderRecord>(Orders), Supplies = new Dictionary<string, SupplyOrderRecord>(Supplies), Timeline = [.. Timeline],
        Plans = [.. Plans],
    };
}

/// <summary>A whistle (街乡吹哨): a street summons departments, who must report in (报到) by the deadline.</summary>
public sealed record WhistleRecord(string Id, string StreetCode, string? IncidentId, DateTimeOffset BlownAt, DateTimeOffset DeadlineAt,
    string? BlownBy, IReadOnlyList<string> Departments)
{
    /// <summary>Department → when it acknowledged and when it arrived.</summary>
    public IReadOnlyDictionary<string, (DateTimeOffset? Acknowledged, DateTimeOffset? Arrived)> ReportIns { get; init; } =
        new Dictionary<string, (DateTimeOffset?, DateTimeOffset?)>();

    public bool IsLate(string department, DateTimeOffset now) =>
        now > DeadlineAt && (!ReportIns.TryGetValue(department, out var r) || r.Arrived is null || r.Arrived > DeadlineAt);
}
