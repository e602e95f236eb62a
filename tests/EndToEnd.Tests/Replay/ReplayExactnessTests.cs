using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Replay;

/// <summary>
/// Replay is exact: the simulator runs against the real host, the live state is captured at several
/// moments, then a replay drawn at those moments equals it, grid by grid.
/// </summary>
[Collection(InfluxFixture.Collection)]
public sealed class ReplayExactnessTests(InfluxFixture influx)
{
    [Fact]
    public async Task The_replayed_state_at_captured_moments_equals_the_live_state_grid_by_grid()
    {
        await using var host = new HostProcess(influx.Server.Url, $"replay_{Guid.NewGuid():N}", SimulatedCounty.Settings(
            ("Grains__EscalationThresholds__0", "00:00:02"),
            ("Grains__EscalationThresholds__1", "00:00:05"),
            ("Grains__OnDutyWindow", "00:00:06")));
        var start = DateTimeOffset.UtcNow;
        await host.StartAsync();
        var captures = await SimulatedCounty.CaptureAsync(host, 3);
        Assert.True(captures[^1]["grids"]!.AsArray().Count > 100, "the simulator should have touched many grids");

        var last = DateTimeOffset.Parse((string)captures[^1]["asOf"]!);
        using var open = await host.Http.PostAsync("api/v1/replay", JsonContent(new { from = start.AddMinutes(-1), to = last.AddSeconds(1) }));
        Assert.Equal(HttpStatusCode.Accepted, open.StatusCode);
        var id = (string)JsonNode.Parse(await open.Content.ReadAsStringAsync())!["id"]!;
        await WaitReadyAsync(host, id);

        // seek in an order that goes forward, back and forward again: checkpoints and the cursor both get used
        foreach (var capture in new[] { captures[1], captures[0], captures[2] })
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

    private static StringContent JsonContent(object o) => new(JsonSerializer.Serialize(o), System.Text.Encoding.UTF8, "application/json");

    private static async Task WaitReadyAsync(HostProcess host, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var s = JsonNode.Parse(await host.Http.GetStringAsync($"api/v1/replay/{id}"))!;
            if ((string)s["status"]! == "ready") return;
            Assert.NotEqual("failed", (string)s["status"]!);
            await Task.Delay(200);
        }
        Assert.Fail("replay did not load within 60 s");
    }
}
