using NetTopologySuite.Operation.Union;

namespace CommandCenter.Geography;

/// <summary>
/// A file of one level (e.g. a city's districts imported as streets) has no county feature: when the import names
/// the county (<see cref="GeoJsonImportOptions.CountyName"/>) it is built as the union of the streets. Code: the configured one, else the parent the streets name in common, else their
/// common code prefix padded with zeros (330102, 330106 → 330100). Sliver holes left between neighbours whose
/// published boundaries do not quite meet (less than 1/10,000 of the area) are dropped.
/// </summary>
internal static class CountyOfStreets
{
    public static GeoJsonFeature? Build(List<GeoJsonFeature> areas, GeoJsonImportOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.CountyName) || areas.Any(f => f.Level == AreaLevel.County)) return null;
        var streets = areas.Where(f => f.Level == AreaLevel.Street && f.Shape is not null).ToList();
        if (streets.Count == 0) return null;

        var union = UnaryUnionOp.Union(streets.Select(s => (NetTopologySuite.Geometries.Geometry)NtsShapes.ToNts(s.Shape!)).ToList());
        var total = union.Area;
        var polygons = NtsShapes.Polygons(union)
            .Select(p => (IReadOnlyList<IReadOnlyList<GeoPoint>>)p.Take(1)
                .Concat(p.Skip(1).Where(hole => Math.Abs(AreaLabel.SignedArea(hole)) >= total * 1e-4)).ToList())
            .ToList();
        var code = o.CountyCode is { Length: > 0 } c ? c : CommonParent(streets) ?? FromPrefix(streets) ?? "county";
        var name = o.CountyName!.Trim();
        return new GeoJsonFeature("(built from the streets)", -1, code, name, false, AreaLevel.County, null,
            new AreaShape(polygons), null, PoiKind.PoliceStation, null);
    }

    private static string? CommonParent(List<GeoJsonFeature> streets) =>
        streets.Select(s => s.Parent).Distinct().ToList() is [{ } only] ? only : null;

    private static string? FromPrefix(List<GeoJsonFeature> streets)
    {
        var codes = streets.Select(s => s.Code!).ToList();
        var length = codes[0].Length;
        if (codes.Any(c => c.Length != length)) return null;
        var prefix = 0;
        while (prefix < length && codes.All(c => c[prefix] == codes[0][prefix])) prefix++;
        if (prefix == 0 || prefix == length) return null;
        var code = codes[0][..prefix] + new string('0', length - prefix);
        return codes.Contains(code) ? null : code;
    }
}
