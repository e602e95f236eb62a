using System.Globalization;

namespace CommandCenter.Shared.Tests.Geography;

/// <summary>Hand-made GeoJSON for importer tests: a tiny county of 4 grids near (120.1, 30.2).</summary>
internal static class GeoJsonSamples
{
    public const double Lon0 = 120.1, Lat0 = 30.2, Cell = 0.01;

    public static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A closed square ring (counter-clockwise) in cell units from (Lon0, Lat0).</summary>
    public static string Ring(double x0, double y0, double x1, double y1)
    {
        string P(double x, double y) => $"[{Num(Lon0 + x * Cell)},{Num(Lat0 + y * Cell)}]";
        return $"[{P(x0, y0)},{P(x1, y0)},{P(x1, y1)},{P(x0, y1)},{P(x0, y0)}]";
    }

    public static string Square(double x0, double y0, double x1, double y1) =>
        $$"""{"type":"Polygon","coordinates":[{{Ring(x0, y0, x1, y1)}}]}""";

    public static string Feature(string? code, string? name, string? level, string? parent, string geometry, string extra = "")
    {
        var props = new List<string>();
        if (code is not null) props.Add($"\"code\":\"{code}\"");
        if (name is not null) props.Add($"\"name\":\"{name}\"");
        if (level is not null) props.Add($"\"level\":\"{level}\"");
        if (parent is not null) props.Add($"\"parent\":\"{parent}\"");
        if (extra.Length > 0) props.Add(extra);
        return $$"""{"type":"Feature","properties":{{{string.Join(",", props)}}},"geometry":{{geometry}}}""";
    }

    public static string Collection(IEnumerable<string> features) =>
        $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""";

    /// <summary>County 100 → street 100001 → community 100001001 → grids 100001001001..004 (2×2 cells).
    /// Feature indexes: 0 county, 1 street, 2 community, 3–6 grids.</summary>
    public static List<string> TinyCounty() =>
    [
        Feature("100", "小县", "county", null, Square(0, 0, 2, 2)),
        Feature("100001", "江滨街道", "street", "100", Square(0, 0, 2, 2)),
        Feature("100001001", "翠苑社区", "community", "100001", Square(0, 0, 2, 2)),
        Feature("100001001001", "翠苑社区第1网格", "grid", "100001001", Square(0, 1, 1, 2)),
        Feature("100001001002", "翠苑社区第2网格", "grid", "100001001", Square(1, 1, 2, 2)),
        Feature("100001001003", "翠苑社区第3网格", "grid", "100001001", Square(0, 0, 1, 1)),
        Feature("100001001004", "翠苑社区第4网格", "grid", "100001001", Square(1, 0, 2, 1)),
    ];
}
