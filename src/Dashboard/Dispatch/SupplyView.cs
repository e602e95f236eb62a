using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model;
using CommandCenter.Supplies;

namespace CommandCenter.Dispatch;

/// <summary>
/// 应急物资 as the console and the wall draw it: the county's stock by item, each depot's stock and active supply orders,
/// and every depot item below its minimum (低于最低储备). Codes and numbers only: screens name items in their language.
/// </summary>
public sealed record SupplyView(IReadOnlyList<ItemTotal> Items, IReadOnlyList<SupplyView.Depot> Depots, IReadOnlyList<SupplyView.Shortage> BelowMinimum)
{
    public sealed record Line(string Item, int OnHand, int Reserved, int Available, int Minimum, bool BelowMinimum);
    public sealed record Order(string Id, string IncidentId, string DepotId, string Item, int Quantity, string State, DateTimeOffset OrderedAt, string? OrderedBy, string[] Next);
    public sealed record Depot(string Id, string Name, string GridCode, double Lon, double Lat, IReadOnlyList<Line> Items, IReadOnlyList<Order> Orders);
    public sealed record Shortage(string DepotId, string DepotName, string Item, int Available, int Minimum);
    /// <summary>A depot near a place that has enough of an item (GET /api/v1/console/depots).</summary>
    public sealed record Nearby(string Id, string Name, double Lon, double Lat, double DistanceKm, string? Item, int? Available, IReadOnlyList<Line> Items);

    public static Line LineOf(ItemStock s) => new(s.Item, s.OnHand, s.Reserved, s.Available, s.Minimum, s.BelowMinimum);

    public static Order OrderOf(SupplyOrderRecord o) => new(o.Id, o.IncidentId, o.DepotId, o.Item, o.Quantity, o.State.ToWire(), o.OrderedAt, o.OrderedBy,
        [.. SupplyOrderTransitions.From(o.State).Select(s => s.ToWire())]);

    public static SupplyView Of(CountyModel m, CountyMap map)
    {
        var names = map.Pois.ToDictionary(p => p.Id, p => p, StringComparer.Ordinal);
        return new SupplyView(m.Supplies.Totals(),
            [.. m.Supplies.Depots.Where(d => names.ContainsKey(d.DepotId)).OrderBy(d => d.DepotId, StringComparer.Ordinal).Select(d =>
            {
                var p = names[d.DepotId];
                return new Depot(d.DepotId, p.Name, p.GridCode, p.Position.Lon, p.Position.Lat,
                    [.. SupplyItems.All.Select(i => LineOf(d.Stock(i)))],
                    [.. d.Orders.Where(o => o.Reserves).OrderBy(o => o.OrderedAt).Select(OrderOf)]);
            })],
            [.. m.Supplies.BelowMinimum().Select(b => new Shortage(b.DepotId, names.GetValueOrDefault(b.DepotId)?.Name ?? b.DepotId, b.Stock.Item, b.Stock.Available, b.Stock.Minimum))]);
    }

    /// <summary>Depots nearest <paramref name="at"/> first; with an item, only those with at least <paramref name="quantity"/> of it available.</summary>
    public static List<Nearby> Nearest(CountyModel m, CountyMap map, GeoPoint at, string? item, int quantity, int take) =>
        [.. map.Pois.Where(p => p.Kind == PoiKind.SupplyDepot)
            .Select(p => (Poi: p, Stock: m.Supplies.Find(p.Id)))
            .Where(x => x.Stock is not null && (item is null || x.Stock.Stock(item).Available >= quantity))
            .Select(x => new Nearby(x.Poi.Id, x.Poi.Name, x.Poi.Position.Lon, x.Poi.Position.Lat, Math.Round(Geometry.DistanceMetres(x.Poi.Position, at) / 1000, 2),
                item, item is null ? null : x.Stock!.Stock(item).Available, [.. SupplyItems.All.Select(i => LineOf(x.Stock!.Stock(i)))]))
            .OrderBy(n => n.DistanceKm).ThenBy(n => n.Id, StringComparer.Ordinal).Take(take)];
}
