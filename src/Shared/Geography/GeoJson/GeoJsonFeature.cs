using System.Text.Json;

namespace CommandCenter.Geography;

/// <summary>
/// One feature as read from a user's GeoJSON, before cross-checks. Shape/Point is null when the
/// geometry was rejected; the feature still takes part in duplicate and parent checks.
/// </summary>
internal sealed record GeoJsonFeature(
    string Source, int Index, string? Code, string? Name, bool IsPoi, AreaLevel Level, string? Parent,
    AreaShape? Shape, GeoPoint? Point, PoiKind Kind, GeoPoint? Label)
{
    /// <summary>Changes made to the geometry instead of refusing it.</summary>
    public IReadOnlyList<RepairNote> Repairs { get; init; } = [];

    /// <summary>The code came from the feature-level id; the level from the default level.</summary>
    public bool CodeFromId { get; init; }
    public bool LevelDefaulted { get; init; }

    /// <summary>How errors name the feature: source, index in its features array, code and name.</summary>
    public string Describe() => Describe(Source, Index, Code, Name);

    public static string Describe(string source, int index, string? code, string? name) =>
        $"{source} feature #{index} (code {code ?? "?"}, name {name ?? "?"})";

    /// <summary>Reads one feature; every problem is added to <paramref name="errors"/> naming the feature.
    /// Returns null when the feature cannot take part in further checks (no code or no level).</summary>
    public static GeoJsonFeature? Read(JsonElement feature, string source, int index, GeoJsonImportOptions o, List<string> errors) =>
        Read(feature, source, index, o, defaultLevel: null, errors);

    /// <summary>As above; features without a level property take <paramref name="defaultLevel"/> when given.</summary>
    public static GeoJsonFeature? Read(JsonElement feature, string source, int index, GeoJsonImportOptions o,
        (AreaLevel Level, bool IsPoi)? defaultLevel, List<string> errors)
    {
        var problems = new List<string>();
        JsonElement properties = default;
        var hasProperties = feature.ValueKind == JsonValueKind.Object &&
                            feature.TryGetProperty("properties", out properties) && properties.ValueKind == JsonValueKind.Object;
        if (feature.ValueKind != JsonValueKind.Object) problems.Add("is not a JSON object");
        else if (!hasProperties) problems.Add("has no properties");

        string? Text(string name)
        {
            if (!hasProperties || !properties.TryGetProperty(name, out var v)) return null;
            return v.ValueKind switch
            {
                JsonValueKind.String => string.IsNullOrWhiteSpace(v.GetString()) ? null : v.GetString()!.Trim(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            };
        }

        var code = Text(o.CodeProperty) ?? Text(o.AlternativeCodeProperty);
        var codeFromId = false;
        if (code is null && o.FeatureIdAsCode && feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("id", out var id))
        {
            code = id.ValueKind switch
            {
                JsonValueKind.String when !string.IsNullOrWhiteSpace(id.GetString()) => id.GetString()!.Trim(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            };
            codeFromId = code is not null;
        }
        var name = Text(o.NameProperty);
        if (hasProperties && code is null)
            problems.Add($"missing property '{o.CodeProperty}'" + (o.FeatureIdAsCode ? $" (nor '{o.AlternativeCodeProperty}', nor a feature id)" : ""));
        if (hasProperties && name is null) problems.Add($"missing property '{o.NameProperty}'");

        AreaLevel level = AreaLevel.County;
        bool isPoi = false, levelOk = false, levelDefaulted = false;
        if (hasProperties)
        {
            if (!properties.TryGetProperty(o.LevelProperty, out var levelValue) || levelValue.ValueKind == JsonValueKind.Null)
            {
                if (defaultLevel is { } d) (level, isPoi, levelOk, levelDefaulted) = (d.Level, d.IsPoi, true, true);
                else problems.Add($"missing property '{o.LevelProperty}'");
            }
            else if (!(levelOk = GeoJsonVocabulary.TryParseLevel(levelValue, out level, out isPoi)))
                problems.Add($"unknown {o.LevelProperty} {levelValue.GetRawText()} (expected county/street/community/grid/poi)");
        }

        string? parent = null;
        var kind = PoiKind.PoliceStation;
        if (levelOk && isPoi)
        {
            var kindText = Text(o.KindProperty);
            if (kindText is null) problems.Add($"missing property '{o.KindProperty}'");
            else if (!GeoJsonVocabulary.TryParseKind(kindText, out kind))
                problems.Add($"unknown {o.KindProperty} '{kindText}' (expected police/fire/hospital/depot/service)");
        }
        else if (levelOk && level != AreaLevel.County)
        {
            parent = Text(o.ParentProperty) ?? ParentObjectCode();
            // a street without a parent belongs to the one county (the importer fills it in)
            if (parent is null && level != AreaLevel.Street) problems.Add($"missing property '{o.ParentProperty}'");
        }

        AreaShape? shape = null;
        GeoPoint? point = null;
        var repairs = new List<RepairNote>();
        if (feature.ValueKind == JsonValueKind.Object && levelOk)
        {
            if (isPoi) point = GeoJsonGeometryReader.ReadPoint(feature, problems);
            else shape = GeoJsonGeometryReader.ReadArea(feature, problems, o.RepairGeometry ? repairs : null);
        }

        GeoPoint? label = null;
        if (hasProperties && properties.TryGetProperty(o.LabelProperty, out var l) && l.ValueKind == JsonValueKind.Array &&
            l.GetArrayLength() >= 2 && l[0].ValueKind == JsonValueKind.Number && l[1].ValueKind == JsonValueKind.Number)
            label = new GeoPoint(l[0].GetDouble(), l[1].GetDouble());

        var who = Describe(source, index, code, name);
        foreach (var problem in problems) errors.Add($"{who}: {problem}");
        return code is null || !levelOk ? null : new GeoJsonFeature(source, index, code, name, isPoi, level, parent, shape, point, kind, label)
        {
            Repairs = repairs, CodeFromId = codeFromId, LevelDefaulted = levelDefaulted,
        };

        // published files (e.g. DataV's) write the parent as an object: "parent": {"adcode": 330100}
        string? ParentObjectCode()
        {
            if (!properties.TryGetProperty(o.ParentProperty, out var p) || p.ValueKind != JsonValueKind.Object) return null;
            foreach (var key in new[] { o.CodeProperty, o.AlternativeCodeProperty })
                if (p.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    return v.ValueKind == JsonValueKind.Number ? v.GetRawText() : v.GetString()!.Trim() is { Length: > 0 } t ? t : null;
            return null;
        }
    }
}
