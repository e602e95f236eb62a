using System.Globalization;
using System.Text.Json;

namespace CommandCenter.Geography;

/// <summary>The words used for levels and POI kinds in GeoJSON properties, with the aliases accepted on import.</summary>
public static class GeoJsonVocabulary
{
    public const string PoiLevel = "poi";

    public static string LevelName(AreaLevel level) => level switch
    {
        AreaLevel.County => "county",
        AreaLevel.Street => "street",
        AreaLevel.Community => "community",
        _ => "grid",
    };

    public static string KindName(PoiKind kind) => kind switch
    {
        PoiKind.PoliceStation => "police",
        PoiKind.FireStation => "fire",
        PoiKind.Hospital => "hospital",
        PoiKind.SupplyDepot => "depot",
        _ => "service",
    };

    /// <summary>
    /// A level: "county"/"street"/"community"/"grid", 0–3 (number or string), or Chinese
    /// 县/区, 街道/乡镇, 社区/村, 网格. Returns false for anything else; <paramref name="isPoi"/> for "poi".
    /// </summary>
    public static bool TryParseLevel(JsonElement value, out AreaLevel level, out bool isPoi)
    {
        level = AreaLevel.County;
        isPoi = false;
        if (value.ValueKind == JsonValueKind.Number)
            return value.TryGetInt32(out var n) && TryFromNumber(n, out level);
        if (value.ValueKind != JsonValueKind.String) return false;
        var text = value.GetString()!.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return TryFromNumber(m, out level);
        switch (text.ToLowerInvariant())
        {
            case "county" or "district" or "县" or "区" or "县区" or "县/区" or "县级":
                level = AreaLevel.County; return true;
            case "street" or "township" or "town" or "街道" or "乡镇" or "乡" or "镇" or "街道/乡镇":
                level = AreaLevel.Street; return true;
            case "community" or "village" or "社区" or "村" or "社区/村":
                level = AreaLevel.Community; return true;
            case "grid" or "网格":
                level = AreaLevel.Grid; return true;
            case "poi" or "兴趣点":
                isPoi = true; return true;
            default:
                return false;
        }
    }

    /// <summary>The same words as text (for a default level from configuration or a form).</summary>
    public static bool TryParseLevel(string text, out AreaLevel level, out bool isPoi)
    {
        using var document = System.Text.Json.JsonDocument.Parse(JsonSerializer.Serialize(text));
        return TryParseLevel(document.RootElement, out level, out isPoi);
    }

    private static bool TryFromNumber(int n, out AreaLevel level)
    {
        level = (AreaLevel)n;
        return n is >= 0 and <= 3;
    }

    /// <summary>A POI kind: police/fire/hospital/depot/service, the enum names, or Chinese names.</summary>
    public static bool TryParseKind(string? text, out PoiKind kind)
    {
        kind = PoiKind.PoliceStation;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "police" or "policestation" or "派出所" or "公安": kind = PoiKind.PoliceStation; return true;
            case "fire" or "firestation" or "消防" or "消防救援站": kind = PoiKind.FireStation; return true;
            case "hospital" or "医院" or "120": kind = PoiKind.Hospital; return true;
            case "depot" or "supplydepot" or "应急物资储备点" or "物资储备点": kind = PoiKind.SupplyDepot; return true;
            case "service" or "servicecenter" or "党群服务中心": kind = PoiKind.ServiceCenter; return true;
            default: return false;
        }
    }
}
