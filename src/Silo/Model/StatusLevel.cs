using System.Text.Json.Serialization;

namespace CommandCenter.Model;

/// <summary>A grid's status on the map: 正常 / 关注 / 告警 / 危急.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StatusLevel>))]
public enum StatusLevel
{
    [JsonStringEnumMemberName("normal")] Normal = 0,
    [JsonStringEnumMemberName("attention")] Attention = 1,
    [JsonStringEnumMemberName("alarm")] Alarm = 2,
    [JsonStringEnumMemberName("critical")] Critical = 3,
}
