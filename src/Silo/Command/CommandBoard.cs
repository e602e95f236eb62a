using CommandCenter.Events;
using CommandCenter.Model;

namespace CommandCenter.Command;

/// <summary>
/// The county's command board: open incidents with their orders and timelines, whistles with their
/// report-ins, and which units are busy. Deterministic like every grain: state follows from the events.
/// </summary>
public sealed partial class CommandBoard
{
    public const int ClosedKept = 30;
    private readonly Dictionary<string, IncidentRecord> _incidents = new(StringComparer.Ordinal);
    private readonly List<IncidentRecord> _closed = [];
    private readonly Dictionary<string, WhistleRecord> _whistles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _busyUnits = new(StringComparer.Ordinal);      // unit → order
    private readonly Dictionary<string, string> _orderIncident = new(StringComparer.Ordinal);  // order → incident
    private readonly Dictionary<string, string> _linked = new(StringComparer.Ordinal);         // "alarm:id"/"case:id" → incident

    public IReadOnlyCollection<IncidentRecord> Open => _incidents.Values;
    public IReadOnlyList<IncidentRecord> RecentlyClosed => _closed;
    public IReadOnlyCollection<WhistleRecord> Whistles => _whistles.Values;
    public IncidentRecord? Find(string id) => _incidents.GetValueOrDefault(id) ?? _closed.FirstOrDefault(i => i.Id == id);
    public string? OrderOfUnit(string unitId) => _busyUnits.GetValueOrDefault(unitId);
    /// <summary>Whether an order can still move: not finished, and its incident open or its close kept it open.</summary>
    public bool IsOrderActive(string orderId) => _orderIncident.TryGetValue(orderId, out var i) && Find(i)?.Orders.GetValueOrDefault(orderId) is { } o
        && !OrderTransitions.IsTerminal(o.State);

    public static bool Handles(EventType t) => t is EventType.IncidentOpened or EventType.IncidentLinked or EventType.IncidentNote
        or EventType.IncidentUpdated or EventType.IncidentClosed or EventType.OrderChanged or EventType.WhistleBlown or EventType.ReportIn
        or EventType.PlanActivated or EventType.PlanStepDone;

    /// <summary>Applies a board event; <paramref name="isOpen"/> tells whether an alarm ("alarm:id") or case ("case:id") is open.</summary>
    public Refusal? Apply(CountyEvent e, Func<string, bool> isOpen) => e.Type switch
    {
        EventType.IncidentOpened => OpenIncident(e),
        EventType.IncidentLinked => Link(e, isOpen),
        EventType.IncidentNote => WithIncident(e, i => { i.Add(Entry(e, TimelineKinds.Note) with { Text = e.Note }); return null; }),
        EventType.IncidentClosed => CloseIncident(e),
        EventType.IncidentUpdated => UpdateIncident(e),
        EventType.OrderChanged => ChangeOrder(e),
        EventType.WhistleBlown => BlowWhistle(e),
        EventType.ReportIn => ReportIn(e),
        EventType.PlanActivated => ActivatePlan(e),
        EventType.PlanStepDone => CompleteStep(e),
        _ => new Refusal("wrong_target", $"{e.Type} is not a command board event"),
    };

    /// <summary>An alarm or case linked to an incident changed, or a depot took a supply order for it: its timeline shows it.</summary>
    public void Observe(CountyEvent e)
    {
        if (e.Type == EventType.SupplyOrderChanged) { ObserveSupply(e); return; }
        var key = e.Type == EventType.CaseChanged ? $"case:{e.CaseId}" : $"alarm:{e.AlarmId}";
        if (!_linked.TryGetValue(key, out var id) || !_incidents.TryGetValue(id, out var incident)) return;
        incident.Add(Entry(e, e.Type.ToWire()) with { Subject = e.AlarmId ?? e.CaseId, To = e.CaseState?.ToWire() });
    }

    private Refusal? OpenIncident(CountyEvent e)
    {
        if (_incidents.ContainsKey(e.IncidentId!) || _closed.Any(i => i.Id == e.IncidentId))
            return Refusal.About("incident_exists", e.IncidentId!, $"incident {e.IncidentId} already exists");
        var incident = new IncidentRecord
        {
            Id = e.IncidentId!, Title = e.Title!, Level = e.Severity!.Value, Commander = e.Commander, Streets = e.Streets ?? [],
            GridCode = e.GridCode, OpenedAt = e.OccurredAt, OpenedBy = e.Actor, DrillId = e.DrillId,
        };
        incident.Add(Entry(e, TimelineKinds.Opened) with { To = Level(e.Severity!.Value), Text = e.Title, Place = e.GridCode is { Length: > 0 } g ? g : null });
        if (e.Commander is not null) incident.Add(Entry(e, TimelineKinds.Commander) with { To = e.Commander });
        _incidents[incident.Id] = incident;
        return null;
    }

    private Refusal? Link(CountyEvent e, Func<string, bool> isOpen) => WithIncident(e, i =>
    {
        var key = e.AlarmId is not null ? $"alarm:{e.AlarmId}" : $"case:{e.CaseId}";
        var what = e.AlarmId ?? e.CaseId ?? "";
        if (!isOpen(key)) return Refusal.About(e.AlarmId is not null ? "unknown_alarm" : "unknown_case", what, $"{key.Replace(':', ' ')} is not open");
        if (_linked.TryGetValue(key, out var other))
            return new Refusal("already_linked", $"{key.Replace(':', ' ')} is already linked to incident {other}", new Dictionary<string, string> { ["id"] = what, ["incident"] = other });
        _linked[key] = i.Id;
        if (e.AlarmId is not null) i.Alarms.Add(e.AlarmId); else i.Cases.Add(e.CaseId!);
        i.Add(Entry(e, e.AlarmId is not null ? TimelineKinds.LinkedAlarm : TimelineKinds.LinkedCase) with { Subject = e.AlarmId ?? e.CaseId });
        return null;
    });

    /// <summary>调整响应: the level, commander, scope or title changes while the incident runs; one fact per change, from what to what.</summary>
    private Refusal? UpdateIncident(CountyEvent e) => WithIncident(e, i =>
    {
        var changes = new List<TimelineEntry>();
        if (e.Severity is { } level && level != i.Level)
        {
            changes.Add(Entry(e, TimelineKinds.Level) with { From = Level(i.Level), To = Level(level) });
            i.Level = level;
        }
        // empty values are not stored in the log (see EventCodec), so only non-empty ones change anything
        if (!string.IsNullOrWhiteSpace(e.Commander) && e.Commander != i.Commander)
        {
            changes.Add(Entry(e, TimelineKinds.Commander) with { From = i.Commander, To = e.Commander });
            i.Commander = e.Commander;
        }
        if (e.Streets is { Count: > 0 } scope && !scope.SequenceEqual(i.Streets))
        {
            changes.Add(Entry(e, TimelineKinds.Scope) with { From = Count(i.Streets.Count), To = Count(scope.Count), Items = [.. scope] });
            i.Streets = [.. scope];
        }
        if (!string.IsNullOrWhiteSpace(e.Title) && e.Title != i.Title)
        {
            changes.Add(Entry(e, TimelineKinds.Title) with { From = i.Title, To = e.Title });
            i.Title = e.Title;
        }
        if (changes.Count == 0) return Refusal.About("no_change", i.Id, $"incident {i.Id} already has these settings");
        foreach (var c in changes) i.Add(c);
        return null;
    });

    /// <summary>
    /// 处置结束. Orders still open are kept active when the close says so (<c>open_orders=keep</c>: their units stay busy
    /// and their states can still move); otherwise (cancelled just before by the console, or an older close that said
    /// nothing) they are let go. Departments that never arrived are on the timeline as a fact of their own.
    /// </summary>
    private Refusal? CloseIncident(CountyEvent e) => WithIncident(e, i =>
    {
        var open = i.Orders.Values.Where(o => !OrderTransitions.IsTerminal(o.State)).ToList();
        var keep = e.OpenOrders == OpenOrderChoice.Keep;
        foreach (var w in _whistles.Values.Where(w => w.IncidentId == i.Id))
            if (w.Departments.Where(d => !w.ReportIns.TryGetValue(d, out var r) || r.Arrived is null).ToList() is { Count: > 0 } absent)
                i.Add(Entry(e, TimelineKinds.NotReported) with { Subject = w.Id, Place = w.StreetCode, Items = absent });
        i.ClosedAt = e.OccurredAt;
        i.Summary = e.Note;
        // the orders the choice concerned: still open (keep), or cancelled by this action's events right before the close (cancel)
        var concerned = e.OpenOrders == OpenOrderChoice.Cancel ? CancelledJustBefore(i, e.Actor ?? e.Source).Concat(open.Select(o => o.Id)).ToList()
            : open.Select(o => o.Id).ToList();
        i.Add(Entry(e, TimelineKinds.Closed) with { Text = e.Note, To = e.OpenOrders, Items = concerned.Count > 0 ? concerned : null });
        _incidents.Remove(i.Id);
        foreach (var o in i.Orders.Values.Where(o => OrderTransitions.IsTerminal(o.State))) _orderIncident.Remove(o.Id);
        if (!keep) LetGo(i);
        foreach (var key in _linked.Where(kv => kv.Value == i.Id).Select(kv => kv.Key).ToList()) _linked.Remove(key);
        _closed.Insert(0, i);
        if (_closed.Count > ClosedKept)
        {
            LetGo(_closed[^1]);
            _closed.RemoveAt(_closed.Count - 1);
        }
        return null;
    });

    /// <summary>The orders cancelled by the same person in the facts that end the timeline (a close with open_orders=cancel follows them).</summary>
    private static IEnumerable<string> CancelledJustBefore(IncidentRecord i, string actor)
    {
        var ids = new List<string>();
        for (var k = i.Timeline.Count - 1; k >= 0; k--)
        {
            var f = i.Timeline[k];
            if (f.Kind == TimelineKinds.NotReported) continue;
            if (f.Kind != TimelineKinds.Order || f.To != "cancelled" || f.Actor != actor || f.Subject is null) break;
            ids.Insert(0, f.Subject);
        }
        return ids;
    }

    /// <summary>Frees the units of an incident's open orders: nobody will move those orders any more.</summary>
    private void LetGo(IncidentRecord i)
    {
        foreach (var o in i.Orders.Values.Where(o => !OrderTransitions.IsTerminal(o.State)))
        {
            if (_busyUnits.GetValueOrDefault(o.UnitId) == o.Id) _busyUnits.Remove(o.UnitId);
            _orderIncident.Remove(o.Id);
        }
    }

    private static string Level(int level) => level.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Refusal? WithIncident(CountyEvent e, Func<IncidentRecord, Refusal?> act) =>
        _incidents.TryGetValue(e.IncidentId!, out var i) ? act(i)
        : Refusal.About("unknown_incident", e.IncidentId!, $"incident {e.IncidentId} is not open");

    private static TimelineEntry Entry(CountyEvent e, string kind) => new(e.OccurredAt, kind, e.Actor ?? e.Source);
}
