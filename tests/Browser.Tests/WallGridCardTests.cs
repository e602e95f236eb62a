using CommandCenter.Events;
using CommandCenter.TestSupport;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// Click to see (issue 16): a click on a grid of the wall's map opens its card — who is on duty, its open alarms and cases
/// with their ages, its last patrol — and the card closes by itself (a kiosk has nobody to close it).
/// </summary>
[Collection("wall")]
public sealed class WallGridCardTests(WallFixture f)
{
    private const int Within = 8_000;

    [Fact]
    public async Task A_click_on_a_grid_opens_its_card_with_workers_alarms_and_cases_and_it_closes_by_itself()
    {
        // a grid whose label point lies inside it (the click goes there, and the check-in is placed by it)
        var grid = Enumerable.Range(1200, 200).First(i => Wire.Map.LocateGrid(Wire.Map.Grids[i].LabelPoint)?.Code == Wire.Grid(i));
        var alarm = Wire.Id("card");
        var caseId = Wire.Id("case");
        await f.Host.PostEventsAsync([Wire.CheckIn(grid, "w-card-1") with { Actor = "网格员-张敏" }, Wire.Raise(grid, alarm, 2),
            Wire.Case(grid, caseId, CaseState.Reported, "fire_safety")]);
        var page = await f.OpenWallAsync();
        // the grid's label point, on screen
        var label = Wire.Map.Grids[grid].LabelPoint;
        await page.WaitForFunctionAsync("() => window.__wall.map.ready", null, new() { Timeout = Within });
        await page.WaitForFunctionAsync($"code => window.__wall.map.gridStates.get(code)?.level > 0", Wire.Grid(grid), new() { Timeout = Within });
        var point = await page.EvaluateAsync<double[]>($"() => {{ const m = window.__wall.map.map; const p = m.project([{label.Lon}, {label.Lat}]); const r = m.getCanvas().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }}");
        await page.WaitForFunctionAsync($"() => {{ const m = window.__wall.map.map; const r = m.getCanvas().getBoundingClientRect(); " +
            $"return m.loaded() && m.queryRenderedFeatures([{point[0]} - r.left, {point[1]} - r.top], {{ layers: ['grid-fill'] }}).length > 0; }}", null, new() { Timeout = 30_000 }); // a busy machine takes a while to tile the grids
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);

        var card = page.Locator($"#grid-card[data-grid='{Wire.Grid(grid)}'][data-loaded='true']");
        await card.WaitForAsync(new() { Timeout = Within });
        var text = await card.InnerTextAsync();
        Assert.Contains("网格员-张敏", text);
        Assert.Contains("烟感", text); // the alarm's kind
        Assert.Contains("消防安全", text); // the case's category
        Assert.Equal(1, await card.Locator("li.unacked .sev.sev2").CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("wall-grid-card-1080p.png") });
        await card.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = Within });
        await page.CloseAsync();
    }
}
