using CommandCenter.TestSupport;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// Killing and restarting the host: the page comes back by itself. The restarted server no longer has the map component's
/// circuit, so the page reloads itself once the server answers (js/circuit.js) and resyncs; nobody touches it.
/// </summary>
[Collection("wall")]
public sealed class WallReconnectTests(WallFixture f)
{
    [Fact]
    public async Task After_the_host_is_killed_and_restarted_the_page_reloads_itself_and_shows_the_right_state()
    {
        await using var host = new HostProcess(f.Influx.Url, "wall_reconnect", WallFixture.HostSettings);
        await host.StartAsync();
        var page = await f.OpenWallAsync(host);
        var loadedAt = await page.EvaluateAsync<double>("() => window.__wall.loadedAt");
        var before = Wire.Id("before");
        await host.PostEventsAsync([Wire.Raise(100, before, 3)]);
        await page.Locator($"#alarms li[data-id='{before}']").WaitForAsync(new() { Timeout = 8_000 });

        host.Kill();
        await page.WaitForFunctionAsync("() => window.__wall.live.status !== 'live'", null, new() { Timeout = 30_000 });
        await host.StartAsync();
        await page.WaitForFunctionAsync($"() => window.__wall && window.__wall.loadedAt !== {loadedAt} && window.__wall.map.ready && window.__wall.live.status === 'live'", null, new() { Timeout = 60_000 });

        // the rebuilt state: the alarm from before the crash is still shown, and new ones arrive live
        await page.Locator($"#alarms li[data-id='{before}']").WaitForAsync(new() { Timeout = 8_000 });
        var after = Wire.Id("after");
        await host.PostEventsAsync([Wire.Raise(200, after, 2)]);
        await page.Locator($"#alarms li[data-id='{after}']").WaitForAsync(new() { Timeout = 8_000 });
        await page.WaitForFunctionAsync($"() => window.__wall.map.gridStates.get('{Wire.Grid(200)}')?.level === 2", null, new() { Timeout = 8_000 });
        // and the new circuit answers a click: the grid's card comes from the restarted server's state
        await page.EvaluateAsync($"() => window.__wall.map.onGridClick('{Wire.Grid(200)}')");
        await page.Locator($"#grid-card[data-grid='{Wire.Grid(200)}'] li.unacked .sev.sev2").WaitForAsync(new() { Timeout = 8_000 });
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_server_upgrade_makes_the_page_reload_itself()
    {
        var settings = WallFixture.HostSettings;
        settings["Wall__Build"] = "release-1";
        await using var host = new HostProcess(f.Influx.Url, "wall_upgrade", settings);
        await host.StartAsync();
        var page = await f.OpenWallAsync(host);
        var loadedAt = await page.EvaluateAsync<double>("() => window.__wall.loadedAt");
        Assert.Equal("release-1", await page.GetAttributeAsync("#wall", "data-build"));

        await host.StopAsync();
        host.Configure("Wall__Build", "release-2");
        await host.StartAsync();
        await page.WaitForFunctionAsync($"() => window.__wall && window.__wall.loadedAt !== {loadedAt} && window.__wall.map.ready && window.__wall.live.status === 'live'", null, new() { Timeout = 60_000 });
        Assert.Equal("release-2", await page.GetAttributeAsync("#wall", "data-build"));
        await page.CloseAsync();
    }
}
