namespace CommandCenter.Geography;

/// <summary>The levels of the hierarchy: 县/区 → 街道/乡镇 → 社区/村 → 网格.</summary>
public enum AreaLevel { County = 0, Street = 1, Community = 2, Grid = 3 }

/// <summary>
/// One place on the map with a boundary: the county, a street (街道), a community (社区) or a grid (网格).
/// Code is the unified hierarchical code (全市统一编码); ParentCode is null only for the county.
/// </summary>
public sealed record Area(string Code, string Name, AreaLevel Level, string? ParentCode, AreaShape Shape, GeoPoint LabelPoint);
