using System.Reflection;
using System.Text.Json.Serialization;

namespace CommandCenter.Events;

/// <summary>The wire (snake_case) names of the event enums, both ways.</summary>
public static class WireNames
{
    public static string ToWire(this EventType t) => Names<EventType>.ToWire[t];
    public static string ToWire(this CaseState s) => Names<CaseState>.ToWire[s];
    public static string ToWire(this OrderState s) => Names<OrderState>.ToWire[s];
    public static bool TryParse<T>(string wire, out T value) where T : struct, Enum => Names<T>.FromWire.TryGetValue(wire, out value);

    private static class Names<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> ToWire = Enum.GetValues<T>().ToDictionary(v => v, v =>
            typeof(T).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? v.ToString());
        public static readonly Dictionary<string, T> FromWire = ToWire.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
    }
}
