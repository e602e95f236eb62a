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

    /// <summary>At most this many errors are listed in the exception message.</summary>
    public int MaxErrorsListed { get; init; } = 20;

    public static GeoJsonImportOptions Default { get; } = new();
}
