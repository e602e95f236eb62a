using CommandCenter.Events;
using CommandCenter.Grains;

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

    public static bool Handles(EventType t) => t is EventType.IncidentOpened or EventType.IncidentLinked or EventType.IncidentNote
        or EventType.IncidentUpdated or EventType.IncidentClosed or EventType.OrderChanged or EventType.WhistleBlown or EventType.ReportIn;

    /// <summary>Applies a board event; <paramref name="isOpen"/> tells whether an alarm ("alarm:id") or case ("case:id") is open.</summary>
    public Refusal? Apply(CountyEvent e, Func<string, bool> isOpen) => e.Type switch
    {
        EventType.IncidentOpened => OpenIncident(e),
        EventType.IncidentLinked => Link(e, isOpen),
        EventType.IncidentNote => WithIncident(e, i => { i.Add(Entry(e, "note", e.Note!)); return null; }),
        EventType.IncidentClosed => CloseIncident(e),
        EventType.IncidentUpdated => UpdateIncident(e),
        EventType.OrderChanged => ChangeOrder(e),
        EventType.WhistleBlown => BlowWhistle(e),
        EventType.ReportIn => ReportIn(e),
        _ => new Refusal("wrong_target", $"{e.Type} is not a command board event"),
    };

    /// <summary>An alarm or case linked to an incident changed: its timeline shows it.</summary>
    public void Observe(CountyEvent e)
    {
        var key = e.Type == EventType.CaseChanged ? $"case:{e.CaseId}" : $"alarm:{e.AlarmId}";
        if (!_linked.TryGetValue(key, out var id) || !_incidents.TryGetValue(id, out var incident)) return;
        var text = e.Type switch
        {
            EventType.AlarmAcknowledged => $"告警 {e.AlarmId} 已确认",
            EventType.AlarmCleared => $"告警 {e.AlarmId} 已解除",
            EventType.CaseChanged => $"案件 {e.CaseId} → {e.CaseState!.Value.ToWire()}",
            _ => e.Type.ToWire(),
        };
        incident.Add(Entry(e, e.Type.ToWire(), text, e.AlarmId ?? e.CaseId));
    }

    private Refusal? OpenIncident(CountyEvent e)
    {
        if (_incidents.ContainsKey(e.IncidentId!) || _closed.Any(i => i.Id == e.IncidentId))
            return new Refusal("incident_exists", $"incident {e.IncidentId} already exists");
        var incident = new IncidentRecord
        {
            Id = e.IncidentId!, Title = e.Title!, Level = e.Severity!.Value, Commander = e.Commander, Streets = e.Streets ?? [],
            GridCode = e.GridCode, OpenedAt = e.OccurredAt, OpenedBy = e.Actor, DrillId = e.DrillId,
        };
        incident.Add(Entry(e, "opened", $"启动 {Severity.Roman(e.Severity!.Value)} 级响应：{e.Title}" + (e.Commander is null ? "" : $"，指挥长 {e.Commander}")));
        _incidents[incident.Id] = incident;
        return null;
    }

    private Refusal? Link(CountyEvent e, Func<string, bool> isOpen) => WithIncident(e, i =>
    {
        var key = e.AlarmId is not null ? $"alarm:{e.AlarmId}" : $"case:{e.CaseId}";
        if (!isOpen(key)) return new Refusal(e.AlarmId is not null ? "unknown_alarm" : "unknown_case", $"{key.Replace(':', ' ')} is not open");
        if (_linked.TryGetValue(key, out var other)) return new Refusal("already_linked", $"{key.Replace(':', ' ')} is already linked to incident {other}");
        _linked[key] = i.Id;
        if (e.AlarmId is not null) i.Alarms.Add(e.AlarmId); else i.Cases.Add(e.CaseId!);
        i.Add(Entry(e, "linked", $"关联 {(e.AlarmId is not null ? "告警 " + e.AlarmId : "案件 " + e.CaseId)}", e.AlarmId ?? e.CaseId));
        return null;
    });

    /// <summary>调整响应: the level, commander, scope or title changes while the incident runs; the timeline says from what to what.</summary>
    private Refusal? UpdateIncident(CountyEvent e) => WithIncident(e, i =>
    {
        var changes = new List<string>();
        if (e.Severity is { } level && level != i.Level)
        {
            changes.Add($"响应级别 {Severity.Roman(i.Level)} → {Severity.Roman(level)}");
            i.Level = level;
        }
        // empty values are not stored in the log (see EventCodec), so only non-empty ones change anything
        if (!string.IsNullOrWhiteSpace(e.Commander) && e.Commander != i.Commander)
        {
            changes.Add($"指挥长 {i.Commander ?? "—"} → {e.Commander}");
            i.Commander = e.Commander;
        }
        if (e.Streets is { Count: > 0 } scope && !scope.SequenceEqual(i.Streets))
        {
            changes.Add($"范围 {i.Streets.Count} → {scope.Count} 个街道");
            i.Streets = [.. scope];
        }
        if (!string.IsNullOrWhiteSpace(e.Title) && e.Title != i.Title)
        {
            changes.Add($"名称 {i.Title} → {e.Title}");
            i.Title = e.Title;
        }
        if (changes.Count == 0) return new Refusal("no_change", $"incident {i.Id} already has these settings");
        i.Add(Entry(e, "updated", "调整响应：" + string.Join("；", changes)));
        return null;
    });

    private Refusal? CloseIncident(CountyEvent e) => WithIncident(e, i =>
    {
        i.ClosedAt = e.OccurredAt;
        i.Summary = e.Note;
        i.Add(Entry(e, "closed", "处置结束" + (e.Note is null ? "" : $"：{e.Note}")));
        _incidents.Remove(i.Id);
        foreach (var o in i.Orders.Values.Where(o => !OrderTransitions.IsTerminal(o.State))) _busyUnits.Remove(o.UnitId);
        foreach (var key in _linked.Where(kv => kv.Value == i.Id).Select(kv => kv.Key).ToList()) _linked.Remove(key);
        _closed.Insert(0, i);
        if (_closed.Count > ClosedKept) _closed.RemoveAt(_closed.Count - 1);
        return null;
    });

    private Refusal? WithIncident(CountyEvent e, Func<IncidentRecord, Refusal?> act) =>
        _incidents.TryGetValue(e.IncidentId!, out var i) ? act(i)
        : new Refusal("unknown_incident", $"incident {e.IncidentId} is not open");

    private static TimelineEntry Entry(CountyEvent e, string kind, string text, string? reference = null) =>
        new(e.OccurredAt, kind, e.Actor ?? e.Source, text, reference);
}
