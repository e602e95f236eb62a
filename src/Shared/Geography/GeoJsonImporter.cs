using System.Text.Json;

namespace CommandCenter.Geography;

/// <summary>
/// Builds a <see cref="CountyMap"/> from a user's own GeoJSON FeatureCollection(s): one county, its
/// streets (街道/乡镇), communities (社区/村) and grids (网格) as Polygon/MultiPolygon features, and
/// optionally points of interest as Point features with level "poi". Features may be spread over
/// several files in any order. All problems are collected and thrown as one
/// <see cref="GeographyException"/> that names each offending feature (source, index, code, name).
/// </summary>
public static class GeoJsonImporter
{
    public static CountyMap FromString(string json, GeoJsonImportOptions? options = null) => FromStrings([json], options);

    public static CountyMap FromStrings(IEnumerable<string> json, GeoJsonImportOptions? options = null) =>
        ImportStrings(json, options).Map;

    public static CountyMap FromStream(Stream stream, GeoJsonImportOptions? options = null) => FromStreams([stream], options);

    public static CountyMap FromStreams(IEnumerable<Stream> streams, GeoJsonImportOptions? options = null) =>
        ImportStreams(streams, options).Map;

    /// <summary>Reads files; errors name the file.</summary>
    public static CountyMap FromFiles(IEnumerable<string> paths, GeoJsonImportOptions? options = null) =>
        Import(paths.Select(p => (Path.GetFileName(p), (Func<JsonDocument>)(() =>
        {
            using var stream = File.OpenRead(p);
            return JsonDocument.Parse(stream);
        }))), options).Map;

    /// <summary>The map and what the importer changed or filled in on the way (repairs, codes, levels).</summary>
    public static GeoJsonImport ImportStrings(IEnumerable<string> json, GeoJsonImportOptions? options = null) =>
        Import(json.Select((text, i) => ($"source {i + 1}", (Func<JsonDocument>)(() => JsonDocument.Parse(text)))), options);

    public static GeoJsonImport ImportStreams(IEnumerable<Stream> streams, GeoJsonImportOptions? options = null) =>
        Import(streams.Select((s, i) => ($"source {i + 1}", (Func<JsonDocument>)(() => JsonDocument.Parse(s)))), options);

    private static GeoJsonImport Import(IEnumerable<(string Source, Func<JsonDocument> Parse)> sources, GeoJsonImportOptions? options)
    {
        var o = options ?? GeoJsonImportOptions.Default;
        var errors = new List<string>();
        (AreaLevel, bool)? defaultLevel = null;
        if (!string.IsNullOrWhiteSpace(o.DefaultLevel))
        {
            if (GeoJsonVocabulary.TryParseLevel(o.DefaultLevel, out var level, out var poi)) defaultLevel = (level, poi);
            else errors.Add($"unknown default level '{o.DefaultLevel}' (expected county/street/community/grid/poi)");
        }
        var features = new List<GeoJsonFeature>();
        foreach (var (source, parse) in sources)
        {
            try
            {
                using var document = parse();
                var root = document.RootElement;
                var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (type == "Feature")
                    Add(GeoJsonFeature.Read(root, source, 0, o, defaultLevel, errors));
                else if (type == "FeatureCollection" && root.TryGetProperty("features", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    var position = 0;
                    foreach (var feature in list.EnumerateArray()) Add(GeoJsonFeature.Read(feature, source, position++, o, defaultLevel, errors));
                }
                else errors.Add($"{source}: not a GeoJSON FeatureCollection");
            }
            catch (JsonException e)
            {
                errors.Add($"{source}: invalid JSON ({e.Message})");
            }
        }
        void Add(GeoJsonFeature? f) { if (f is not null) features.Add(f); }

        var areas = features.Where(f => !f.IsPoi).ToList();
        var pois = features.Where(f => f.IsPoi).ToList();
        var countyBuilt = errors.Count == 0 && CountyOfStreets.Build(areas, o) is { } built0 && Prepend(areas, built0);
        var parentsDefaulted = DefaultStreetParents(areas);
        var byCode = FirstByCode(areas, errors);
        FirstByCode(pois, errors);
        CheckCounty(areas, errors);
        CheckParents(areas, byCode, errors);
        Throw(errors, o);

        Area ToArea(GeoJsonFeature f) => new(f.Code!, f.Name!, f.Level, f.Level == AreaLevel.County ? null : f.Parent, f.Shape!,
            f.Label is { } label && Geometry.Contains(f.Shape!, label) ? label : AreaLabel.PoleOfInaccessibility(f.Shape!));
        var built = areas.Select(ToArea).ToList();
        var repairs = areas.SelectMany(f => f.Repairs.Select(n => new GeometryRepair(f.Source, f.Index, f.Code!, f.Name!, n.Kind, n.Where,
            n.At.Lon, n.At.Lat, n.Spikes, n.PolygonsAfter, n.HolesAfter, Geometry.AreaKm2(f.Shape!)))).ToList();
        var grids = built.Where(a => a.Level == AreaLevel.Grid).ToList();

        // Each POI stands in the grid that contains it (网格归属).
        var index = new GridIndex(grids);
        var placed = new List<Poi>();
        foreach (var f in pois)
        {
            if (index.Locate(f.Point!.Value) is { } grid) placed.Add(new Poi(f.Code!, f.Kind, f.Name!, f.Point.Value, grid.Code));
            else errors.Add($"{f.Describe()}: position {f.Point} lies outside every grid");
        }
        Throw(errors, o);

        var map = new CountyMap(
            built.Single(a => a.Level == AreaLevel.County),
            built.Where(a => a.Level == AreaLevel.Street).ToList(),
            built.Where(a => a.Level == AreaLevel.Community).ToList(),
            grids,
            placed);
        return new GeoJsonImport(map, repairs, features.Count(f => f.CodeFromId), features.Count(f => f.LevelDefaulted),
            parentsDefaulted, countyBuilt);
    }

    private static bool Prepend(List<GeoJsonFeature> areas, GeoJsonFeature county)
    {
        areas.Insert(0, county);
        return true;
    }

    /// <summary>Streets that name no parent belong to the one county (when there is exactly one).</summary>
    private static int DefaultStreetParents(List<GeoJsonFeature> areas)
    {
        var counties = areas.Where(f => f.Level == AreaLevel.County).ToList();
        if (counties.Count != 1) return 0;
        var count = 0;
        for (var i = 0; i < areas.Count; i++)
            if (areas[i] is { Level: AreaLevel.Street, Parent: null } street)
            {
                areas[i] = street with { Parent = counties[0].Code };
                count++;
            }
        return count;
    }

    private static Dictionary<string, GeoJsonFeature> FirstByCode(List<GeoJsonFeature> features, List<string> errors)
    {
        var byCode = new Dictionary<string, GeoJsonFeature>(StringComparer.Ordinal);
        foreach (var f in features)
            if (!byCode.TryAdd(f.Code!, f))
                errors.Add($"{f.Describe()}: duplicate code {f.Code} (already used by {byCode[f.Code!].Describe()})");
        return byCode;
    }

    private static void CheckCounty(List<GeoJsonFeature> areas, List<string> errors)
    {
        var counties = areas.Where(f => f.Level == AreaLevel.County).ToList();
        if (counties.Count == 0) errors.Add("missing county: no feature has level county (县/区) (name the county to build it from the streets)");
        foreach (var extra in counties.Skip(1))
            errors.Add($"{extra.Describe()}: more than one county (the first is {counties[0].Describe()})");
    }

    private static void CheckParents(List<GeoJsonFeature> areas, Dictionary<string, GeoJsonFeature> byCode, List<string> errors)
    {
        foreach (var f in areas.Where(f => f.Level != AreaLevel.County && f.Parent is not null))
        {
            if (!byCode.TryGetValue(f.Parent!, out var parent))
                errors.Add($"{f.Describe()}: unknown parent {f.Parent}");
            else if (parent.Level != f.Level - 1)
                errors.Add($"{f.Describe()}: parent {f.Parent} is a {GeoJsonVocabulary.LevelName(parent.Level)}, " +
                           $"but a {GeoJsonVocabulary.LevelName(f.Level)}'s parent must be a {GeoJsonVocabulary.LevelName(f.Level - 1)}");
        }
    }

    private static void Throw(List<string> errors, GeoJsonImportOptions o)
    {
        if (errors.Count == 0) return;
        var listed = errors.Take(o.MaxErrorsListed).Select(e => "  - " + e);
        var more = errors.Count > o.MaxErrorsListed ? $"\n  … and {errors.Count - o.MaxErrorsListed} more" : "";
        throw new GeographyException($"GeoJSON import failed with {errors.Count} error(s):\n{string.Join("\n", listed)}{more}");
    }
}

/// <summary>
/// What an import produced: the map, each geometry repair (per feature), how many codes were taken from the
/// feature id, how many levels from the default level, how many streets were given the county as parent, and
/// whether the county was built from the streets.
/// </summary>
public sealed record GeoJsonImport(
    CountyMap Map, IReadOnlyList<GeometryRepair> Repairs, int CodesFromFeatureId, int LevelsDefaulted,
    int StreetParentsDefaulted, bool CountyBuilt);
