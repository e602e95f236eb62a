using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Replay;

/// <summary>
/// Stored snapshots change how fast state is rebuilt, never what it is: a host restarted from the newest
/// snapshot (plus the events after it) shows the same picture as one restarted from the whole log, and a
/// replay opened from a snapshot draws the same frames as one opened from the start of the log, equal to the
/// live state captured at those moments.
/// </summary>
public sealed class SnapshotStartTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    [Fact]
    public async Task A_host_and_a_replay_started_from_a_snapshot_equal_ones_started_from_the_whole_log()
    {
        await using var host = new HostProcess(influx.Server.Url, $"snap_{Guid.NewGuid():N}", SimulatedCounty.Settings(
            ("Snapshots__CheckInterval", "00:00:01"),
            ("Snapshots__EveryEvents", "400"),
            // whole-county snapshots are the mailbox silo's; the Orleans grains do not write them yet (issue 15 note)
            ("Live__Engine", "mailbox")));
        await host.StartAsync();
        var captures = await SimulatedCounty.CaptureAsync(host, 3);
        await WaitForAsync(() => host.Log.Contains("snapshot after seq"), "the live silo should have stored snapshots");

        // restart without the simulator: from the snapshot, then from the whole log; the pictures must match
        host.Kill();
        host.Configure("Simulator__Enabled", "false");
        await host.StartAsync();
        Assert.True(host.Log.Contains("restored the snapshot after seq"), "the host should have started from a snapshot:\n" + host.Log);
        var fromSnapshot = await PictureAsync(host);
        await host.StopAsync();
        host.Configure("Snapshots__RestoreOnStart", "false");
        await host.StartAsync();
        var fromLog = await PictureAsync(host);
        Assert.Equal(fromLog, fromSnapshot);

        // a replay whose range starts after the first snapshots: once from a snapshot, once from the log's start
        var from = DateTimeOffset.Parse((string)captures[0]["asOf"]!);
        var to = DateTimeOffset.Parse((string)captures[2]["asOf"]!).AddSeconds(1);
        var (snapId, snapStatus) = await OpenAsync(host, from, to, snapshots: true);
        var (logId, logStatus) = await OpenAsync(host, from, to, snapshots: false);
        Assert.True((long)snapStatus["snapshotSeq"]! > 0, "the replay should have started from a snapshot: " + snapStatus);
        Assert.Equal(0, (long)logStatus["snapshotSeq"]!);
        Assert.True((long)snapStatus["eventsBefore"]! < (long)logStatus["eventsBefore"]!);
        foreach (var capture in new[] { captures[1], captures[2] })
        {
            var at = Uri.EscapeDataString((string)capture["asOf"]!);
            var a = JsonNode.Parse(await host.Http.GetStringAsync($"api/v1/replay/{snapId}/frame?at={at}&full=true"))!;
            var b = JsonNode.Parse(await host.Http.GetStringAsync($"api/v1/replay/{logId}/frame?at={at}&full=true"))!;
            Assert.Equal(Canonical(b), Canonical(a));
            Assert.Equal(capture["county"]!.ToJsonString(), a["county"]!["figures"]!.ToJsonString());
            Assert.Equal(capture["grids"]!.AsArray().Count, a["grids"]!.AsArray().Count);
        }
    }

    [Fact]
    public async Task Diff_frames_applied_in_order_give_the_picture_of_a_whole_frame()
    {
        await using var host = new HostProcess(influx.Server.Url, $"diff_{Guid.NewGuid():N}", new Dictionary<string, string>
        {
            ["Simulator__Enabled"] = "true",
            ["Simulator__EventsPerSecond"] = "300",
            ["Simulator__AlarmShare"] = "0.15",
            ["Simulator__CaseShare"] = "0.2",
            ["Grains__EscalationThresholds__0"] = "00:00:02",
            ["Grains__EscalationThresholds__1"] = "00:00:05",
        });
        var start = DateTimeOffset.UtcNow;
        await host.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(8));
        var end = DateTimeOffset.UtcNow;
        var (id, _) = await OpenAsync(host, start.AddSeconds(-1), end, snapshots: true);
        var (check, _) = await OpenAsync(host, start.AddSeconds(-1), end, snapshots: true);

        // the page's side: a whole frame first, then diffs asked with since = the last frame's number
        var first = JsonNode.Parse(await host.Http.GetStringAsync($"api/v1/replay/{id}/frame?at={Iso(start)}&full=true"))!;
        var grids = first["grids"]!.AsArray().ToDictionary(g => (string)g!["code"]!, Drawn);
        var alarms = first["alarms"]!.AsArray().ToDictionary(a => (string)a!["id"]!, a => a!.ToJsonString());
        var number = (long)first["number"]!;
        var diffs = 0;
        var steps = 24;
        for (var k = 1; k <= steps; k++)
        {
            var at = start + (end - start) * k / steps;
            var f = JsonNode.Parse(await host.Http.GetStringAsync($"api/v1/replay/{id}/frame?at={Iso(at)}&since={number}"))!;
            if (f["base"] is not null)
            {
                diffs++;
                Assert.Equal(number, (long)f["base"]!);
                Assert.Null(f["checkIns"]);
                foreach (var r in f["alarmsRemoved"]!.AsArray()) alarms.Remove((string)r!);
            }
            else
            {
                if ((bool)f["full"]!) grids.Clear();
                alarms.Clear();
            }
            foreach (var g in f["grids"]!.AsArray()) grids[(string)g!["code"]!] = Drawn(g);
            foreach (var a in f["alarms"]!.AsArray()) alarms[(string)a!["id"]!] = a!.ToJsonString();
            number = (long)f["number"]!;
        }
        Assert.True(diffs >= steps - 2, $"only {diffs} of {steps} frames were diffs");
        var whole = JsonNode.Parse(await host.Http.GetStringAsync($"api/v1/replay/{check}/frame?at={Iso(end)}&full=true"))!;
        var expectedGrids = whole["grids"]!.AsArray().ToDictionary(g => (string)g!["code"]!, Drawn);
        // a grid drawn normal with nothing on it is what the page draws for a grid no frame names (a whole frame resets every
        // grid to that): a whole frame may list one that came back to it between two diffs, which a diff rightly leaves out
        static bool Marked(KeyValuePair<string, string> g) => g.Value != "normal False False False";
        Assert.Equal(expectedGrids.Where(Marked).OrderBy(g => g.Key), grids.Where(Marked).OrderBy(g => g.Key));
        Assert.Equal(whole["alarms"]!.AsArray().Select(a => a!.ToJsonString()).Order(), alarms.Values.Order());
    }

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));

    private static string Drawn(JsonNode? g) => $"{(string)g!["level"]!} {(long)g["casesOverdue"]! > 0} {(bool)g["patrolled"]!} {(long)g["drillActive"]! > 0}";

    /// <summary>A frame without its ordering: grids and alarms sorted by their keys.</summary>
    private static string Canonical(JsonNode frame)
    {
        var grids = frame["grids"]!.AsArray().Select(g => g!.ToJsonString()).Order(StringComparer.Ordinal);
        var alarms = frame["alarms"]!.AsArray().Select(g => g!.ToJsonString()).Order(StringComparer.Ordinal);
        return string.Join("\n", [frame["county"]!.ToJsonString(), frame["streets"]!.ToJsonString(), .. grids, .. alarms,
            frame["drills"]!.ToJsonString(), frame["feed"]!.ToJsonString()]);
    }

    private static async Task<string> PictureAsync(HostProcess host)
    {
        var county = JsonNode.Parse(await host.Http.GetStringAsync("api/v1/county"))!;
        var grids = JsonNode.Parse(await host.Http.GetStringAsync("api/v1/grids"))!.AsArray()
            .OrderBy(g => (string)g!["code"]!).Select(g => g!.ToJsonString());
        using var health = JsonDocument.Parse(await host.Http.GetStringAsync("healthz"));
        var applied = health.RootElement.GetProperty("silo").GetProperty("eventsApplied").GetInt64();
        return $"applied {applied}\n" + county["summary"]!["figures"]!.ToJsonString() + "\n" + county["summary"]!["oldestUnackedAt"] + "\n" + string.Join("\n", grids);
    }

    private static async Task<(string Id, JsonNode Status)> OpenAsync(HostProcess host, DateTimeOffset from, DateTimeOffset to, bool snapshots)
    {
        using var open = await host.Http.PostAsync("api/v1/replay",
            new StringContent(JsonSerializer.Serialize(new { from, to, snapshots }), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, open.StatusCode);
        var id = (string)JsonNode.Parse(await open.Content.ReadAsStringAsync())!["id"]!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var s = JsonNode.Parse(await host.Http.GetStringAsync($"api/v1/replay/{id}"))!;
            if ((string)s["status"]! == "ready") return (id, s);
            Assert.NotEqual("failed", (string)s["status"]!);
            await Task.Delay(200);
        }
        throw new TimeoutException("replay did not load within 60 s");
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail(what);
            await Task.Delay(200);
        }
    }
}
