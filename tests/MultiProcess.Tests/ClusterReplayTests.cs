using System.Text.Json.Nodes;
using CommandCenter.Accounts;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.MultiProcess.Tests;

/// <summary>
/// Replay is exact on a cluster too: two hosts form one Orleans cluster over a real Redis, the simulator feeds one of them
/// (its grid grains live on both silos), and the county captured on the other host — asked of every grain, on both silos —
/// equals a replay of the log drawn at the same moments, county-wide and grid by grid.
/// </summary>
public sealed class ClusterReplayTests
{
    private const string Password = "correct-horse-42";

    [Fact]
    public async Task A_capture_asked_of_grains_on_two_silos_equals_the_replay_at_the_same_moments()
    {
        await using var influx = await InfluxServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        var db = $"replay_{Guid.NewGuid():N}"[..24];
        var users = Path.Combine(Directory.CreateTempSubdirectory("cc-users-").FullName, "users.json");
        new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build())
            .Save("admin1", "管理员", Roles.Admin, Password);
        var cluster = $"cc-{Guid.NewGuid():N}"[..16];
        Dictionary<string, string> Settings(bool simulate) => SimulatedCounty.Settings(
            ("Cluster__Redis", redis.ConnectionString), ("Cluster__ClusterId", cluster), ("Accounts__File", users), ("Cluster__WaitForSilos", "2"),
            ("Simulator__Enabled", simulate ? "true" : "false"),
            ("Grains__EscalationThresholds__0", "00:00:02"), ("Grains__EscalationThresholds__1", "00:00:05"),
            ("Grains__OnDutyWindow", "00:00:06"));
        await using var fed = new HostProcess(influx.Url, db, Settings(simulate: true));
        await using var asked = new HostProcess(influx.Url, db, Settings(simulate: false));
        var start = DateTimeOffset.UtcNow;
        // started together and each waiting for two silos before loading the county, so the grid grains are placed on both
        await Task.WhenAll(fed.StartAsync(TimeSpan.FromSeconds(120)), asked.StartAsync(TimeSpan.FromSeconds(120)));

        using var admin = new ConsoleSession(asked.BaseUrl);
        await admin.SignInAsync("admin1", Password);
        var silos = JsonNode.Parse(await admin.GetStringAsync("/api/v1/admin/cluster"))!.AsArray();
        Assert.True(silos.Count(s => (string)s!["status"]! == "Active") == 2, $"two active silos expected: {silos.ToJsonString()}");
        Assert.All(silos, s => Assert.True((int?)s!["grains"]?["GridGrain"] > 0, $"a silo without grid grains: {silos.ToJsonString()}"));

        var captures = await SimulatedCounty.CaptureAsync(asked, 3);
        Assert.True(captures[^1]["grids"]!.AsArray().Count > 100, "the simulator should have touched many grids");
        await SimulatedCounty.AssertReplayEqualsCapturesAsync(asked, start.AddMinutes(-1), [captures[1], captures[0], captures[2]]);
    }
}
