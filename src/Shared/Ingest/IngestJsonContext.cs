using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommandCenter.Ingest;

/// <summary>
/// Compiled (source-generated) JSON for the ingest hot path: reading each posted event and writing the answer.
/// The same settings as <see cref="IngestJson.Options"/> (web defaults: camelCase, case-insensitive names,
/// numbers also from strings; nulls not written).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WireEvent))]
[JsonSerializable(typeof(IngestResponse))]
public sealed partial class IngestJsonContext : JsonSerializerContext;
