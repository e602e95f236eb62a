using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;

namespace CommandCenter.Supplies;

/// <summary>
/// Every depot's <see cref="DepotStock"/> of the county: what the mailbox engine and replay apply depot events to, and what
/// the screens hold as the depot grains publish it. Depots are the county's supply-depot points of interest.
/// </summary>
public sealed class CountySupplies
{
    private readonly Dictionary<string, DepotStock> _depots = new(StringComparer.Ordinal);

    public CountySupplies(CountyMap map)
    {
        foreach (var p in map.Pois.Where(p => p.Kind == PoiKind.SupplyDepot)) _depots[p.Id] = new DepotStock(p.Id);
    }

    public IReadOnlyCollection<DepotStock> Depots => _depots.Values;
    public DepotStock? Find(string depotId) => _depots.GetValueOrDefault(depotId);

    public Refusal? Apply(CountyEvent e) => e.DepotId is { } id && _depots.TryGetValue(id, out var depot) ? depot.Apply(e)
        : Refusal.About("unknown_depot", e.DepotId ?? "", $"depot {e.DepotId} is not a supply depot of the county");

    /// <summary>A depot's state as its grain published it replaces what was held.</summary>
    public void Replace(DepotSnapshot state)
    {
        if (_depots.ContainsKey(state.DepotId)) _depots[state.DepotId] = DepotStock.FromState(state);
    }

    /// <summary>A supply order by id, wherever it was drawn.</summary>
    public SupplyOrderRecord? FindOrder(string orderId) => _depots.Values.Select(d => d.FindOrder(orderId)).FirstOrDefault(o => o is not null);

    /// <summary>The county's stock by item (全县物资): sums over every depot, and how many depots are below their minimum.</summary>
    public List<ItemTotal> Totals() =>
        [.. SupplyItems.All.Select(item =>
        {
            var lines = _depots.Values.Select(d => d.Stock(item)).ToList();
            return new ItemTotal(item, lines.Sum(l => l.OnHand), lines.Sum(l => l.Reserved), lines.Sum(l => l.Available), lines.Sum(l => l.Minimum),
                lines.Count(l => l.BelowMinimum));
        })];

    /// <summary>低于最低储备: every depot item whose available stock is under its minimum, worst first.</summary>
    public List<(string DepotId, ItemStock Stock)> BelowMinimum() =>
        [.. _depots.Values.SelectMany(d => d.Items.Where(i => i.BelowMinimum).Select(i => (d.DepotId, i)))
            .OrderBy(x => (double)x.i.Available / x.i.Minimum).ThenBy(x => x.DepotId, StringComparer.Ordinal).ThenBy(x => x.i.Item, StringComparer.Ordinal)];

    public List<DepotSnapshot> ToState() => [.. _depots.Values.OrderBy(d => d.DepotId, StringComparer.Ordinal).Select(d => d.ToState())];

    public void Restore(IEnumerable<DepotSnapshot>? states)
    {
        foreach (var s in states ?? []) Replace(s);
    }
}

/// <summary>One item over the whole county.</summary>
public sealed record ItemTotal(string Item, int OnHand, int Reserved, int Available, int Minimum, int DepotsBelowMinimum);
