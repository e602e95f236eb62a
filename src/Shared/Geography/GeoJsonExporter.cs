using System.Text.Encodings.Web;
using System.Text.Json;

namespace CommandCenter.Geography;

/// <summary>
/// Writes areas and points of interest as GeoJSON FeatureCollections (RFC 7946), readable back by
/// <see cref="GeoJsonImporter"/>. Area properties: code, name, level, parent, label ([lon, lat]);
/// POI properties: code (the POI id), name, level "poi", kind, grid.
/// Chinese text is written as is, not as \u escapes.
/// </summary>
public static class GeoJsonExporter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToFeatureCollection(IEnumerable<Area> areas) => Write(writer =>
    {
        foreach (var area in areas) WriteArea(writer, area);
    });

    public static string PoisToFeatureCollection(IEnumerable<Poi> pois) => Write(writer =>
    {
        foreach (var poi in pois) WritePoi(writer, poi);
    });

    /// <summary>The whole county in one collection (county, streets, communities, grids, POIs): what an import reads back.</summary>
    public static string ToFeatureCollection(CountyMap map) => Write(writer =>
    {
        foreach (var area in map.AllAreas) WriteArea(writer, area);
        foreach (var poi in map.Pois) WritePoi(writer, poi);
    });

    private static void WriteArea(Utf8JsonWriter writer, Area area)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteStartObject("properties");
        writer.WriteString("code", area.Code);
        writer.WriteString("name", area.Name);
        writer.WriteString("level", GeoJsonVocabulary.LevelName(area.Level));
        if (area.ParentCode is null) writer.WriteNull("parent"); else writer.WriteString("parent", area.ParentCode);
        writer.WritePropertyName("label");
        WritePosition(writer, area.LabelPoint);
        writer.WriteEndObject();
        WriteShape(writer, area.Shape);
        writer.WriteEndObject();
    }

    private static void WritePoi(Utf8JsonWriter writer, Poi poi)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteStartObject("properties");
        writer.WriteString("code", poi.Id);
        writer.WriteString("name", poi.Name);
        writer.WriteString("level", GeoJsonVocabulary.PoiLevel);
        writer.WriteString("kind", GeoJsonVocabulary.KindName(poi.Kind));
        writer.WriteString("grid", poi.GridCode);
        writer.WriteEndObject();
        writer.WriteStartObject("geometry");
        writer.WriteString("type", "Point");
        writer.WritePropertyName("coordinates");
        WritePosition(writer, poi.Position);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> features)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WriteStartArray("features");
            features(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Polygon for one polygon, MultiPolygon otherwise; rings are closed (last = first).</summary>
    private static void WriteShape(Utf8JsonWriter writer, AreaShape shape)
    {
        writer.WriteStartObject("geometry");
        var single = shape.Polygons.Count == 1;
        writer.WriteString("type", single ? "Polygon" : "MultiPolygon");
        writer.WriteStartArray("coordinates");
        foreach (var polygon in shape.Polygons)
        {
            if (!single) writer.WriteStartArray();
            foreach (var ring in polygon)
            {
                writer.WriteStartArray();
                foreach (var p in ring) WritePosition(writer, p);
                if (ring.Count > 0) WritePosition(writer, ring[0]);
                writer.WriteEndArray();
            }
            if (!single) writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter writer, GeoPoint p)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(p.Lon);
        writer.WriteNumberValue(p.Lat);
        writer.WriteEndArray();
    }
}
