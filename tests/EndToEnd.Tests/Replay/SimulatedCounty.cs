using System.Text.Json.Nodes;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Replay;

/// <summary>A busy county for the replay tests: the simulator at 300 events/s with many alarms, cases and drills, captured live.</summary>
internal static class SimulatedCounty
{
    public static Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Simulator__Enabled"] = "true",
            ["Simulator__EventsPerSecond"] = "300",
            ["Simulator__AlarmShare"] = "0.15",
            ["Simulator__CaseShare"] = "0.2",
            ["Simulator__DrillEveryHours"] = "0.002",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    /// <summary>The live state (GET /api/v1/capture) every 4 s, <paramref name="count"/> times.</summary>
    public static async Task<List<JsonNode>> CaptureAsync(HostProcess host, int count)
    {
        var captures = new List<JsonNode>();
        for (var i = 0; i < count; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            captures.Add(JsonNode.Parse(await host.Http.GetStringAsync("api/v1/capture"))!);
        }
        return captures;
    }
}
