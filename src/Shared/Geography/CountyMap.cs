namespace CommandCenter.Geography;

/// <summary>
/// The county's geography: the hierarchy county → streets → communities → grids, and points of interest.
/// Immutable once built; lookups by code are dictionary lookups, point → grid goes through a spatial index.
/// </summary>
public sealed class CountyMap
{
    private readonly Dictionary<string, Area> _byCode;
    private readonly Dictionary<string, List<Area>> _children;
    private readonly GridIndex _index;

    public CountyMap(Area county, IReadOnlyList<Area> streets, IReadOnlyList<Area> communities, IReadOnlyList<Area> grids, IReadOnlyList<Poi> pois)
    {
        County = county;
        Streets = streets;
        Communities = communities;
        Grids = grids;
        Pois = pois;
        _byCode = new Dictionary<string, Area>(StringComparer.Ordinal) { [county.Code] = county };
        _children = new Dictionary<string, List<Area>>(StringComparer.Ordinal);
        foreach (var a in streets.Concat(communities).Concat(grids))
        {
            if (!_byCode.TryAdd(a.Code, a))
                throw new GeographyException($"duplicate code {a.Code} ({a.Name})");
        }
        foreach (var a in streets.Concat(communities).Concat(grids))
        {
            if (a.ParentCode is null || !_byCode.TryGetValue(a.ParentCode, out var parent) || parent.Level != a.Level - 1)
                throw new GeographyException($"{a.Level} {a.Code} ({a.Name}) has unknown parent {a.ParentCode ?? "(none)"}");
            if (!_children.TryGetValue(parent.Code, out var list)) _children[parent.Code] = list = [];
            list.Add(a);
        }
        _index = new GridIndex(grids);
    }

    public Area County { get; }
    public IReadOnlyList<Area> Streets { get; }
    public IReadOnlyList<Area> Communities { get; }
    public IReadOnlyList<Area> Grids { get; }

    /// <summary>Every area, county first, then streets, communities and grids.</summary>
    public IEnumerable<Area> AllAreas => new[] { County }.Concat(Streets).Concat(Communities).Concat(Grids);
    public IReadOnlyList<Poi> Pois { get; }

    public Area? Find(string code) => _byCode.GetValueOrDefault(code);

    public IReadOnlyList<Area> ChildrenOf(string code) =>
        _children.TryGetValue(code, out var list) ? list : [];

    /// <summary>The grid that contains the point, or null when it lies outside the county.</summary>
    public Area? LocateGrid(GeoPoint point) => _index.Locate(point);

    /// <summary>The street a grid, community or street belongs to.</summary>
    public Area StreetOf(string code) => AncestorAt(code, AreaLevel.Street);

    /// <summary>The community a grid or community belongs to.</summary>
    public Area CommunityOf(string code) => AncestorAt(code, AreaLevel.Community);

    private Area AncestorAt(string code, AreaLevel level)
    {
        var a = _byCode.GetValueOrDefault(code) ?? throw new GeographyException($"unknown area {code}");
        while (a.Level > level) a = _byCode[a.ParentCode!];
        if (a.Level != level) throw new GeographyException($"{code} is above {level}");
        return a;
    }
}

public sealed class GeographyException(string message) : Exception(message);
