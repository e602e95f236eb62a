using System.Text.RegularExpressions;
using CommandCenter.Events;
using CommandCenter.TestSupport;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>The banner over the wall's map: unacknowledged real level-I/II alarms, how many and how old the oldest is.</summary>
[Collection("wall")]
public sealed partial class WallUrgentBannerTests(WallFixture f)
{
    private const int Within = 8_000;

    [Fact]
    public async Task The_banner_counts_unacknowledged_level_I_and_II_alarms_with_the_oldest_age_ticking_and_ignores_drills_and_levels_III_IV()
    {
        var page = await f.OpenWallAsync();
        // earlier tests of the collection may have left alarms open: acknowledge them, and the banner goes away
        var left = await page.EvaluateAsync<string[]>("() => window.__wall.panels.alarms.filter(a => !a.acked && !a.drillId).map(a => a.id)");
        if (left.Length > 0) await f.Host.PostEventsAsync(left.Select(id => Wire.Ack(id)).ToArray());
        await page.Locator("#urgent-banner[hidden]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Within });

        // levels III and IV and a drill's level-I alarm: still no banner
        var drill = Wire.Id("drill");
        await f.Host.PostEventsAsync([Wire.Drill(drill, EventType.DrillStarted, "消防疏散演练", Wire.Map.Streets[5].Code),
            Wire.Raise(2380, Wire.Id("u3"), 3), Wire.Raise(2381, Wire.Id("u4"), 4), Wire.Raise(2382, Wire.Id("ud"), 1) with { DrillId = drill }]);
        await page.WaitForFunctionAsync("() => window.__wall.panels.alarms.length >= 3 && window.__wall.panels.alarms.some(a => a.drillId)", null, new() { Timeout = Within });
        await Task.Delay(500);
        Assert.True(await page.Locator("#urgent-banner").IsHiddenAsync(), "the banner shows for level-III/IV or drill alarms");

        // a level-I alarm raised 5 minutes ago and a fresh level-II one: 2, the oldest 5 minutes
        var old = Wire.Id("u1");
        var fresh = Wire.Id("u2");
        await f.Host.PostEventsAsync([Wire.Raise(2383, old, 1) with { OccurredAt = Wire.Now.AddMinutes(-5) }, Wire.Raise(2384, fresh, 2)]);
        await page.Locator("#urgent-banner:not([hidden])").WaitForAsync(new() { Timeout = Within });
        await page.WaitForFunctionAsync("() => document.querySelector('#urgent-count').textContent === '2'", null, new() { Timeout = Within });
        var age = await page.Locator("#urgent-age").InnerTextAsync();
        Assert.Matches(OldestFiveMinutes(), age);
        Assert.Contains("未确认 I/II 级告警", await page.Locator("#urgent-banner").InnerTextAsync());
        // the age ticks
        await page.WaitForFunctionAsync("was => document.querySelector('#urgent-age').textContent !== was", age, new() { Timeout = 3_000 });
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("wall-urgent-1080p.png") });

        // acknowledging the old one: 1, and the oldest is now the fresh one (seconds)
        await f.Host.PostEventsAsync([Wire.Ack(old)]);
        await page.WaitForFunctionAsync("() => document.querySelector('#urgent-count').textContent === '1'", null, new() { Timeout = Within });
        await page.WaitForFunctionAsync("() => /^最久 \\d+秒$/.test(document.querySelector('#urgent-age').textContent)", null, new() { Timeout = Within });

        // in English at 4K, then the last one acknowledged: gone
        var en = await f.OpenWallAsync(width: 3840, height: 2160, query: "&lang=en");
        await en.Locator("#urgent-banner:not([hidden])").WaitForAsync(new() { Timeout = Within });
        Assert.Contains("Unacknowledged level I/II alarms", await en.Locator("#urgent-banner").InnerTextAsync());
        Assert.Matches(@"^oldest \d+s$", await en.Locator("#urgent-age").InnerTextAsync());
        await en.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("wall-urgent-4k-en.png") });
        await f.Host.PostEventsAsync([Wire.Ack(fresh)]);
        await page.Locator("#urgent-banner[hidden]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Within });
        await en.Locator("#urgent-banner[hidden]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Within });
        await f.Host.PostEventsAsync([Wire.Drill(drill, EventType.DrillEnded, "消防疏散演练")]);
        await en.CloseAsync();
        await page.CloseAsync();
    }

    [GeneratedRegex(@"^最久 5分\d\d秒$")]
    private static partial Regex OldestFiveMinutes();
}
