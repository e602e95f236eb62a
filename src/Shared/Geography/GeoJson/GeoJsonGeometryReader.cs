using System.Globalization;
using System.Text.Json;

namespace CommandCenter.Geography;

/// <summary>
/// Reads and checks a feature's geometry. Polygon and MultiPolygon (with holes) become an
/// <see cref="AreaShape"/> with the closing position dropped; Point becomes a <see cref="GeoPoint"/>.
/// Problems are reported in plain words (without the feature's name, which the caller adds).
/// </summary>
internal static class GeoJsonGeometryReader
{
    /// <summary>Rings with this many points or more skip the O(n²) self-intersection check.</summary>
    public const int SelfIntersectionCheckLimit = 2000;

    /// <summary>Reads a Polygon/MultiPolygon. With <paramref name="repairs"/> a ring that is not simple is repaired
    /// (<see cref="ShapeRepair"/>) and the change noted there; without, it is a problem.</summary>
    public static AreaShape? ReadArea(JsonElement feature, List<string> problems, List<RepairNote>? repairs = null)
    {
        var before = problems.Count;
        if (!TryGeometry(feature, problems, out var type, out var coordinates)) return null;
        var polygons = new List<IReadOnlyList<IReadOnlyList<GeoPoint>>>();
        switch (type)
        {
            case "Polygon":
                if (ReadPolygon(coordinates, "", problems, repairs) is { } polygon) polygons.AddRange(polygon);
                break;
            case "MultiPolygon":
                if (coordinates.ValueKind != JsonValueKind.Array || coordinates.GetArrayLength() == 0)
                {
                    problems.Add("MultiPolygon has no polygons");
                    return null;
                }
                var i = 0;
                foreach (var element in coordinates.EnumerateArray())
                    if (ReadPolygon(element, $"polygon {i++} ", problems, repairs) is { } part) polygons.AddRange(part);
                break;
            default:
                problems.Add($"wrong geometry type {type} (expected Polygon or MultiPolygon)");
                return null;
        }
        if (problems.Count == before && polygons.Count == 0) problems.Add("nothing with an area is left after removing spikes");
        return problems.Count == before ? new AreaShape(polygons) : null;
    }

    public static GeoPoint? ReadPoint(JsonElement feature, List<string> problems)
    {
        if (!TryGeometry(feature, problems, out var type, out var coordinates)) return null;
        if (type != "Point")
        {
            problems.Add($"wrong geometry type {type} (expected Point)");
            return null;
        }
        return ReadPosition(coordinates, "point", problems);
    }

    private static bool TryGeometry(JsonElement feature, List<string> problems, out string type, out JsonElement coordinates)
    {
        type = "";
        coordinates = default;
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            problems.Add("missing geometry");
            return false;
        }
        if (!geometry.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String)
        {
            problems.Add("geometry has no type");
            return false;
        }
        type = t.GetString()!;
        if (!geometry.TryGetProperty("coordinates", out coordinates) && type is "Polygon" or "MultiPolygon" or "Point")
        {
            problems.Add($"{type} has no coordinates");
            return false;
        }
        return true;
    }

    /// <summary>One GeoJSON polygon; a repaired one may come out as several (or none).</summary>
    private static List<IReadOnlyList<IReadOnlyList<GeoPoint>>>? ReadPolygon(JsonElement rings, string where, List<string> problems, List<RepairNote>? repairs)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            problems.Add($"{where}has no rings".TrimStart());
            return null;
        }
        var result = new List<List<GeoPoint>>();
        var r = 0;
        foreach (var ring in rings.EnumerateArray())
            if (ReadRing(ring, $"{where}ring {r++}", problems, checkSimple: repairs is null) is { } points) result.Add(points);
        if (result.Count != rings.GetArrayLength()) return null;
        if (repairs is null) return [result];
        return [.. ShapeRepair.Repair(result, where, repairs)];
    }

    private static List<GeoPoint>? ReadRing(JsonElement ring, string where, List<string> problems, bool checkSimple)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{where} is not an array of positions");
            return null;
        }
        var count = ring.GetArrayLength();
        if (count < 4)
        {
            problems.Add($"{where} has {count} positions (a closed ring needs at least 4)");
            return null;
        }
        var points = new List<GeoPoint>(count);
        var k = 0;
        foreach (var position in ring.EnumerateArray())
        {
            if (ReadPosition(position, $"{where} position {k++}", problems) is not { } p) return null;
            points.Add(p);
        }
        if (points[0] != points[^1])
        {
            problems.Add($"{where} is not closed (last position {points[^1]} differs from the first {points[0]})");
            return null;
        }
        points.RemoveAt(points.Count - 1);
        var simple = new List<GeoPoint>(points.Count);
        foreach (var p in points)
            if (simple.Count == 0 || simple[^1] != p) simple.Add(p);
        if (simple.Count > 1 && simple[^1] == simple[0]) simple.RemoveAt(simple.Count - 1);
        if (simple.Count < 3)
        {
            problems.Add($"{where} is degenerate (fewer than 3 distinct positions)");
            return null;
        }
        if (checkSimple && simple.Count < SelfIntersectionCheckLimit && RingChecks.FindSelfIntersection(simple) is { } clash)
        {
            problems.Add($"{where} self-intersects (segments {clash.I} and {clash.J})");
            return null;
        }
        return simple;
    }

    private static GeoPoint? ReadPosition(JsonElement position, string where, List<string> problems)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2)
        {
            problems.Add($"{where} is not a [lon, lat] position");
            return null;
        }
        var lonElement = position[0];
        var latElement = position[1];
        if (lonElement.ValueKind != JsonValueKind.Number || latElement.ValueKind != JsonValueKind.Number ||
            !lonElement.TryGetDouble(out var lon) || !latElement.TryGetDouble(out var lat) ||
            !double.IsFinite(lon) || !double.IsFinite(lat))
        {
            problems.Add($"{where} has non-numeric coordinates {Raw(lonElement)}, {Raw(latElement)}");
            return null;
        }
        if (lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where} is out of range (lon {lon}, lat {lat})"));
            return null;
        }
        return new GeoPoint(lon, lat);
    }

    private static string Raw(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length > 20 ? text[..20] + "…" : text;
    }
}
