using CommandCenter.Dispatch;
using CommandCenter.Events;
using CommandCenter.Geography;
using CountyGeography = CommandCenter.Geography.CountyMap;
using CommandCenter.Live;
using CommandCenter.Model;
using CommandCenter.Supplies;
using CommandCenter.Views;

namespace CommandCenter.Maps;

/// <summary>
/// What a click on the county map shows (issue 16 "click to see"), read from the live county the screens read: a grid's
/// card (who is on duty, open alarms and cases, last patrol), a dispatched unit's, a point of interest's. Codes and times
/// only: the card components put them in the viewer's words. Null when there is no such thing.
/// </summary>
public sealed class MapCards(ILiveCounty live, CountyGeography map, UnitCatalogue units)
{
    /// <summary>Longest id a click may send (a grid code, an order or a point-of-interest id); longer is not ours.</summary>
    public const int MaxId = 128;

    public sealed record Grid(string Code, string Place, GridSummary Summary, IReadOnlyList<WorkerPresence> Workers,
        IReadOnlyList<AlarmRecord> Alarms, IReadOnlyList<CaseRecord> Cases, string? Alarm);

    public sealed record Unit(string OrderId, string UnitId, string UnitName, string UnitKind, string State, string IncidentId, string IncidentTitle,
        int IncidentLevel, bool Drill, DateTimeOffset OrderedAt, DateTimeOffset DeadlineAt, DateTimeOffset? OnSceneAt, DateTimeOffset? EtaAt, string? Place);

    public sealed record Crew(string UnitId, string Name, string? IncidentTitle, string? State);

    public sealed record Poi(string Id, string Kind, string Name, string Place, IReadOnlyList<SupplyView.Line> Stock, IReadOnlyList<Crew> Crews);

    /// <summary>"街道 · 网格" for a grid code (the page's geo.placeOf).</summary>
    public string PlaceOf(string? gridCode) => gridCode is null ? ""
        : map.Find(gridCode) is { Level: AreaLevel.Grid } grid ? $"{map.StreetOf(gridCode).Name} · {grid.Name}"
        : map.Find(gridCode)?.Name ?? gridCode;

    /// <summary>A grid's card; with <paramref name="alarm"/> (a click on an alarm) that alarm is the one marked.</summary>
    public Task<Grid?> GridAsync(string code, string? alarm, CancellationToken ct)
    {
        if (!IsId(code) || map.Find(code) is not { Level: AreaLevel.Grid }) return Task.FromResult<Grid?>(null);
        return live.ReadAsync<Grid?>(m => m.FindGrid(code) is { } g
            ? new Grid(code, PlaceOf(code), GridSummary.Of(g), [.. g.Workers.OrderByDescending(w => w.CheckedInAt)],
                [.. g.Alarms.OrderBy(a => a.RaisedAt)], [.. g.Cases.OrderBy(c => c.ReportedAt)], alarm)
            : new Grid(code, PlaceOf(code), GridSummary.Idle(code), [], [], [], alarm), ct);
    }

    /// <summary>A dispatched unit's card, by its order: its kind, state, incident, and when it is expected on scene.</summary>
    public Task<Unit?> UnitAsync(string orderId, CancellationToken ct)
    {
        if (!IsId(orderId)) return Task.FromResult<Unit?>(null);
        return live.ReadAsync(m =>
        {
            var incident = m.Board.Open.Concat(m.Board.RecentlyClosed).FirstOrDefault(i => i.Orders.ContainsKey(orderId));
            if (incident is null) return null;
            var o = incident.Orders[orderId];
            var from = units.PositionOf(m, o.UnitId);
            var to = incident.GridCode is null ? null : map.Find(incident.GridCode)?.LabelPoint;
            DateTimeOffset? eta = o.OnSceneAt is null && from is { } f && to is { } t ? o.OrderedAt.AddMinutes(UnitCatalogue.EtaMinutes(o.UnitKind, f, t)) : null;
            return new Unit(o.Id, o.UnitId, units.NameOf(m, o.UnitId), o.UnitKind, o.State.ToWire(), incident.Id, incident.Title, incident.Level,
                incident.DrillId is not null, o.OrderedAt, o.DeadlineAt, o.OnSceneAt, eta, incident.GridCode is null ? null : PlaceOf(incident.GridCode));
        }, ct);
    }

    /// <summary>A point of interest's card: its name, kind and place; a depot's stock; a station's crews and what they are on.</summary>
    public Task<Poi?> PoiAsync(string id, CancellationToken ct)
    {
        if (!IsId(id) || map.Pois.FirstOrDefault(p => p.Id == id) is not { } poi) return Task.FromResult<Poi?>(null);
        return live.ReadAsync<Poi?>(m =>
        {
            var stock = m.Supplies.Find(poi.Id) is { } depot ? SupplyItems.All.Select(i => SupplyView.LineOf(depot.Stock(i))).ToList() : [];
            var crews = units.Fixed.Where(u => u.Id.StartsWith(poi.Id + "-", StringComparison.Ordinal)).Select(u =>
            {
                var order = m.Board.OrderOfUnit(u.Id);
                var incident = order is null ? null : m.Board.Open.FirstOrDefault(i => i.Orders.ContainsKey(order));
                return new Crew(u.Id, u.Name, incident?.Title, incident?.Orders[order!].State.ToWire());
            }).ToList();
            return new Poi(poi.Id, GeoJsonVocabulary.KindName(poi.Kind), poi.Name, PlaceOf(poi.GridCode), stock, crews);
        }, ct);
    }

    private static bool IsId(string? id) => !string.IsNullOrEmpty(id) && id.Length <= MaxId;
}
