using CommandCenter.Command;
using CommandCenter.Events;
using CommandCenter.Model;

namespace CommandCenter.Dispatch;

/// <summary>The command board as the console draws it: incidents with orders and timelines, whistles with who reported in.</summary>
public sealed record BoardView(IReadOnlyList<BoardView.Incident> Incidents, IReadOnlyList<BoardView.Whistle> Whistles)
{
    /// <summary>An order; Next is empty once nobody can move it (finished, or let go when its incident closed).</summary>
    public sealed record Order(string Id, string UnitId, string UnitName, string UnitKind, string State, DateTimeOffset OrderedAt, DateTimeOffset DeadlineAt,
        DateTimeOffset? OnSceneAt, string[] Next, double? Lon, double? Lat);
    public sealed record CaseLink(string Id, string State, string[] Next);
    /// <summary>A supply order (物资调拨单) for the incident; Next is empty once delivered or cancelled.</summary>
    public sealed record Supply(string Id, string DepotId, string DepotName, string Item, int Quantity, string State, DateTimeOffset OrderedAt, string[] Next);
    public sealed record Incident(string Id, string Title, int Level, string? Commander, IReadOnlyList<string> Streets, string? Grid, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
        string? Summary, bool Drill, IReadOnlyList<string> Alarms, IReadOnlyList<CaseLink> Cases, IReadOnlyList<Order> Orders, IReadOnlyList<TimelineEntry> Timeline,
        IReadOnlyList<Supply> Supplies, IReadOnlyList<Plan> Plans);
    /// <summary>A plan activated on the incident (预案) and its checklist; a step's state (pending / done / overdue) the screens work out from DueAt.</summary>
    public sealed record Plan(string Id, int Version, string Name, DateTimeOffset ActivatedAt, string? ActivatedBy, IReadOnlyList<Step> Steps);
    public sealed record Step(string Id, string Action, string Title, string Role, int WithinMinutes, DateTimeOffset DueAt, DateTimeOffset? DoneAt, string? DoneBy,
        IReadOnlyList<string>? Links, string? Note)
    {
        /// <summary>What the step asks for, by action: the department to notify, the unit kind and count, the item and quantity.</summary>
        public string? Department { get; init; }
        public string? UnitKind { get; init; }
        public int? Count { get; init; }
        public string? Item { get; init; }
        public int? Quantity { get; init; }
    }
    public sealed record ReportIn(string Department, DateTimeOffset? Acknowledged, DateTimeOffset? Arrived);
    public sealed record Whistle(string Id, string Street, string? IncidentId, DateTimeOffset BlownAt, DateTimeOffset DeadlineAt, IReadOnlyList<ReportIn> Departments);

    /// <summary>An open incident's plans as the wall's and replay's "plans in action" panel draws them.</summary>
    public sealed record PlanCard(string Id, string Title, IReadOnlyList<Plan> Plans);

    public static IReadOnlyList<Plan> PlansOf(IncidentRecord i) => i.Plans.Select(p => new Plan(p.PlanId, p.Version, p.Name, p.ActivatedAt, p.ActivatedBy,
        p.Steps.Select(s => new Step(s.Step.Id, s.Step.Action, s.Step.Title, s.Step.Role, s.Step.WithinMinutes, s.DueAt, s.DoneAt, s.DoneBy, s.Links, s.Note)
        {
            Department = s.Step.Department, UnitKind = s.Step.UnitKind, Count = s.Step.Count, Item = s.Step.Item, Quantity = s.Step.Quantity,
        }).ToList())).ToList();

    /// <summary>Every open incident with an activated plan, oldest first.</summary>
    public static List<PlanCard> PlanCards(CountyModel m) =>
        m.Board.Open.Where(i => i.Plans.Count > 0).OrderBy(i => i.OpenedAt).Select(i => new PlanCard(i.Id, i.Title, PlansOf(i))).ToList();

    public static BoardView Of(CountyModel m, UnitCatalogue units)
    {
        Incident Map(IncidentRecord i) => new(i.Id, i.Title, i.Level, i.Commander, i.Streets, i.GridCode, i.OpenedAt, i.ClosedAt, i.Summary, i.DrillId is not null,
            [.. i.Alarms], i.Cases.Select(c => CaseOf(m, c)).ToList(),
            i.Orders.Values.OrderBy(o => o.OrderedAt).Select(OrderOf).ToList(),
            i.Timeline.TakeLast(60).ToList(),
            i.Supplies.Values.OrderBy(o => o.OrderedAt).Select(o => new Supply(o.Id, o.DepotId, units.DepotName(o.DepotId), o.Item, o.Quantity, o.State.ToWire(), o.OrderedAt,
                [.. Supplies.SupplyOrderTransitions.From(o.State).Select(s => s.ToWire())])).ToList(),
            PlansOf(i));
        Order OrderOf(OrderRecord o)
        {
            var at = units.PositionOf(m, o.UnitId);
            return new Order(o.Id, o.UnitId, units.NameOf(m, o.UnitId), o.UnitKind, o.State.ToWire(), o.OrderedAt, o.DeadlineAt, o.OnSceneAt,
                m.Board.IsOrderActive(o.Id) ? OrderTransitions.From(o.State).Select(s => s.ToWire()).ToArray() : [], at?.Lon, at?.Lat);
        }
        static CaseLink CaseOf(CountyModel m, string id) =>
            m.GridOfCase(id) is { } g && m.FindGrid(g)?.FindCase(id) is { } c
                ? new CaseLink(id, c.State.ToWire(), CaseTransitions.From(c.State).Select(s => s.ToWire()).ToArray())
                : new CaseLink(id, "closed", []);
        return new BoardView(
            [.. m.Board.Open.OrderByDescending(i => i.OpenedAt).Select(Map), .. m.Board.RecentlyClosed.Take(5).Select(Map)],
            m.Board.Whistles.OrderByDescending(w => w.BlownAt).Take(20).Select(w => new Whistle(w.Id, w.StreetCode, w.IncidentId, w.BlownAt, w.DeadlineAt,
                w.Departments.Select(d => w.ReportIns.TryGetValue(d, out var r) ? new ReportIn(d, r.Acknowledged, r.Arrived) : new ReportIn(d, null, null)).ToList())).ToList());
    }
}
