namespace CommandCenter.Geography;

/// <summary>Kinds of responder stations and service places a coordinator sends people to or from.</summary>
public enum PoiKind
{
    PoliceStation,   // 派出所
    FireStation,     // 消防救援站
    Hospital,        // 医院 / 120
    SupplyDepot,     // 应急物资储备点
    ServiceCenter,   // 党群服务中心
}

/// <summary>A point of interest; GridCode is the grid it stands in.</summary>
public sealed record Poi(string Id, PoiKind Kind, string Name, GeoPoint Position, string GridCode);
