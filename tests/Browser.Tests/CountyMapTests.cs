using CommandCenter.Accounts;
using CommandCenter.Geography;
using CommandCenter.TestSupport;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// The CountyMap component (issue 16 item 4): one Blazor component draws the county on the wall, the console and replay,
/// and a click on the map goes through the circuit to .NET, which renders the card from the live state; the card closes
/// by itself (Wall:CardCloseAfter, 5 s in these tests).
/// </summary>
[Collection("wall")]
public sealed class CountyMapTests(WallFixture f)
{
    private const string Password = "countymap-password-1";
    private const int Within = 10_000;

    /// <summary>The map's grids drawn on screen: the component made the map and js/map.js drew the county into it.</summary>
    private static async Task<int> GridsDrawnAsync(IPage page, string global)
    {
        await page.WaitForFunctionAsync($"() => window.{global}?.map?.ready && window.{global}.map.map.loaded()", null, new() { Timeout = 30_000 });
        return await page.EvaluateAsync<int>($"() => window.{global}.map.map.queryRenderedFeatures({{ layers: ['grid-fill'] }}).length");
    }

    [Fact]
    public async Task The_component_draws_the_county_on_the_wall_the_console_and_replay()
    {
        await using var host = await f.StartHostWithAccountAsync("countymap_pages", "coord", "调度员-孙", Roles.Coordinator, Password);
        var wall = await f.OpenWallAsync(host);
        Assert.True(await GridsDrawnAsync(wall, "__wall") > 1000);
        // one map element, made by the component inside its interactive island
        Assert.Equal(1, await wall.Locator("#map canvas.maplibregl-canvas").CountAsync());

        var console = await f.SignInAsync(host, "coord", Password);
        await console.WaitForFunctionAsync("() => window.__console && window.__console.live.status === 'live'", null, new() { Timeout = 30_000 });
        Assert.True(await GridsDrawnAsync(console, "__console") > 1000);

        var replay = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await replay.GotoAsync($"{host.BaseUrl}/replay?token={WallFixture.Token}");
        Assert.True(await GridsDrawnAsync(replay, "__replay") > 1000);
        foreach (var (page, name) in new[] { (wall, "wall"), (console, "console"), (replay, "replay") })
        {
            await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath($"countymap-{name}-1080p.png") });
            await page.CloseAsync();
        }
    }

    /// <summary>Clicks the map of <paramref name="global"/> at a place once the layer is drawn there.</summary>
    private static async Task ClickMapAtAsync(IPage page, string global, GeoPoint at, string layer)
    {
        await page.WaitForFunctionAsync($"() => window.{global}?.map?.ready", null, new() { Timeout = 30_000 });
        var query = $"const m = window.{global}.map.map; const p = m.project([{at.Lon}, {at.Lat}]);";
        await page.WaitForFunctionAsync($"() => {{ {query} return !m.isMoving() && m.queryRenderedFeatures([p.x, p.y], {{ layers: ['{layer}'] }}).length > 0; }}", null, new() { Timeout = 30_000 });
        var point = await page.EvaluateAsync<double[]>($"() => {{ {query} const r = m.getCanvas().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }}");
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);
    }

    [Fact]
    public async Task A_click_on_a_unit_a_point_of_interest_or_a_grid_goes_through_the_circuit_and_opens_its_card_which_closes_by_itself()
    {
        await using var host = await f.StartHostWithAccountAsync("countymap_cards", "coord", "调度员-钱", Roles.Coordinator, Password);
        var police = Wire.Map.Pois.First(p => p.Kind == PoiKind.PoliceStation);
        var depot = Wire.Map.Pois.First(p => p.Kind == PoiKind.SupplyDepot);
        var console = await f.SignInAsync(host, "coord", Password);
        await console.WaitForFunctionAsync("() => window.__console && window.__console.live.status === 'live'", null, new() { Timeout = 30_000 });
        // an incident at a grid and a police crew sent to it, through the console's API as the console's buttons send them
        var ordered = await console.EvaluateAsync<bool>(@"async ([grid, unit]) => {
            const csrf = document.querySelector('meta[name=""csrf-token""]').content;
            const post = (url, body) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf }, body: JSON.stringify(body) }).then(r => r.json());
            const opened = await post('api/v1/console/incidents', { requestId: crypto.randomUUID(), title: '测试火情', level: 2, gridCode: grid });
            const sent = await post(`api/v1/console/incidents/${opened.extra.incidentId}/orders`, { requestId: crypto.randomUUID(), units: [{ unitId: unit, unitKind: 'police' }] });
            return sent.status === 'accepted' || sent.status === 'applied' || !sent.error; }", new[] { Wire.Grid(500), police.Id + "-1" });
        Assert.True(ordered);

        // the wall: the unit on its way, its card from the live board
        var wall = await f.OpenWallAsync(host);
        var marker = wall.Locator(".unit-marker").First;
        await marker.WaitForAsync(new() { Timeout = Within });
        await marker.ClickAsync();
        var unitCard = wall.Locator("#unit-card[data-loaded='true']");
        await unitCard.WaitForAsync(new() { Timeout = Within });
        var text = await unitCard.InnerTextAsync();
        Assert.Contains($"{police.Name}警组1", text);
        Assert.Contains("测试火情", text);
        Assert.Contains("已下达", text);   // its state
        Assert.Contains("预计到达", text); // not on scene yet: when it is expected
        await wall.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("countymap-wall-unit-card-1080p.png") });
        await unitCard.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = Within });

        // a supply depot: its stock by item
        await ClickMapAtAsync(wall, "__wall", depot.Position, "pois");
        var poiCard = wall.Locator($"#poi-card[data-poi='{depot.Id}'][data-loaded='true']");
        await poiCard.WaitForAsync(new() { Timeout = Within });
        text = await poiCard.InnerTextAsync();
        Assert.Contains(depot.Name, text);
        Assert.Contains("应急物资储备点", text);
        Assert.Equal(8, await poiCard.Locator("li[data-item]").CountAsync()); // every item, sandbags to lights
        await wall.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("countymap-wall-poi-card-1080p.png") });
        await poiCard.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = Within });

        // the console's map is the same component: a grid opens its card there too
        var grid = Enumerable.Range(1200, 200).First(i => Wire.Map.LocateGrid(Wire.Map.Grids[i].LabelPoint)?.Code == Wire.Grid(i));
        await ClickMapAtAsync(console, "__console", Wire.Map.Grids[grid].LabelPoint, "grid-fill");
        var gridCard = console.Locator($"#grid-card[data-grid='{Wire.Grid(grid)}'][data-loaded='true']");
        await gridCard.WaitForAsync(new() { Timeout = Within });
        await console.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("countymap-console-grid-card-1080p.png") });
        await gridCard.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = Within });
        await wall.CloseAsync();
        await console.CloseAsync();
    }

    [Fact]
    public async Task A_card_speaks_the_page_s_language()
    {
        var depot = Wire.Map.Pois.First(p => p.Kind == PoiKind.SupplyDepot);
        var wall = await f.OpenWallAsync(query: "&lang=en");
        await ClickMapAtAsync(wall, "__wall", depot.Position, "pois");
        var card = wall.Locator($"#poi-card[data-poi='{depot.Id}'][data-loaded='true']");
        await card.WaitForAsync(new() { Timeout = Within });
        var text = await card.InnerTextAsync();
        Assert.Contains("Supply depot", text);
        Assert.Contains("sandbags", text);
        Assert.DoesNotContain("沙袋", text);
        await wall.CloseAsync();
    }

    [Fact]
    public async Task A_click_on_an_alarm_opens_its_grid_s_card_with_that_alarm_marked_at_4K()
    {
        var grid = Enumerable.Range(900, 200).First(i => Wire.Map.LocateGrid(Wire.Map.Grids[i].LabelPoint)?.Code == Wire.Grid(i));
        var first = Wire.Id("alarm-card");
        var clicked = Wire.Id("alarm-card");
        await f.Host.PostEventsAsync([Wire.Raise(grid, first, 3), Wire.Raise(grid, clicked, 1)]);
        var wall = await f.OpenWallAsync(width: 3840, height: 2160);
        await wall.WaitForFunctionAsync("id => window.__wall.map.pulses.has(id)", clicked, new() { Timeout = Within }); // drawn: it pulses
        // the alarm sits at its grid's label point (it has no position of its own): the most severe one is drawn on top
        await ClickMapAtAsync(wall, "__wall", Wire.Map.Grids[grid].LabelPoint, "alarms");
        var card = wall.Locator($"#grid-card[data-grid='{Wire.Grid(grid)}'][data-loaded='true']");
        await card.WaitForAsync(new() { Timeout = Within });
        Assert.Equal(2, await card.Locator("li[data-alarm]").CountAsync());
        var picked = await card.Locator("li.picked").GetAttributeAsync("data-alarm");
        Assert.Contains(picked, new[] { first, clicked });
        await wall.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("countymap-wall-alarm-card-4k.png") });
        await wall.CloseAsync();
    }
}
