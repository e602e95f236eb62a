using CommandCenter.Events;
using CommandCenter.Supplies;

namespace CommandCenter.Command;

public sealed partial class CommandBoard
{
    /// <summary>
    /// 物资调拨: a depot stored a supply order's move for one of the board's incidents (open, or closed and still kept).
    /// The incident keeps each order's latest state (what the plan checklist counts per item) and its timeline the fact.
    /// The depot is the authority on stock; the board only listens.
    /// </summary>
    private void ObserveSupply(CountyEvent e)
    {
        if (e.OrderId is null) return;
        var incident = e.IncidentId is { } id ? Find(id) : FindSupplyIncident(e.OrderId);
        if (incident is null) return;
        var to = e.OrderState ?? OrderState.Ordered;
        if (to == OrderState.Ordered)
        {
            if (incident.Supplies.ContainsKey(e.OrderId)) return;
            incident.Supplies[e.OrderId] = new SupplyOrderRecord(e.OrderId, incident.Id, e.DepotId!, e.Item!, e.Quantity ?? 0, e.OccurredAt, e.Actor)
                { ChangedAt = e.OccurredAt };
            incident.Add(Entry(e, TimelineKinds.SupplyOrdered) with
                { Subject = e.OrderId, Unit = e.DepotId, UnitKind = "depot", Item = e.Item, Quantity = e.Quantity, To = to.ToWire() });
            return;
        }
        if (!incident.Supplies.TryGetValue(e.OrderId, out var o)) return;
        incident.Supplies[o.Id] = o with { State = to, ChangedAt = e.OccurredAt, DeliveredAt = to == OrderState.Done ? e.OccurredAt : o.DeliveredAt };
        incident.Add(Entry(e, TimelineKinds.SupplyOrder) with
            { Subject = o.Id, Unit = o.DepotId, UnitKind = "depot", Item = o.Item, Quantity = o.Quantity, From = o.State.ToWire(), To = to.ToWire() });
        // delivered: a plan step asking for this item may now have what it needs (预案: 物资到位)
        if (to == OrderState.Done) Fulfil(incident, e, s => s.Step.Action == Plans.PlanActions.Supplies && s.Step.Item == o.Item);
    }

    private IncidentRecord? FindSupplyIncident(string orderId) =>
        _incidents.Values.Concat(_closed).FirstOrDefault(i => i.Supplies.ContainsKey(orderId));

    /// <summary>An incident's supply orders by item, not cancelled: how much was ordered and how much delivered (for the plan checklist and the report).</summary>
    public static IReadOnlyDictionary<string, (int Ordered, int Delivered)> SuppliesByItem(IncidentRecord i) =>
        i.Supplies.Values.Where(o => o.State != OrderState.Cancelled).GroupBy(o => o.Item, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Sum(o => o.Quantity), g.Where(o => o.State == OrderState.Done).Sum(o => o.Quantity - o.Returned)),
                StringComparer.Ordinal);
}
