namespace CommandCenter.Geography;

/// <summary>
/// Which feature properties <see cref="GeoJsonImporter"/> reads. Level values may be
/// "county"/"street"/"community"/"grid" (or 0–3, or 县/区, 街道/乡镇, 社区/村, 网格), or "poi" for a
/// point of interest, whose kind property is police/fire/hospital/depot/service.
/// An optional label property ([lon, lat]) gives the label point; when absent or outside the area one is computed.
/// </summary>
public sealed record GeoJsonImportOptions
{
    public string CodeProperty { get; init; } = "code";
    public string NameProperty { get; init; } = "name";
    public string ParentProperty { get; init; } = "parent";
    public string LevelProperty { get; init; } = "level";
    public string KindProperty { get; init; } = "kind";
    public string LabelProperty { get; init; } = "label";

    /// <summary>Read when a feature has no <see cref="CodeProperty"/>: published boundary files (e.g. a city's
    /// districts) carry the administrative code as "adcode".</summary>
    public string AlternativeCodeProperty { get; init; } = "adcode";

    /// <summary>When a feature has neither code property, take its feature-level "id" (string or number) as the code.</summary>
    public bool FeatureIdAsCode { get; init; } = true;

    /// <summary>The level of features without a level property (a file of one level: e.g. "street" for a city's
    /// districts). Null: the level property is required.</summary>
    public string? DefaultLevel { get; init; }

    /// <summary>Repair spikes, bow-ties and self-touching rings (reported per feature) instead of refusing them.</summary>
    public bool RepairGeometry { get; init; } = true;

    /// <summary>When no feature is the county and a name is given here, the county is built as the union of the
    /// streets, with this name and code (code default: the parent the streets name, else their common code prefix
    /// padded with zeros, e.g. 330102, 330106 → 330100).</summary>
    public string? CountyName { get; init; }
    public string? CountyCode { get; init; }

    /// <summary>At most this many errors are listed in the exception message.</summary>
    public int MaxErrorsListed { get; init; } = 20;

    public static GeoJsonImportOptions Default { get; } = new();
}
