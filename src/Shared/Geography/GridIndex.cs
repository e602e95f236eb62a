namespace CommandCenter.Geography;

/// <summary>Point → grid lookup. PLACEHOLDER: linear scan; to be replaced by a uniform-bucket index.</summary>
internal sealed class GridIndex(IReadOnlyList<Area> grids)
{
    public Area? Locate(GeoPoint p) => grids.FirstOrDefault(g => Geometry.Contains(g.Shape, p));
}
