using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace CommandCenter.TestSupport;

/// <summary>A busy county for the replay tests: the simulator at 300 events/s with many alarms, cases and drills, captured live.</summary>
public static class SimulatedCounty
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

    /// <summary>
    /// Opens a replay of [from, to] on <paramref name="host"/>, then draws it at each capture's moment (in the order given)
    /// and asserts it equals the capture, county-wide and grid by grid.
    /// </summary>
    public static async Task AssertReplayEqualsCapturesAsync(HostProcess host, DateTimeOffset from, IEnumerable<JsonNode> captures)
    {
        var list = captures.ToList();
        var last = list.Max(c => DateTimeOffset.Parse((string)c["asOf"]!));
        using var open = await host.Http.PostAsync("api/v1/replay", new StringContent(
            JsonSerializer.Serialize(new { from, to = last.AddSeconds(1) }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, open.StatusCode);
        var id = (string)JsonNode.Parse(await open.Content.ReadAsStringAsync())!["id"]!;
        await WaitReadyAsync(host, id);

        foreach (var capture in list)
        {
            var asOf = (string)capture["asOf"]!;
            var frame = JsonNode.Parse(await host.Http.GetStringAsync($"api/v1/replay/{id}/frame?at={Uri.EscapeDataString(asOf)}&full=true"))!;
            Assert.Equal(capture["county"]!.ToJsonString(), frame["county"]!["figures"]!.ToJsonString());
            var replayed = frame["grids"]!.AsArray().ToDictionary(g => (string)g!["code"]!, g => g!);
            var live = capture["grids"]!.AsArray();
            Assert.Equal(live.Count, replayed.Count);
            foreach (var g in live)
            {
                var code = (string)g!["code"]!;
                var r = replayed[code];
                var f = g["figures"]!;
                Assert.Equal((string)g["level"]!, (string)r["level"]!);
                Assert.Equal(Sum(f, "alarmsOpenI", "alarmsOpenII", "alarmsOpenIII", "alarmsOpenIV"), (long)r["alarmsOpen"]!);
                Assert.Equal(Sum(f, "alarmsUnackedI", "alarmsUnackedII", "alarmsUnackedIII", "alarmsUnackedIV"), (long)r["alarmsUnacked"]!);
                Assert.Equal((long)f["casesOverdue"]!, (long)r["casesOverdue"]!);
                Assert.Equal((long)f["workersOnDuty"]!, (long)r["workersOnDuty"]!);
                Assert.Equal((long)f["gridsPatrolled"]! > 0, (bool)r["patrolled"]!);
            }
        }
    }

    private static long Sum(JsonNode f, params string[] keys) => keys.Sum(k => (long)f[k]!);

    /// <param name="http">a signed-in client where the host has accounts (default: the host's own client)</param>
    public static async Task WaitReadyAsync(HostProcess host, string id, HttpClient? http = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var s = JsonNode.Parse(await (http ?? host.Http).GetStringAsync($"api/v1/replay/{id}"))!;
            if ((string)s["status"]! == "ready") return;
            Assert.NotEqual("failed", (string)s["status"]!);
            await Task.Delay(200);
        }
        Assert.Fail("replay did not load within 60 s");
    }
}
