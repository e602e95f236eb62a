using CommandCenter.Events;
using CommandCenter.Model;

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
                if (_orderIncident.ContainsKey(e.OrderId!)) return Refusal.About("order_exists", e.OrderId!, $"order {e.OrderId} already exists");
                if (_busyUnits.TryGetValue(e.UnitId!, out var busy))
                    return new Refusal("unit_busy", $"unit {e.UnitId} is already on order {busy}", new Dictionary<string, string> { ["unit"] = e.UnitId!, ["order"] = busy });
                var order = new OrderRecord(e.OrderId!, i.Id, e.UnitId!, e.UnitKind!, e.OccurredAt,
                    e.DeadlineAt ?? e.OccurredAt + DefaultOnSceneWithin(e.UnitKind!), e.Actor) { ChangedAt = e.OccurredAt };
                i.Orders[order.Id] = order;
                _orderIncident[order.Id] = i.Id;
                _busyUnits[order.UnitId] = order.Id;
                i.Add(Entry(e, TimelineKinds.Dispatched) with { Subject = order.Id, Unit = order.UnitId, UnitKind = order.UnitKind, To = OrderState.Ordered.ToWire() });
                Fulfil(i, e, s => s.Step.Action == Plans.PlanActions.Dispatch && s.Step.UnitKind == order.UnitKind);
                return null;
            });
        // an order of a closed incident stays active when the close kept it open (open_orders=keep)
        if (!_orderIncident.TryGetValue(e.OrderId!, out var incidentId) || Find(incidentId) is not { } incident)
            return Refusal.About("unknown_order", e.OrderId!, $"order {e.OrderId} is not active");
        var o = incident.Orders[e.OrderId!];
        var was = o.State;
        if (!OrderTransitions.IsLegal(o.State, to))
            return Refusal.Illegal("order", o.Id, o.State.ToWire(), to.ToWire(), OrderTransitions.From(o.State).Select(s => s.ToWire()));
        o = o with
        {
            State = to, ChangedAt = e.OccurredAt,
            AcknowledgedAt = to == OrderState.Acknowledged ? e.OccurredAt : o.AcknowledgedAt,
            OnSceneAt = to == OrderState.OnScene ? e.OccurredAt : o.OnSceneAt,
            DoneAt = to is OrderState.Done or OrderState.Cancelled ? e.OccurredAt : o.DoneAt,
        };
        incident.Orders[o.Id] = o;
        if (OrderTransitions.IsTerminal(to))
        {
            _busyUnits.Remove(o.UnitId);
            if (incident.ClosedAt is not null) _orderIncident.Remove(o.Id);
        }
        incident.Add(Entry(e, TimelineKinds.Order) with { Subject = o.Id, Unit = o.UnitId, UnitKind = o.UnitKind, From = was.ToWire(), To = to.ToWire() });
        return null;
    }

    private Refusal? BlowWhistle(CountyEvent e)
    {
        if (_whistles.ContainsKey(e.WhistleId!)) return Refusal.About("whistle_exists", e.WhistleId!, $"whistle {e.WhistleId} already blown");
        if (e.IncidentId is not null && !_incidents.ContainsKey(e.IncidentId)) return Refusal.About("unknown_incident", e.IncidentId, $"incident {e.IncidentId} is not open");
        var w = new WhistleRecord(e.WhistleId!, e.Streets![0], e.IncidentId, e.OccurredAt, e.DeadlineAt ?? e.OccurredAt.AddMinutes(30), e.Actor, e.Departments!);
        _whistles[w.Id] = w;
        if (e.IncidentId is not null && _incidents[e.IncidentId] is { } incident)
        {
            incident.Add(Entry(e, TimelineKinds.Whistle) with { Subject = w.Id, Place = w.StreetCode, Items = w.Departments });
            Fulfil(incident, e, s => s.Step.Action == Plans.PlanActions.Notify && w.Departments.Contains(s.Step.Department ?? ""));
        }
        return null;
    }

    private Refusal? ReportIn(CountyEvent e)
    {
        if (!_whistles.TryGetValue(e.WhistleId!, out var w)) return Refusal.About("unknown_whistle", e.WhistleId!, $"whistle {e.WhistleId} was not blown");
        if (!w.Departments.Contains(e.Department!))
            return new Refusal("not_summoned", $"{e.Department} was not summoned by whistle {w.Id}", new Dictionary<string, string> { ["id"] = w.Id, ["department"] = e.Department! });
        var had = w.ReportIns.TryGetValue(e.Department!, out var r);
        var arrived = e.OrderState == OrderState.OnScene;
        if ((arrived ? r.Arrived : r.Acknowledged) is { } when)
            return new Refusal("already_reported", $"{e.Department} already {(arrived ? "arrived" : "acknowledged")} at {when:O}",
                new Dictionary<string, string> { ["id"] = w.Id, ["department"] = e.Department!, ["at"] = $"{when:O}" });
        var map = new Dictionary<string, (DateTimeOffset?, DateTimeOffset?)>(w.ReportIns)
        {
            [e.Department!] = arrived ? (r.Acknowledged ?? e.OccurredAt, e.OccurredAt) : (e.OccurredAt, r.Arrived),
        };
        _whistles[w.Id] = w with { ReportIns = map };
        if (w.IncidentId is not null && _incidents.TryGetValue(w.IncidentId, out var i))
            i.Add(Entry(e, TimelineKinds.ReportIn) with { Subject = w.Id, Items = [e.Department!], To = arrived ? "arrived" : "acknowledged" });
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
