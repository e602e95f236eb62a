using CommandCenter.TestSupport;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// 风险预警 on the wall: a river gauge past red and a gas detector rising fast show as rows (colour, kind, street, reading,
/// sparkline) and as rings on the map; the river gauge falling back below blue by more than the margin takes its warning away.
/// </summary>
[Collection("wall")]
public sealed class WallWarningTests(WallFixture f)
{
    private const int Within = 8_000;

    [Fact]
    public async Task Warnings_appear_with_their_colour_reading_and_trend_and_go_when_the_reading_falls_back()
    {
        var page = await f.OpenWallAsync();
        var river = Wire.Id("river");
        var gas = Wire.Id("gas");
        await f.Host.PostEventsAsync([
            Wire.Reading(1500, river, "water_level", 3.2, minutesAgo: 40), Wire.Reading(1500, river, "water_level", 3.9, minutesAgo: 20),
            Wire.Reading(1500, river, "water_level", 4.61, minutesAgo: 1),
            Wire.Reading(1501, gas, "gas", 0.5, minutesAgo: 6), Wire.Reading(1501, gas, "gas", 8.0, minutesAgo: 1),
        ]);
        var red = page.Locator($"#warnings li.w1[data-sensor='{river}']");
        await red.WaitForAsync(new() { Timeout = Within });
        var text = await red.InnerTextAsync();
        Assert.Contains("河道水位", text);
        Assert.Contains("4.61 m", text);
        Assert.Equal(3, await red.Locator("svg.spark polyline").EvaluateAsync<int>("p => p.points.length")); // three minutes of trend
        var fast = page.Locator($"#warnings li.w3.cause-rise[data-sensor='{gas}']");
        await fast.WaitForAsync(new() { Timeout = Within });
        Assert.Contains("燃气浓度", await fast.InnerTextAsync());
        // both drawn as rings on the map, in their colours' levels
        await page.WaitForFunctionAsync(
            "ids => { const f = window.__wall.map.map.queryRenderedFeatures({ layers: ['warnings'] }).filter(x => ids.includes(x.properties.sensor)); " +
            "return f.length === 2 && f.some(x => x.properties.level === 1) && f.some(x => x.properties.level === 3); }",
            new[] { river, gas }, new() { Timeout = Within });
        // a row opens the sensor's card: its reading and its chart read back from the event log; it closes by itself
        await page.EvaluateAsync("() => document.getElementById('sensor-card').dataset.closeAfter = '4000'");
        await red.ClickAsync();
        var card = page.Locator($"#sensor-card.w1[data-sensor='{river}']");
        await card.WaitForAsync(new() { Timeout = Within });
        Assert.Contains("4.61 m", await card.Locator(".reading").InnerTextAsync());
        await page.Locator("#sensor-card[data-points='3']").WaitForAsync(new() { Timeout = Within }); // three readings, three 5-minute buckets
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("wall-warnings-1080p.png") });
        await card.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = Within });

        // back to 2.8 m (below blue's 3.0 by more than the 0.1 m margin): the river's warning goes; the gas one stays
        await f.Host.PostEventsAsync([Wire.Reading(1500, river, "water_level", 2.8)]);
        await red.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = Within });
        Assert.Equal(0, await page.Locator($"#warnings li[data-sensor='{river}']").CountAsync());
        Assert.Equal(1, await page.Locator($"#warnings li[data-sensor='{gas}']").CountAsync());
        await page.CloseAsync();
    }
}
