using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Replay;

/// <summary>
/// Replay is exact: the simulator runs against the real host, the live state is captured at several
/// moments, then a replay drawn at those moments equals it, grid by grid.
/// </summary>
public sealed class ReplayExactnessTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
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

        // seek in an order that goes forward, back and forward again: checkpoints and the cursor both get used
        await SimulatedCounty.AssertReplayEqualsCapturesAsync(host, start.AddMinutes(-1), [captures[1], captures[0], captures[2]]);
    }
}
