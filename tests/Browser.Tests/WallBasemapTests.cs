using System.Collections.Concurrent;
using System.Globalization;
using CommandCenter.Basemap;
using CommandCenter.TestSupport;
using Microsoft.Playwright;
using NetTopologySuite.Geometries;
using Xunit.Abstractions;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// Issue 16 item 1: the offline vector basemap. A county's MBTiles file made here (one water polygon over a known area)
/// is served by the real host and drawn by Chromium under the grids; the demo county's generated basemap is drawn at
/// 1080p and 4K, and under the replay's map. Every request the wall page makes goes to the host itself: nothing from outside.
/// </summary>
[Collection("wall")]
public sealed class WallBasemapTests(WallFixture f, ITestOutputHelper output)
{
    // the water: the western part of the demo county (lon 120.00–120.18); east of it, no basemap feature at all
    private const double WaterWest = 119.9, WaterEast = 120.18, South = 30.0, North = 30.5;

    private static string WaterMbTiles()
    {
        var factory = new GeometryFactory();
        Coordinate W(double lon, double lat) => new(WebMercator.X(lon), WebMercator.Y(lat));
        var water = factory.CreatePolygon([W(WaterWest, South), W(WaterEast, South), W(WaterEast, North), W(WaterWest, North), W(WaterWest, South)]);
        var path = Path.Combine(Directory.CreateTempSubdirectory("cc-basemap-test-").FullName, "county.mbtiles");
        BasemapTiler.Write(path, [new BasemapFeature("water", water, BasemapFeature.Tags(("class", "lake")))], 8, 12, (WaterWest, South, 120.6, North), "test water");
        return path;
    }

    /// <summary>Records every request the page makes; the test asserts they all went to the host.</summary>
    private static ConcurrentQueue<string> Watch(IPage page)
    {
        var urls = new ConcurrentQueue<string>();
        page.Request += (_, r) => urls.Enqueue(r.Url);
        return urls;
    }

    private static void OnlyTheHost(IEnumerable<string> urls, string origin)
    {
        var outside = urls.Where(u => !u.StartsWith(origin + "/", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("blob:" + origin, StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "requests outside the host: " + string.Join(", ", outside));
    }

    [Fact]
    public async Task A_county_MBTiles_is_served_and_its_water_drawn_under_the_grids_with_nothing_requested_from_outside()
    {
        var settings = WallFixture.HostSettings;
        settings["Wall__Basemap__File"] = WaterMbTiles();
        await using var host = new HostProcess(f.Influx.Url, "wall_basemap", settings);
        await host.StartAsync();

        var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        var urls = Watch(page);
        var tiles = new ConcurrentQueue<(string Url, int Status, string? Encoding)>();
        page.Response += (_, r) => { if (r.Url.EndsWith(".pbf", StringComparison.Ordinal)) tiles.Enqueue((r.Url, r.Status, r.Headers.GetValueOrDefault("content-encoding"))); };
        await page.GotoAsync($"{host.BaseUrl}/wall?token={WallFixture.Token}");
        await page.WaitForFunctionAsync("() => window.__wall && window.__wall.map.ready", null, new() { Timeout = 30_000 });

        // hide what the county draws (grids, lines, markers, labels) to read the basemap itself; wait for its tiles
        var inv = CultureInfo.InvariantCulture;
        var points = await page.EvaluateAsync<double[][]>(string.Format(inv, """
            async () => {{
              const m = window.__wall.map.map;
              for (const l of m.getStyle().layers) if (!l.id.startsWith('bm-') && l.id !== 'background') m.setLayoutProperty(l.id, 'visibility', 'none');
              for (const e of document.querySelectorAll('.maplibregl-marker, .legend, .urgent-banner')) e.style.visibility = 'hidden';
              await new Promise(r => m.once('idle', r));
              if (!m.areTilesLoaded()) await new Promise(r => m.once('idle', r));
              const box = m.getContainer().getBoundingClientRect();
              return [[{0}, 30.27], [{1}, 30.27]].map(ll => {{ const p = m.project(ll); return [box.left + p.x, box.top + p.y]; }});
            }}
            """, (WaterWest + WaterEast) / 2 + 0.03, WaterEast + 0.12));
        var png = await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("wall-basemap-test-water.png") });
        var decoder = await f.Browser.NewPageAsync();
        var colours = await WallPaletteTests.SampleAsync(decoder, png, points, 1920);
        await decoder.CloseAsync();
        output.WriteLine($"water rgb{colours[0]}, land rgb{colours[1]}; tiles: {string.Join(" ", tiles.Select(t => $"{t.Status}{(t.Encoding is null ? "" : "+" + t.Encoding)}"))}");

        Assert.True(Near(colours[0], (0x0d, 0x2a, 0x40)), $"water drawn rgb{colours[0]}, expected the style's water #0d2a40");
        Assert.True(Near(colours[1], (0x04, 0x0a, 0x13)), $"no feature there, rgb{colours[1]}, expected the background #040a13");
        Assert.Contains(tiles, t => t.Status == 200 && t.Encoding == "gzip");
        Assert.All(tiles, t => Assert.Contains(t.Status, new[] { 200, 204 }));
        OnlyTheHost(urls, host.BaseUrl);

        // a tile address that cannot be: 400 naming the field; the TileJSON names the zooms and bounds of the file
        foreach (var (url, field) in new[] { ("/basemap/8/256/100.pbf", "x"), ("/basemap/8/200/-1.pbf", "y"), ("/basemap/8/200/100.png", "y"), ("/basemap/25/0/0.pbf", "z") })
        {
            var bad = await host.Http.GetAsync(url.TrimStart('/'));
            Assert.Equal(400, (int)bad.StatusCode);
            Assert.Equal(field, System.Text.Json.JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        }
        var tileJson = System.Text.Json.JsonDocument.Parse(await host.Http.GetStringAsync("basemap/tiles.json")).RootElement;
        Assert.Equal((8, 12), (tileJson.GetProperty("minzoom").GetInt32(), tileJson.GetProperty("maxzoom").GetInt32()));
        Assert.Equal(WaterWest, tileJson.GetProperty("bounds")[0].GetDouble(), 5);

        // without the kiosk cookie the tiles are refused like the wall's other data
        using var anonymous = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        Assert.Equal(401, (int)(await anonymous.GetAsync(new Uri(tiles.First().Url).PathAndQuery)).StatusCode);
        Assert.Equal(401, (int)(await anonymous.GetAsync("/basemap/tiles.json")).StatusCode);
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_demo_county_basemap_is_drawn_at_1080p_and_4K_with_its_names_and_nothing_from_outside()
    {
        foreach (var (w, h, size) in new[] { (1920, 1080, "1080p"), (3840, 2160, "4k") })
        {
            var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = w, Height = h } });
            var urls = Watch(page);
            await page.GotoAsync($"{f.Host.BaseUrl}/wall?token={WallFixture.Token}");
            await page.WaitForFunctionAsync("() => window.__wall && window.__wall.map.ready && window.__wall.live.status === 'live'", null, new() { Timeout = 30_000 });
            // the river's name is one of the basemap's labels once its tiles are in
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.map-label.basemap.water')].some(e => e.textContent === '临江')", null, new() { Timeout = 20_000 });
            await page.EvaluateAsync("() => new Promise(r => { const m = window.__wall.map.map; m.areTilesLoaded() ? r(true) : m.once('idle', () => r(true)); })");
            await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath($"wall-basemap-demo-{size}.png") });
            var layers = await page.EvaluateAsync<string[]>("() => window.__wall.map.map.getStyle().layers.map(l => l.id)");
            // the basemap is under the county: every bm- layer comes before the first grid layer
            Assert.True(Array.FindLastIndex(layers, l => l.StartsWith("bm-", StringComparison.Ordinal)) < Array.IndexOf(layers, "grid-fill"), string.Join(",", layers));
            if (size == "1080p")
            {
                // close up, as after a fly-to: streets, buildings and the station at zoom 14
                await page.EvaluateAsync("""
                    () => new Promise(r => {
                      const m = window.__wall.map.map, box = m.getContainer().getBoundingClientRect();
                      const s = document.querySelector('.map-label.basemap.station')?.getBoundingClientRect();
                      m.jumpTo({ center: s ? m.unproject([s.left - box.left, s.top - box.top]) : m.getCenter(), zoom: 14 });
                      m.once('idle', () => r(true));
                    })
                    """);
                await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath($"wall-basemap-demo-{size}-z14.png") });
            }
            OnlyTheHost(urls, f.Host.BaseUrl);
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task Replay_draws_the_same_basemap_under_its_map()
    {
        var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        var urls = Watch(page);
        await page.GotoAsync($"{f.Host.BaseUrl}/replay?token={WallFixture.Token}");
        await page.WaitForFunctionAsync("() => window.__replay && window.__replay.map.ready", null, new() { Timeout = 30_000 });
        // the basemap's layers are in the style and its tiles load (the river's name is placed from them)
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.map-label.basemap.water')].some(e => e.textContent === '临江')", null, new() { Timeout = 20_000 });
        var layers = await page.EvaluateAsync<string[]>("() => window.__replay.map.map.getStyle().layers.map(l => l.id)");
        Assert.Contains("bm-water", layers);
        OnlyTheHost(urls, f.Host.BaseUrl);
        await page.CloseAsync();
    }

    private static bool Near((int R, int G, int B) c, (int R, int G, int B) want) =>
        Math.Abs(c.R - want.R) <= 6 && Math.Abs(c.G - want.G) <= 6 && Math.Abs(c.B - want.B) <= 6;
}
