using System.Text.Json;
using System.Text.Unicode;

namespace CommandCenter.Ingest.Api;

/// <summary>One event of a batch as read: the event, or why it could not be read (and its id, if it has one).</summary>
public readonly record struct BatchItem(WireEvent? Event, string? Id, string? Error);

/// <summary>A body that is well-formed JSON but not a batch (wrong shape, no events, too many): the whole request is refused.</summary>
public sealed class BatchShapeException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Reads a batch body — <c>{"events": [ … ]}</c> or a bare array — element by element straight from its UTF-8 bytes
/// (no document of the whole body first). An element that is not an object, or whose fields have the wrong type
/// or an unknown value, becomes an error for that event alone; malformed JSON anywhere fails the whole body
/// (<see cref="JsonException"/>), as nothing in it can be trusted.
/// </summary>
public static class IngestBatchReader
{
    public static List<BatchItem> Read(ReadOnlySpan<byte> body)
    {
        // JSON between systems is UTF-8 (RFC 8259): a body with invalid bytes is refused whole, naming where (checked at memory speed)
        if (!Utf8.IsValid(body)) throw new BatchShapeException(400, $"{WhereTextIsInvalid(body)} is not valid UTF-8 text");
        var reader = new Utf8JsonReader(body);
        reader.Read(); // an empty body throws: it holds no JSON
        List<BatchItem>? items = null;
        if (reader.TokenType == JsonTokenType.StartArray) items = ReadEvents(ref reader);
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isEvents = reader.ValueTextEquals("events"u8);
                reader.Read();
                if (isEvents && items is null && reader.TokenType == JsonTokenType.StartArray) items = ReadEvents(ref reader);
                else reader.Skip();
            }
        }
        else reader.Skip();
        while (reader.Read()) { } // the rest must be well-formed too (and nothing after the root value)

        if (items is null) throw new BatchShapeException(400, "the body must be {\"events\": [ … ]} or an array of events");
        if (items.Count == 0) throw new BatchShapeException(400, "the batch holds no events");
        return items;
    }

    /// <summary>From the array's start to its end; counts past <see cref="IngestBatch.MaxBatch"/> without reading further events.</summary>
    private static List<BatchItem> ReadEvents(ref Utf8JsonReader reader)
    {
        var items = new List<BatchItem>();
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (++count > IngestBatch.MaxBatch || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                if (count <= IngestBatch.MaxBatch) items.Add(new BatchItem(null, null, "an event must be a JSON object"));
                continue;
            }
            var start = reader; // a copy: where this event began
            try
            {
                items.Add(new BatchItem(JsonSerializer.Deserialize(ref reader, IngestJsonContext.Default.WireEvent), null, null));
            }
            catch (JsonException ex)
            {
                reader = start;
                var id = IdOf(reader); // reads a copy
                reader.Skip(); // throws if the event is not well-formed JSON: then the body is malformed
                var field = ex.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "a field";
                items.Add(new BatchItem(null, id, $"{field} has the wrong type or an unknown value"));
            }
            catch (InvalidOperationException)
            {
                // an escape that is not valid UTF-16 text, where the serializer does not turn it into a JsonException
                throw new BatchShapeException(400, $"events[{count - 1}] holds a string that is not valid text");
            }
        }
        if (count > IngestBatch.MaxBatch)
            throw new BatchShapeException(413, $"a batch holds at most {IngestBatch.MaxBatch} events, not {count}");
        return items;
    }

    /// <summary>"events[3].note": the first string (or property name) whose bytes are not UTF-8, by event index and field.</summary>
    private static string WhereTextIsInvalid(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        int eventDepth = -1, index = -1;
        string field = "a field", lastName = "";
        try
        {
            while (reader.Read())
            {
                var depth = reader.CurrentDepth;
                if (reader.TokenType == JsonTokenType.StartArray && eventDepth < 0 && (depth == 0 || depth == 1 && lastName == "events")) eventDepth = depth + 1;
                else if (reader.TokenType == JsonTokenType.StartObject && depth == eventDepth) { index++; field = "a field"; }
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String)) continue;
                var valid = Utf8.IsValid(reader.ValueSpan);
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (!valid) return index < 0 ? "a property name" : $"a property name in events[{index}]";
                    var name = reader.GetString()!;
                    if (depth == 1) lastName = name; // a property of the root object
                    if (depth == eventDepth + 1) field = name;
                }
                else if (!valid) return index < 0 || depth <= eventDepth ? "a string" : $"events[{index}].{field}";
            }
        }
        catch (JsonException) { } // malformed before the bad text: name what is known
        return index < 0 ? "a string" : $"events[{index}].{field}";
    }

    /// <summary>The event's "id" when it is a string (so a refusal can name the event); null otherwise or if unreadable.</summary>
    private static string? IdOf(Utf8JsonReader reader)
    {
        try
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException) { return null; }
    }
}
