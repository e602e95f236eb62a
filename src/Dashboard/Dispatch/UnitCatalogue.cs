using CommandCenter.Geography;
using CommandCenter.Model;

namespace CommandCenter.Dispatch;

/// <summary>
/// The units a coordinator can send: crews at police stations, fire stations and hospitals, supply depots,
/// each street's urban-management, market-supervision and sanitation teams, and grid workers on duty where
/// they last checked in. Straight-line distance and an ETA from a typical speed per kind.
/// </summary>
public sealed class UnitCatalogue
{
    public sealed record Unit(string Id, string Kind, string Name, GeoPoint Base);
    public sealed record Candidate(string Id, string Kind, string Name, double Lon, double Lat, double DistanceKm, double EtaMinutes, string? BusyOn);

    private static readonly Dictionary<string, (double Kmh, double PrepMinutes)> Speed = new()
    {
        ["police"] = (40, 1), ["fire"] = (45, 1.5), ["medical"] = (45, 2), ["depot"] = (30, 10),
        ["urban"] = (30, 5), ["market"] = (30, 5), ["sanitation"] = (25, 8), ["worker"] = (5, 0),
    };

    private readonly List<Unit> _fixed = [];
    private readonly Dictionary<string, string> _depots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Unit> _byId = new(StringComparer.Ordinal);

    public UnitCatalogue(CountyMap map)
    {
        foreach (var p in map.Pois)
        {
            if (p.Kind == PoiKind.SupplyDepot) _depots[p.Id] = p.Name;
            var (kind, crews, label) = p.Kind switch
            {
                PoiKind.PoliceStation => ("police", 2, "警组"),
                PoiKind.FireStation => ("fire", 2, "消防车"),
                PoiKind.Hospital => ("medical", 2, "救护车"),
                PoiKind.SupplyDepot => ("depot", 1, "物资车"),
                _ => ("", 0, ""),
            };
            for (var i = 1; i <= crews; i++) _fixed.Add(new Unit($"{p.Id}-{i}", kind, $"{p.Name}{label}{i}", p.Position));
        }
        foreach (var s in map.Streets)
            foreach (var (kind, name) in new[] { ("urban", "城管队"), ("market", "市场监管所"), ("sanitation", "环卫组") })
                _fixed.Add(new Unit($"{kind}-{s.Code}", kind, $"{s.Name}{name}", s.LabelPoint));
        foreach (var u in _fixed) _byId[u.Id] = u;
    }

    public IReadOnlyList<Unit> Fixed => _fixed;

    /// <summary>A supply depot (应急物资储备点) by name, else its id.</summary>
    public string DepotName(string depotId) => _depots.GetValueOrDefault(depotId) ?? depotId;

    /// <summary>Where a unit is drawn: a department unit at its station, a grid worker at their last check-in (read on the silo's loop).</summary>
    public GeoPoint? PositionOf(CountyModel m, string unitId)
    {
        if (_byId.TryGetValue(unitId, out var unit)) return unit.Base;
        if (!unitId.StartsWith("worker-", StringComparison.Ordinal)) return null;
        return m.FindWorker(unitId["worker-".Length..])?.Position;
    }

    /// <summary>What a person calls a unit: a station's crew by its name, a grid worker by the name their check-ins give, else the id (read on the silo's loop).</summary>
    public string NameOf(CountyModel m, string unitId) =>
        _byId.TryGetValue(unitId, out var unit) ? unit.Name
        : unitId.StartsWith("worker-", StringComparison.Ordinal) && m.FindWorker(unitId["worker-".Length..]) is { Name: { Length: > 0 } name } ? PersonOf(name)
        : unitId;

    /// <summary>A check-in's actor is stored as "source/name" (an outside system reports it): the person is the name.</summary>
    private static string PersonOf(string actor) => actor[(actor.IndexOf('/') + 1)..] is { Length: > 0 } name ? name : actor;

    /// <summary>Minutes a unit of <paramref name="kind"/> takes from <paramref name="from"/> to <paramref name="to"/>: getting ready, then the straight line at its typical speed.</summary>
    public static double EtaMinutes(string kind, GeoPoint from, GeoPoint to)
    {
        var (kmh, prep) = Speed.GetValueOrDefault(kind, (30, 5));
        return prep + Geometry.DistanceMetres(from, to) / 1000 / kmh * 60;
    }

    /// <summary>Every unit nearest first, with whether it is already on an order (read on the silo's loop).</summary>
    public List<Candidate> Nearest(CountyModel m, GeoPoint at, DateTimeOffset now, TimeSpan onDuty, int take)
    {
        var workers = m.ActiveGrids.SelectMany(g => g.Workers)
            .Where(w => now - w.CheckedInAt < onDuty && w.Position is not null)
            .Select(w => new Unit($"worker-{w.WorkerId}", "worker", string.IsNullOrEmpty(w.Name) ? w.WorkerId : PersonOf(w.Name), w.Position!.Value));
        return _fixed.Concat(workers)
            .Select(u =>
            {
                var km = Geometry.DistanceMetres(u.Base, at) / 1000;
                return new Candidate(u.Id, u.Kind, u.Name, u.Base.Lon, u.Base.Lat, Math.Round(km, 2), Math.Round(EtaMinutes(u.Kind, u.Base, at), 1), m.Board.OrderOfUnit(u.Id));
            })
            .OrderBy(c => c.DistanceKm).Take(take).ToList();
    }
}
