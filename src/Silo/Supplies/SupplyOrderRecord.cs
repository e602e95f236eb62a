using CommandCenter.Events;

namespace CommandCenter.Supplies;

/// <summary>
/// A supply order (物资调拨单): <see cref="Quantity"/> of one item from one depot for an incident. Its stock is reserved
/// while it is ordered or en route, taken off the shelf when delivered, released when cancelled; goods that come back
/// after delivery are <see cref="Returned"/> (restocked).
/// </summary>
public sealed record SupplyOrderRecord(string Id, string IncidentId, string DepotId, string Item, int Quantity, DateTimeOffset OrderedAt, string? OrderedBy)
{
    public OrderState State { get; init; } = OrderState.Ordered;
    public DateTimeOffset ChangedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public int Returned { get; init; }

    /// <summary>Holds stock on the shelf for the incident (ordered or en route).</summary>
    public bool Reserves => State is OrderState.Ordered or OrderState.EnRoute;
}

/// <summary>
/// The one table of legal supply-order moves (the unit orders' states, fewer of them): 已下达 ordered → 出发 en_route →
/// 送达 done (delivered), or 取消 cancelled before delivery. Anything else is refused.
/// </summary>
public static class SupplyOrderTransitions
{
    private static readonly Dictionary<OrderState, OrderState[]> Legal = new()
    {
        [OrderState.Ordered] = [OrderState.EnRoute, OrderState.Cancelled],
        [OrderState.EnRoute] = [OrderState.Done, OrderState.Cancelled],
        [OrderState.Done] = [],
        [OrderState.Cancelled] = [],
    };

    public static IReadOnlyList<OrderState> From(OrderState s) => Legal.GetValueOrDefault(s) ?? [];
    public static bool IsLegal(OrderState from, OrderState to) => Legal.TryGetValue(from, out var next) && Array.IndexOf(next, to) >= 0;
    /// <summary>The states a supply order can be in (acknowledged and on_scene are unit-order states only).</summary>
    public static bool IsSupplyState(OrderState s) => Legal.ContainsKey(s);
}
