using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Simplify;

namespace CommandCenter.Basemap;

/// <summary>
/// Cuts basemap features into vector tiles for a range of zooms and writes them into an MBTiles file: per zoom the
/// lines and polygons are simplified to about a screen pixel, then clipped to each tile plus a small buffer (so wide
/// lines and polygon edges do not show seams), quantised to the tile's 4096 units and encoded as MVT. Deterministic:
/// the same features give the same file content.
/// </summary>
public static class BasemapTiler
{
    private const int Buffer = 64; // tile units beyond each edge
    private static readonly GeometryFactory Factory = new();

    public sealed record Result(int Tiles, long Bytes);

    public static Result Write(string path, IReadOnlyList<BasemapFeature> features, int minZoom, int maxZoom,
        (double MinLon, double MinLat, double MaxLon, double MaxLat) bounds, string name, string attribution = "")
    {
        var inv = CultureInfo.InvariantCulture;
        var layers = features.GroupBy(f => f.Layer).Select(g => new
        {
            id = g.Key,
            minzoom = Math.Max(minZoom, g.Min(f => f.MinZoom)),
            maxzoom = maxZoom,
            fields = g.SelectMany(f => f.Properties).GroupBy(p => p.Key).ToDictionary(p => p.Key, p => p.First().Value is string ? "String" : "Number"),
        });
        var metadata = new Dictionary<string, string>
        {
            ["name"] = name,
            ["format"] = "pbf",
            ["type"] = "baselayer",
            ["version"] = "1",
            ["minzoom"] = minZoom.ToString(inv),
            ["maxzoom"] = maxZoom.ToString(inv),
            ["bounds"] = string.Join(',', new[] { bounds.MinLon, bounds.MinLat, bounds.MaxLon, bounds.MaxLat }.Select(v => v.ToString("0.######", inv))),
            ["center"] = string.Format(inv, "{0:0.######},{1:0.######},{2}", (bounds.MinLon + bounds.MaxLon) / 2, (bounds.MinLat + bounds.MaxLat) / 2, Math.Min(maxZoom, minZoom + 3)),
            ["attribution"] = attribution,
            ["json"] = JsonSerializer.Serialize(new { vector_layers = layers }),
        };
        var temp = $"{path}.{Guid.NewGuid():N}.tmp"; // two hosts starting at once each write their own, the last move wins
        int tiles;
        using (var writer = new MbTilesWriter(temp, metadata))
        {
            for (var z = minZoom; z <= maxZoom; z++)
            {
                var index = new STRtree<(BasemapFeature Feature, Geometry Shape)>();
                var tolerance = 1.0 / ((1L << z) * VectorTileEncoder.Extent) * 4; // about a CSS pixel of a 512 px tile
                foreach (var f in features)
                {
                    if (z < f.MinZoom || z > f.MaxZoom) continue;
                    var shape = f.World is Point ? f.World : DouglasPeuckerSimplifier.Simplify(f.World, tolerance);
                    if (!shape.IsEmpty) index.Insert(shape.EnvelopeInternal, (f, shape));
                }
                index.Build();
                var (x0, y0, x1, y1) = WebMercator.TileRange(z, bounds.MinLon, bounds.MinLat, bounds.MaxLon, bounds.MaxLat);
                for (var x = x0; x <= x1; x++)
                    for (var y = y0; y <= y1; y++)
                    {
                        var tile = Encode(index, z, x, y);
                        if (tile is not null) writer.Add(z, x, y, tile);
                    }
            }
            tiles = writer.TileCount;
        }
        File.Move(temp, path, overwrite: true);
        return new Result(tiles, new FileInfo(path).Length);
    }

    private static byte[]? Encode(STRtree<(BasemapFeature Feature, Geometry Shape)> index, int z, int x, int y)
    {
        var n = (double)(1L << z);
        var unit = 1 / (n * VectorTileEncoder.Extent); // world units per tile unit
        var outer = new Envelope(x / n - Buffer * unit, (x + 1) / n + Buffer * unit, y / n - Buffer * unit, (y + 1) / n + Buffer * unit);
        var inner = new Envelope(x / n, (x + 1) / n, y / n, (y + 1) / n);
        var clip = Factory.ToGeometry(outer);
        var encoder = new VectorTileEncoder();
        (int, int) Q(Coordinate c) => ((int)Math.Round((c.X * n - x) * VectorTileEncoder.Extent), (int)Math.Round((c.Y * n - y) * VectorTileEncoder.Extent));

        // the index answers in no fixed order: sort by the order the features were given in, so output is deterministic
        var hits = index.Query(outer).OrderBy(h => h.Feature.Layer, StringComparer.Ordinal).ToList();
        foreach (var (feature, shape) in hits)
        {
            if (shape is Point p)
            {
                if (inner.Contains(p.Coordinate))
                    encoder.Add(feature.Layer, new(VectorTileEncoder.Kind.Point, [[Q(p.Coordinate)]], feature.Properties));
                continue;
            }
            var part = outer.Contains(shape.EnvelopeInternal) ? shape : shape.Intersection(clip);
            if (part.IsEmpty) continue;
            if (feature.World is Polygon or MultiPolygon)
            {
                var rings = new List<IReadOnlyList<(int, int)>>();
                foreach (var polygon in Polygons(part))
                {
                    var shell = Ring(polygon.Shell.Coordinates, Q, exterior: true);
                    if (shell is null) continue;
                    rings.Add(shell);
                    foreach (var hole in polygon.Holes)
                        if (Ring(hole.Coordinates, Q, exterior: false) is { } h) rings.Add(h);
                }
                if (rings.Count > 0) encoder.Add(feature.Layer, new(VectorTileEncoder.Kind.Polygon, rings, feature.Properties));
            }
            else
            {
                var lines = Lines(part).Select(l => Dedupe(l.Coordinates.Select(Q))).Where(l => l.Count >= 2).Cast<IReadOnlyList<(int, int)>>().ToList();
                if (lines.Count > 0) encoder.Add(feature.Layer, new(VectorTileEncoder.Kind.Line, lines, feature.Properties));
            }
        }
        return encoder.IsEmpty ? null : encoder.ToBytes();
    }

    private static IEnumerable<Polygon> Polygons(Geometry g) => g switch
    {
        Polygon p => [p],
        GeometryCollection c => c.Geometries.SelectMany(Polygons),
        _ => [],
    };

    private static IEnumerable<LineString> Lines(Geometry g) => g switch
    {
        LineString l => [l],
        GeometryCollection c => c.Geometries.SelectMany(Lines),
        _ => [],
    };

    private static List<(int X, int Y)> Dedupe(IEnumerable<(int X, int Y)> points)
    {
        var list = new List<(int X, int Y)>();
        foreach (var p in points) if (list.Count == 0 || list[^1] != p) list.Add(p);
        return list;
    }

    /// <summary>A ring in tile units, oriented as MVT wants (exterior: positive area with y down), or null when it collapsed.</summary>
    private static List<(int X, int Y)>? Ring(Coordinate[] coords, Func<Coordinate, (int, int)> q, bool exterior)
    {
        var ring = Dedupe(coords.Select(q));
        if (ring.Count > 1 && ring[0] == ring[^1]) ring.RemoveAt(ring.Count - 1);
        if (ring.Count < 3) return null;
        long area2 = 0;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++) area2 += (long)ring[j].X * ring[i].Y - (long)ring[i].X * ring[j].Y;
        if (area2 == 0) return null;
        if (area2 > 0 != exterior) ring.Reverse();
        return ring;
    }
}
