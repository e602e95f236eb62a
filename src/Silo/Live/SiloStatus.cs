using System.Text.Json.Serialization;

namespace CommandCenter.Live;

[JsonConverter(typeof(JsonStringEnumConverter<SiloStatus>))]
public enum SiloStatus
{
    [JsonStringEnumMemberName("starting")] Starting,
    /// <summary>Rebuilding the grains from the event log; nothing is accepted meanwhile.</summary>
    [JsonStringEnumMemberName("rebuilding")] Rebuilding,
    [JsonStringEnumMemberName("ready")] Ready,
    /// <summary>The event log could not be written: refusing events until the grains are rebuilt from it.</summary>
    [JsonStringEnumMemberName("degraded")] Degraded,
}
