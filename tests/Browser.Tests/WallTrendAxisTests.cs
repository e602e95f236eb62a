using CommandCenter.TestSupport;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// Issue 14 item 3 on the wall: the 24-hour trend axis reads in the county's time (Asia/Shanghai) even on a PC whose
/// zone is UTC, and right after a start it spans the last hour, not two empty days.
/// </summary>
[Collection("wall")]
public sealed class WallTrendAxisTests(WallFixture f)
{
    [Fact]
    public async Task The_trend_axis_is_in_county_time_and_spans_only_recent_hours_after_a_start()
    {
        await using var host = new HostProcess(f.Influx.Url, $"trend_axis_{Guid.NewGuid():N}"[..24], WallFixture.HostSettings);
        await host.StartAsync();
        await using var context = await f.Browser.NewContextAsync(new() { TimezoneId = "UTC", ViewportSize = new() { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/wall?token={WallFixture.Token}");
        await page.WaitForFunctionAsync("() => window.__wall && window.__wall.trends && window.__wall.trends.chart.getOption().xAxis[0].max != null", null, new() { Timeout = 30_000 });

        var extent = await page.EvaluateAsync<double[]>("() => window.__wall.trends.chart.getModel().getComponent('xAxis', 0).axis.scale.getExtent()");
        var span = TimeSpan.FromMilliseconds(extent[1] - extent[0]);
        Assert.InRange(span, TimeSpan.FromMinutes(50), TimeSpan.FromHours(3));

        var at = new DateTimeOffset(2026, 12, 4, 17, 5, 0, TimeSpan.Zero); // 01:05 the next day in Beijing
        var label = await page.EvaluateAsync<string>("ms => window.__wall.trends.chart.getOption().xAxis[0].axisLabel.formatter(ms)", at.ToUnixTimeMilliseconds());
        Assert.Equal("01:05", label);
        Assert.Equal("Asia/Shanghai", await page.GetAttributeAsync("meta[name=county-time-zone]", "content"));
        // the wall clock too: county time, not the PC's UTC
        await page.WaitForFunctionAsync("() => /^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$/.test(document.getElementById('clock').textContent)", null, new() { Timeout = 5_000 });
        var clock = DateTimeOffset.ParseExact(await page.InnerTextAsync("#clock") + " +08:00", "yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(clock - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(-2), TimeSpan.FromMinutes(2));
    }
}
