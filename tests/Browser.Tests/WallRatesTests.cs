using CommandCenter.Events;
using CommandCenter.TestSupport;

namespace CommandCenter.Browser.Tests;

/// <summary>Issue 14 item 5 on the wall: 按期处置率 and 结案率 are "—" with the reason on hover until a case closes, then real.</summary>
[Collection("wall")]
public sealed class WallRatesTests(WallFixture f)
{
    [Fact]
    public async Task Rates_show_a_dash_with_the_reason_until_a_case_closes_then_a_percentage()
    {
        await using var host = new HostProcess(f.Influx.Url, "wall_rates", WallFixture.HostSettings);
        await host.StartAsync();
        var open = Wire.Id("case-open");
        await host.PostEventsAsync([Wire.Case(50, open, CaseState.Reported)]);
        var page = await f.OpenWallAsync(host);

        foreach (var key in new[] { "onTime", "closure" })
        {
            Assert.Equal("—", await page.InnerTextAsync($".tile[data-key={key}] .v"));
            Assert.Contains("尚无案件结案", await page.GetAttributeAsync($".tile[data-key={key}]", "title") ?? "");
        }

        var closed = Wire.Id("case-closed");
        foreach (var state in new[] { CaseState.Reported, CaseState.Accepted, CaseState.Dispatched, CaseState.InProgress, CaseState.Handled, CaseState.Verified, CaseState.Closed })
            await host.PostEventsAsync([Wire.Case(51, closed, state)]);
        await page.WaitForFunctionAsync("() => document.querySelector('.tile[data-key=closure] .v').textContent === '50.0%'", null, new() { Timeout = 8_000 });
        Assert.Equal("100.0%", await page.InnerTextAsync(".tile[data-key=onTime] .v"));
        Assert.Equal("按期处置率", await page.GetAttributeAsync(".tile[data-key=onTime]", "title")); // back to the tile's label
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("wall-rates.png") });
        await page.CloseAsync();
    }
}
