using System.Net;
using System.Text.Json;

namespace CommandCenter.Storage;

/// <summary>
/// Parses one JSON document of a /query answer. With chunked=true influxd sends one document per
/// line: {"results":[{"statement_id":0,"series":[{"name":..,"tags":{..},"columns":[..],"values":[[..]]}],"partial":true}]}.
/// "error" members (top level or per statement) become <see cref="InfluxQueryException"/>.
/// </summary>
internal static class InfluxResponseParser
{
    public static List<InfluxRow> ParseDocument(string json)
    {
        var rows = new List<InfluxRow>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InfluxQueryException($"InfluxDB sent a result that is not JSON: {e.Message}", null, null);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.TryGetProperty("error", out var topError))
                throw new InfluxQueryException($"InfluxDB query failed: {topError}", null, topError.ToString());
            if (!root.TryGetProperty("results", out var results)) return rows;
            foreach (var result in results.EnumerateArray())
            {
                var statementId = result.TryGetProperty("statement_id", out var sid) ? sid.GetInt32() : 0;
                if (result.TryGetProperty("error", out var error))
                    throw new InfluxQueryException($"InfluxDB statement {statementId} failed: {error}", HttpStatusCode.OK, error.ToString(), statementId);
                if (!result.TryGetProperty("series", out var series)) continue;
                foreach (var s in series.EnumerateArray()) AddSeries(rows, statementId, s);
            }
        }
        return rows;
    }

    private static void AddSeries(List<InfluxRow> rows, int statementId, JsonElement series)
    {
        var name = series.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        Dictionary<string, string>? tags = null;
        if (series.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in t.EnumerateObject()) tags[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ToString();
        }
        var columns = series.TryGetProperty("columns", out var c)
            ? c.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
            : [];
        var schema = new InfluxSeriesSchema(statementId, name, tags, columns);
        if (!series.TryGetProperty("values", out var values)) return;
        foreach (var row in values.EnumerateArray())
        {
            var cells = new object?[columns.Length];
            var i = 0;
            foreach (var cell in row.EnumerateArray())
            {
                if (i < cells.Length) cells[i] = ToValue(cell);
                i++;
            }
            rows.Add(new InfluxRow(schema, cells));
        }
    }

    private static object? ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(), // (object): keep long and double apart
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => e.GetRawText(),
    };
}
