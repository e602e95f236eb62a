using System.Net;
using CommandCenter.Events;
using CommandCenter.TestSupport;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>The wall display in a real Chromium against the real host and InfluxDB.</summary>
[Collection("wall")]
public sealed class WallTests(WallFixture f)
{
    private const int Within = 8_000;

    [Fact]
    public async Task The_map_renders_every_grid_polygon_of_the_demo_county()
    {
        var page = await f.OpenWallAsync();
        await page.WaitForFunctionAsync("() => window.__wall.map.map.isSourceLoaded('grids') && window.__wall.map.map.areTilesLoaded()", null, new() { Timeout = 30_000 });
        var distinct = await page.EvaluateAsync<int>(
            "() => new Set(window.__wall.map.map.querySourceFeatures('grids').map(f => f.properties.code)).size");
        Assert.Equal(Wire.Map.Grids.Count, distinct);
        var rendered = await page.EvaluateAsync<int>(
            "() => new Set(window.__wall.map.map.queryRenderedFeatures({ layers: ['grid-fill'] }).map(f => f.properties.code)).size");
        Assert.Equal(Wire.Map.Grids.Count, rendered);
        Assert.Equal(Wire.Map.Grids.Count, await page.EvaluateAsync<int>("() => window.__wall.map.gridStates.size"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task An_alarm_turns_its_grid_to_the_alarm_colour_with_a_pulsing_marker_and_a_feed_row_and_acknowledging_stops_the_pulse()
    {
        var page = await f.OpenWallAsync();
        var grid = Wire.Grid(1234);
        var alarm = Wire.Id("alarm");
        var (r, _) = await f.Host.PostEventsAsync([Wire.Raise(1234, alarm, 2)]);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        await page.WaitForFunctionAsync($"() => window.__wall.map.gridStates.get('{grid}')?.level === 2", null, new() { Timeout = Within });
        await page.WaitForFunctionAsync(PulsingJs(alarm), true, new() { Timeout = Within });
        await page.Locator($"#alarms li.unacked[data-id='{alarm}']").WaitForAsync(new() { Timeout = Within });
        Assert.True(await page.Locator("#feed li", new() { HasText = Wire.Map.Find(grid)!.Name }).CountAsync() >= 1);
        // the pixel inside the grid carries the palette's alarm amber (--lv2 #e08b0f at opacity .85 over the map's
        // #040a13: rgb(191,120,16)), within a small tolerance for blending and rendering
        var (red, green, blue) = await GridPixelAsync(page, grid);
        var distance = WallPaletteTests.DeltaE(WallPaletteTests.Lab((red, green, blue)), WallPaletteTests.Lab((191, 120, 16)));
        Assert.True(distance < 6, $"grid colour rgb({red},{green},{blue}) is ΔE {distance:0.0} from the alarm amber rgb(191,120,16)");

        await f.Host.PostEventsAsync([Wire.Ack(alarm)]);
        await page.WaitForFunctionAsync(PulsingJs(alarm), false, new() { Timeout = Within });
        await page.Locator($"#alarms li.acked[data-id='{alarm}']").WaitForAsync(new() { Timeout = Within });

        // deltas carry only new or changed alarms: a second alarm joins the list and the first stays, rebuilt on the
        // page from what it had — without the page ever needing a fresh snapshot
        var second = Wire.Id("alarm");
        await f.Host.PostEventsAsync([Wire.Raise(1235, second, 3)]);
        await page.Locator($"#alarms li.unacked[data-id='{second}']").WaitForAsync(new() { Timeout = Within });
        Assert.Equal(1, await page.Locator($"#alarms li.acked[data-id='{alarm}']").CountAsync());
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__wall.live.snapshots"));
        await page.CloseAsync();
    }

    /// <summary>True when the alarm is drawn by the pulse layer (unacknowledged, real).</summary>
    private static string PulsingJs(string alarm) =>
        $"pulsing => (document.querySelector(\".alarm-pulse[data-id='{alarm}']\") !== null) === pulsing";

    /// <summary>Zooms onto the grid and reads the map canvas at a point inside it, away from its alarm marker.</summary>
    private static async Task<(int R, int G, int B)> GridPixelAsync(IPage page, string grid)
    {
        var area = Wire.Map.Find(grid)!;
        var ring = area.Shape.Polygons[0][0];
        // a point a third of the way from the label point towards the first vertex: inside a convex-ish cell
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var lon = (area.LabelPoint.Lon * 2 + ring[0].Lon) / 3;
        var lat = (area.LabelPoint.Lat * 2 + ring[0].Lat) / 3;
        var rgb = await page.EvaluateAsync<int[]>($$"""
            async () => {
              const m = window.__wall.map.map;
              m.jumpTo({ center: [{{area.LabelPoint.Lon.ToString(inv)}}, {{area.LabelPoint.Lat.ToString(inv)}}], zoom: 16 });
              await new Promise(r => m.once('idle', r));
              const pt = m.project([{{lon.ToString(inv)}}, {{lat.ToString(inv)}}]);
              const src = m.getCanvas(), c = document.createElement('canvas');
              c.width = src.width; c.height = src.height;
              const g = c.getContext('2d');
              g.drawImage(src, 0, 0);
              const r = window.devicePixelRatio;
              const d = g.getImageData(Math.round(pt.x * r), Math.round(pt.y * r), 1, 1).data;
              return [d[0], d[1], d[2]];
            }
            """);
        return (rgb[0], rgb[1], rgb[2]);
    }

    [Fact]
    public async Task A_running_drill_shows_the_banner_and_drill_alarms_are_drawn_apart()
    {
        var page = await f.OpenWallAsync();
        var drill = Wire.Id("drill");
        var street = Wire.Map.Streets[2];
        await f.Host.PostEventsAsync([Wire.Drill(drill, EventType.DrillStarted, "防汛应急演练", street.Code)]);
        await page.Locator("#drill-banner:not([hidden])").WaitForAsync(new() { Timeout = Within });
        Assert.Contains("防汛应急演练", await page.Locator("#drill-names").InnerTextAsync());
        Assert.Contains(street.Name, await page.Locator("#drill-names").InnerTextAsync());

        var alarm = Wire.Id("drill-alarm");
        await f.Host.PostEventsAsync([Wire.Raise(7, alarm, 1) with { DrillId = drill }]);
        await page.Locator($"#alarms li.drill[data-id='{alarm}']").WaitForAsync(new() { Timeout = Within });
        Assert.False(await page.EvaluateAsync<bool>(PulsingJs(alarm).Replace("pulsing =>", "() =>").Replace("=== pulsing", "")));
        Assert.NotEqual(3, await page.EvaluateAsync<int>($"() => window.__wall.map.gridStates.get('{Wire.Grid(7)}')?.level ?? 0"));

        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("wall-drill-1080p.png") });
        await f.Host.PostEventsAsync([Wire.Drill(drill, EventType.DrillEnded, "防汛应急演练")]);
        await page.Locator("#drill-banner[hidden]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Within });
        await page.CloseAsync();
    }

    [Fact]
    public async Task Screenshots_at_1080p_and_4K_fill_the_screen_without_scrollbars()
    {
        await f.Host.PostEventsAsync(Enumerable.Range(0, 300).Select(i => Wire.CheckIn(i * 8, $"w-shot-{i}"))
            .Concat(Enumerable.Range(0, 12).Select(i => Wire.Raise(i * 190 + 5, Wire.Id("shot"), i % 4 + 1))));
        foreach (var (w, h, name) in new[] { (1920, 1080, "wall-1080p.png"), (3840, 2160, "wall-4k.png") })
        {
            var page = await f.OpenWallAsync(width: w, height: h);
            await page.WaitForFunctionAsync("() => window.__wall.map.map.isSourceLoaded('grids') && window.__wall.map.map.areTilesLoaded()", null, new() { Timeout = 30_000 });
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth || document.documentElement.scrollHeight > innerHeight");
            Assert.False(overflow, $"scrollbars at {w}×{h}");
            await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath(name) });
            Assert.True(new FileInfo(BrowserSession.ScreenshotPath(name)).Length > 50_000);
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task English_is_one_click_away()
    {
        var page = await f.OpenWallAsync(query: "&lang=en");
        Assert.Contains("All-Response Command Center", await page.Locator(".brand").InnerTextAsync());
        Assert.Contains("Live", await page.Locator("#status-text").InnerTextAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task Without_the_kiosk_token_the_wall_and_its_data_are_refused()
    {
        using var http = new HttpClient { BaseAddress = new Uri(f.Host.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/wall")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/wall?token=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/geo/grids")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null)).StatusCode);
    }
}
