using System.Globalization;
using CommandCenter.Events;
using CommandCenter.Model;

namespace CommandCenter.Supplies;

/// <summary>
/// One depot's reserves (应急物资储备点): stock per item and the supply orders drawn on it. Every change is an event applied
/// here, one at a time, so stock is never promised twice: an order is refused (<c>insufficient_stock</c>, with what is left)
/// when less is available than it asks. Pure and deterministic (no clock): the depot grain and the county model both run it.
/// </summary>
public sealed class DepotStock(string depotId)
{
    /// <summary>Finished (delivered or cancelled) orders kept for returns and screens; older ones are forgotten.</summary>
    public const int FinishedKept = 200;

    private readonly Dictionary<string, ItemStock> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SupplyOrderRecord> _orders = new(StringComparer.Ordinal);
    private readonly Queue<string> _finished = new();

    public string DepotId { get; } = depotId;
    public IReadOnlyCollection<ItemStock> Items => _items.Values;
    public IReadOnlyCollection<SupplyOrderRecord> Orders => _orders.Values;
    public ItemStock Stock(string item) => _items.GetValueOrDefault(item) ?? new ItemStock(item, 0, 0, 0);
    public SupplyOrderRecord? FindOrder(string orderId) => _orders.GetValueOrDefault(orderId);

    public static bool Handles(EventType t) => t is EventType.StockChanged or EventType.SupplyOrderChanged;

    /// <summary>Applies a stock change or supply-order move of this depot, or says why not (nothing changes then).</summary>
    public Refusal? Apply(CountyEvent e)
    {
        if (e.DepotId != DepotId) return Refusal.About("wrong_depot", e.DepotId ?? "", $"event for depot {e.DepotId} sent to depot {DepotId}");
        if (!SupplyItems.IsKnown(e.Item) && !(e.Type == EventType.SupplyOrderChanged && e.OrderState != OrderState.Ordered))
            return Refusal.About("unknown_item", e.Item ?? "", $"item '{e.Item}' is not one of {string.Join(", ", SupplyItems.All)}");
        if (e.Quantity is < 0 or > SupplyItems.MaxQuantity)
            return Refusal.About("bad_quantity", N(e.Quantity ?? 0), $"quantity must be 0–{SupplyItems.MaxQuantity}");
        return e.Type switch
        {
            EventType.StockChanged => ChangeStock(e),
            EventType.SupplyOrderChanged => e.OrderState == OrderState.Ordered ? Reserve(e) : MoveOrder(e),
            _ => new Refusal("wrong_target", $"{e.Type} is not a depot event"),
        };
    }

    private Refusal? ChangeStock(CountyEvent e)
    {
        var item = e.Item!;
        var s = Stock(item);
        var q = e.Quantity ?? 0;
        switch (e.StockChange)
        {
            case StockChanges.Counted: _items[item] = s with { OnHand = q }; return null;                 // 盘点
            case StockChanges.Minimum: _items[item] = s with { Minimum = q }; return null;                // 最低储备
            case StockChanges.Restocked:                                                                 // 补充
                if (q == 0) return Refusal.About("bad_quantity", "0", "a restock adds at least 1");
                _items[item] = s with { OnHand = s.OnHand + q };
                return null;
            case StockChanges.Returned:                                                                  // 归还
                if (e.OrderId is null || !_orders.TryGetValue(e.OrderId, out var o) || o.State != OrderState.Done)
                    return Refusal.About("unknown_order", e.OrderId ?? "", $"no delivered supply order {e.OrderId} at depot {DepotId}");
                if (o.Item != item) return Refusal.About("wrong_item", o.Item, $"supply order {o.Id} was for {o.Item}, not {item}");
                if (q == 0 || q > o.Quantity - o.Returned)
                    return new Refusal("too_many_returned", $"supply order {o.Id} can return at most {o.Quantity - o.Returned} {item}",
                        Args(("id", o.Id), ("item", item), ("left", N(o.Quantity - o.Returned))));
                _orders[o.Id] = o with { Returned = o.Returned + q, ChangedAt = e.OccurredAt };
                _items[item] = s with { OnHand = s.OnHand + q };
                return null;
            default:
                return Refusal.About("unknown_change", e.StockChange ?? "", $"stockChange '{e.StockChange}' is not one of {string.Join(", ", StockChanges.All)}");
        }
    }

    /// <summary>下达: reserves the stock, or refuses with what is available.</summary>
    private Refusal? Reserve(CountyEvent e)
    {
        if (string.IsNullOrEmpty(e.OrderId) || string.IsNullOrEmpty(e.IncidentId))
            return new Refusal("missing_field", "a supply order needs orderId and incidentId");
        if (_orders.ContainsKey(e.OrderId)) return Refusal.About("order_exists", e.OrderId, $"supply order {e.OrderId} already exists");
        var item = e.Item!;
        var q = e.Quantity ?? 0;
        if (q == 0) return Refusal.About("bad_quantity", "0", "a supply order takes at least 1");
        var s = Stock(item);
        if (s.Available < q)
            return new Refusal("insufficient_stock", $"depot {DepotId} has {s.Available} {item} available, not {q}",
                Args(("depot", DepotId), ("item", item), ("available", N(s.Available)), ("requested", N(q))));
        _items[item] = s with { Reserved = s.Reserved + q };
        _orders[e.OrderId] = new SupplyOrderRecord(e.OrderId, e.IncidentId, DepotId, item, q, e.OccurredAt, e.Actor) { ChangedAt = e.OccurredAt };
        return null;
    }

    /// <summary>出发 / 送达 / 取消: delivery takes the goods off the shelf, both end the reservation.</summary>
    private Refusal? MoveOrder(CountyEvent e)
    {
        if (e.OrderId is null || !_orders.TryGetValue(e.OrderId, out var o))
            return Refusal.About("unknown_order", e.OrderId ?? "", $"supply order {e.OrderId} is not at depot {DepotId}");
        var to = e.OrderState!.Value;
        if (!SupplyOrderTransitions.IsLegal(o.State, to))
            return Refusal.Illegal("supply order", o.Id, o.State.ToWire(), to.ToWire(), SupplyOrderTransitions.From(o.State).Select(s => s.ToWire()));
        var s = Stock(o.Item);
        if (to is OrderState.Done or OrderState.Cancelled)
        {
            // a count may have found less than was reserved: the shelf never goes below zero
            var onHand = to == OrderState.Done ? Math.Max(0, s.OnHand - o.Quantity) : s.OnHand;
            _items[o.Item] = s with { OnHand = onHand, Reserved = Math.Max(0, s.Reserved - o.Quantity) };
            Finished(o.Id);
        }
        _orders[o.Id] = o with { State = to, ChangedAt = e.OccurredAt, DeliveredAt = to == OrderState.Done ? e.OccurredAt : o.DeliveredAt };
        return null;
    }

    private void Finished(string orderId)
    {
        _finished.Enqueue(orderId);
        while (_finished.Count > FinishedKept) _orders.Remove(_finished.Dequeue());
    }

    public DepotSnapshot ToState() => new(DepotId, [.. _items.Values.OrderBy(i => i.Item, StringComparer.Ordinal)],
        [.. _orders.Values.OrderBy(o => o.OrderedAt).ThenBy(o => o.Id, StringComparer.Ordinal)]);

    public static DepotStock FromState(DepotSnapshot state)
    {
        var d = new DepotStock(state.DepotId);
        foreach (var i in state.Items) d._items[i.Item] = i;
        foreach (var o in state.Orders)
        {
            d._orders[o.Id] = o;
            if (!o.Reserves) d._finished.Enqueue(o.Id);
        }
        return d;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static Dictionary<string, string> Args(params (string Key, string Value)[] args) => args.ToDictionary(a => a.Key, a => a.Value);
}
