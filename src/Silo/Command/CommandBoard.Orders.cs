using CommandCenter.Events;
using CommandCenter.Grains;

namespace CommandCenter.Command;

public sealed partial class CommandBoard
{
    /// <summary>How long a unit has to be on scene when the order gives no deadline.</summary>
    public static TimeSpan DefaultOnSceneWithin(string unitKind) => unitKind switch
    {
        "fire" or "medical" => TimeSpan.FromMinutes(12),
        "police" => TimeSpan.FromMinutes(15),
        "worker" => TimeSpan.FromMinutes(20),
        _ => TimeSpan.FromMinutes(30),
    };

    private Refusal? ChangeOrder(CountyEvent e)
    {
        var to = e.OrderState!.Value;
        if (to == OrderState.Ordered)
            return WithIncident(e, i =>
            {
                if (_orderIncident.ContainsKey(e.OrderId!)) return new Refusal("order_exists", $"order {e.OrderId} already exists");
                if (_busyUnits.TryGetValue(e.UnitId!, out var busy)) return new Refusal("unit_busy", $"unit {e.UnitId} is already on order {busy}");
                var order = new OrderRecord(e.OrderId!, i.Id, e.UnitId!, e.UnitKind!, e.OccurredAt,
                    e.DeadlineAt ?? e.OccurredAt + DefaultOnSceneWithin(e.UnitKind!), e.Actor) { ChangedAt = e.OccurredAt };
                i.Orders[order.Id] = order;
                _orderIncident[order.Id] = i.Id;
                _busyUnits[order.UnitId] = order.Id;
                i.Add(Entry(e, "order", $"派遣 {e.UnitKind} {e.UnitId}", order.Id));
                return null;
            });
        if (!_orderIncident.TryGetValue(e.OrderId!, out var incidentId) || !_incidents.TryGetValue(incidentId, out var incident))
            return new Refusal("unknown_order", $"order {e.OrderId} is not active");
        var o = incident.Orders[e.OrderId!];
        if (!OrderTransitions.IsLegal(o.State, to))
            return new Refusal("illegal_transition",
                $"order {o.Id} is {o.State.ToWire()}: it can go to {string.Join(", ", OrderTransitions.From(o.State).Select(s => s.ToWire()))}, not {to.ToWire()}");
        o = o with
        {
            State = to, ChangedAt = e.OccurredAt,
            AcknowledgedAt = to == OrderState.Acknowledged ? e.OccurredAt : o.AcknowledgedAt,
            OnSceneAt = to == OrderState.OnScene ? e.OccurredAt : o.OnSceneAt,
            DoneAt = to is OrderState.Done or OrderState.Cancelled ? e.OccurredAt : o.DoneAt,
        };
        incident.Orders[o.Id] = o;
        if (OrderTransitions.IsTerminal(to)) _busyUnits.Remove(o.UnitId);
        incident.Add(Entry(e, "order", $"{o.UnitId} → {to.ToWire()}", o.Id));
        return null;
    }

    private Refusal? BlowWhistle(CountyEvent e)
    {
        if (_whistles.ContainsKey(e.WhistleId!)) return new Refusal("whistle_exists", $"whistle {e.WhistleId} already blown");
        if (e.IncidentId is not null && !_incidents.ContainsKey(e.IncidentId)) return new Refusal("unknown_incident", $"incident {e.IncidentId} is not open");
        var w = new WhistleRecord(e.WhistleId!, e.Streets![0], e.IncidentId, e.OccurredAt, e.DeadlineAt ?? e.OccurredAt.AddMinutes(30), e.Actor, e.Departments!);
        _whistles[w.Id] = w;
        if (e.IncidentId is not null) _incidents[e.IncidentId].Add(Entry(e, "whistle", $"吹哨：召集 {string.Join("、", w.Departments)}", w.Id));
        return null;
    }

    private Refusal? ReportIn(CountyEvent e)
    {
        if (!_whistles.TryGetValue(e.WhistleId!, out var w)) return new Refusal("unknown_whistle", $"whistle {e.WhistleId} was not blown");
        if (!w.Departments.Contains(e.Department!)) return new Refusal("not_summoned", $"{e.Department} was not summoned by whistle {w.Id}");
        var had = w.ReportIns.TryGetValue(e.Department!, out var r);
        var arrived = e.OrderState == OrderState.OnScene;
        if (arrived && r.Arrived is not null) return new Refusal("already_reported", $"{e.Department} already arrived at {r.Arrived:O}");
        if (!arrived && r.Acknowledged is not null) return new Refusal("already_reported", $"{e.Department} already acknowledged at {r.Acknowledged:O}");
        var map = new Dictionary<string, (DateTimeOffset?, DateTimeOffset?)>(w.ReportIns)
        {
            [e.Department!] = arrived ? (r.Acknowledged ?? e.OccurredAt, e.OccurredAt) : (e.OccurredAt, r.Arrived),
        };
        _whistles[w.Id] = w with { ReportIns = map };
        if (w.IncidentId is not null && _incidents.TryGetValue(w.IncidentId, out var i))
            i.Add(Entry(e, "report_in", $"{e.Department} {(arrived ? "已到场" : "已响应")}", w.Id));
        return null;
    }

    internal BoardState ToState() => new(
        [.. _incidents.Values], [.. _closed],
        [.. _whistles.Values.Select(w => new WhistleState(w with { ReportIns = new Dictionary<string, (DateTimeOffset?, DateTimeOffset?)>() },
            w.ReportIns.Select(r => new ReportInState(r.Key, r.Value.Acknowledged, r.Value.Arrived)).ToList()))],
        new(_busyUnits), new(_orderIncident), new(_linked));

    internal static CommandBoard FromState(BoardState s)
    {
        var c = new CommandBoard();
        foreach (var i in s.Open) c._incidents[i.Id] = i;
        c._closed.AddRange(s.Closed);
        foreach (var w in s.Whistles)
            c._whistles[w.Whistle.Id] = w.Whistle with
            {
                ReportIns = w.ReportIns.ToDictionary(r => r.Department, r => (r.Acknowledged, r.Arrived)),
            };
        foreach (var (k, v) in s.BusyUnits) c._busyUnits[k] = v;
        foreach (var (k, v) in s.OrderIncident) c._orderIncident[k] = v;
        foreach (var (k, v) in s.Linked) c._linked[k] = v;
        return c;
    }

    public CommandBoard Clone()
    {
        var c = new CommandBoard();
        foreach (var (k, v) in _incidents) c._incidents[k] = v.Clone();
        c._closed.AddRange(_closed.Select(i => i.Clone()));
        foreach (var (k, v) in _whistles) c._whistles[k] = v;
        foreach (var (k, v) in _busyUnits) c._busyUnits[k] = v;
        foreach (var (k, v) in _orderIncident) c._orderIncident[k] = v;
        foreach (var (k, v) in _linked) c._linked[k] = v;
        return c;
    }
}
