using NetTopologySuite.Geometries;

namespace CommandCenter.Basemap;

/// <summary>
/// One feature of a vector basemap before tiling: its layer (OpenMapTiles names: water, waterway, transportation,
/// building, place, water_name, poi), its geometry in Web Mercator world units (<see cref="WebMercator"/>), its tags,
/// and the zooms it appears at.
/// </summary>
public sealed record BasemapFeature(string Layer, Geometry World, IReadOnlyList<KeyValuePair<string, object>> Properties, int MinZoom = 0, int MaxZoom = 99)
{
    public static IReadOnlyList<KeyValuePair<string, object>> Tags(params (string Key, object Value)[] tags) =>
        tags.Select(t => KeyValuePair.Create(t.Key, t.Value)).ToList();
}
