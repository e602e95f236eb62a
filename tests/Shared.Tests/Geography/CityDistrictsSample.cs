using static CommandCenter.Shared.Tests.Geography.GeoJsonSamples;

namespace CommandCenter.Shared.Tests.Geography;

/// <summary>
/// A city's districts as public boundary files publish them: properties name/adcode (plus center and a parent
/// object, no level), one district with only a feature-level id, and the flaws such files carry. In cell units
/// (0.01°) from (Lon0, Lat0), the city is 8 × 8:
/// 330102 上城区 (0..4, 0..4) with a spike out of its bottom edge at (2, −1): area 16;
/// 330105 拱墅区 (id only) a bow-tie over (4..8, 0..4) crossing at (6, 2): two triangles, area 8;
/// 330106 西湖区 (0..4, 4..8) whose ring touches itself at (2, 8), cutting out the triangle (2,8) (3,7) (1,7): area 15;
/// 330108 滨江区 (4..8, 4..8), clean, with a feature id too (adcode wins): area 16.
/// </summary>
internal static class CityDistrictsSample
{
    public const double SpikeAreaCells = 16, BowTieAreaCells = 8, SelfTouchingAreaCells = 15, CleanAreaCells = 16;

    private static string P(double x, double y) => $"[{Num(Lon0 + x * Cell)},{Num(Lat0 + y * Cell)}]";

    private static string Polygon(params (double X, double Y)[] ring) =>
        $$"""{"type":"Polygon","coordinates":[[{{string.Join(",", ring.Append(ring[0]).Select(p => P(p.X, p.Y)))}}]]}""";

    private static string District(string? id, string? adcode, string name, string geometry, bool parent = true)
    {
        var props = new List<string>();
        if (adcode is not null) props.Add($"\"adcode\":{adcode}");
        props.Add($"\"name\":\"{name}\"");
        props.Add($"\"center\":[{Num(Lon0)},{Num(Lat0)}]");
        if (parent) props.Add("\"parent\":{\"adcode\":330100}");
        var idPart = id is null ? "" : $"\"id\":{id},";
        return $$"""{"type":"Feature",{{idPart}}"properties":{{{string.Join(",", props)}}},"geometry":{{geometry}}}""";
    }

    public static string Json() => Collection(
    [
        District(null, "330102", "上城区", Polygon((0, 0), (2, 0), (2, -1), (2, 0), (4, 0), (4, 4), (0, 4))),
        District("330105", null, "拱墅区", Polygon((4, 0), (8, 4), (8, 0), (4, 4)), parent: false),
        District(null, "330106", "西湖区", Polygon((0, 4), (4, 4), (4, 8), (2, 8), (3, 7), (1, 7), (2, 8), (0, 8))),
        District("\"f-4\"", "330108", "滨江区", Polygon((4, 4), (8, 4), (8, 8), (4, 8))),
    ]);
}
