using CommandCenter.Accounts;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// 应急物资 in a real browser: a warehouse system reports each depot's stock; a coordinator orders pumps for an incident
/// from the nearest depot with enough, moves the order to delivered; the console's incident shows the supply order and its
/// timeline, and the wall's stock panel drops and warns that the depot is below its minimum (zh and en).
/// </summary>
[Collection("wall")]
public sealed class SupplyFlowTests(WallFixture f)
{
    private const string Password = "supply-password-1";

    [Fact]
    public async Task Ordering_pumps_from_the_console_drops_the_stock_on_the_wall_and_warns_below_minimum()
    {
        await using var host = await f.StartHostWithAccountAsync("supply", "coord", "调度员-孙", Roles.Coordinator, Password);

        // every depot: 12 pumps (minimum 4) and 3,000 sandbags, as a warehouse system would report them
        var depots = Wire.Map.Pois.Where(p => p.Kind == PoiKind.SupplyDepot).ToList();
        WireEvent Stock(Poi d, string item, int qty, string change) => new()
            { Id = Wire.Id("stock"), Type = EventType.StockChanged, OccurredAt = Wire.Now, DepotId = d.Id, Item = item, Quantity = qty, StockChange = change };
        var stock = depots.SelectMany(d => new[] { Stock(d, "pumps", 12, "counted"), Stock(d, "pumps", 4, "minimum"), Stock(d, "sandbags", 3000, "counted") }).ToList();
        var (posted, _) = await host.PostEventsAsync(stock);
        Assert.Equal(System.Net.HttpStatusCode.OK, posted.StatusCode);
        var alarm = Wire.Id("supply");
        await host.PostEventsAsync([Wire.Raise(321, alarm, 2)]);

        var wall = await f.OpenWallAsync(host);
        await wall.Locator("#supply-stock [data-item=pumps][data-available='180']").WaitForAsync(new() { Timeout = 8_000 });

        var errors = new List<string>();
        var page = await f.SignInAsync(host, "coord", Password, p => p.PageError += (_, e) => errors.Add(e));
        await page.WaitForFunctionAsync("() => window.__console && window.__console.live.status === 'live'", null, new() { Timeout = 30_000 });
        await page.Locator("#supply-stock [data-item=pumps]").WaitForAsync(new() { Timeout = 8_000 });

        await page.Locator($"#queue li[data-id='{alarm}'] button.open").ClickAsync();
        await page.Locator("#incident .head").Filter(new() { HasText = "II级" }).WaitForAsync(new() { Timeout = 8_000 });

        // 10 pumps: the nearest depots that have them, nearest first; order from the first
        await page.SelectOptionAsync("#supply-item", "pumps");
        await page.FillAsync("#supply-qty", "10");
        await page.ClickAsync("#find-depots");
        await page.Locator("#depots .depot").First.WaitForAsync(new() { Timeout = 8_000 });
        var depotId = await page.Locator("#depots .depot").First.GetAttributeAsync("data-depot");
        var depotName = depots.Single(d => d.Id == depotId).Name;
        Assert.Contains("可用 12台", await page.Locator("#depots .depot").First.InnerTextAsync());
        await page.Locator("#depots .depot button.order-supplies").First.ClickAsync();
        await page.Locator("#supplies tbody tr[data-state=ordered]").WaitForAsync(new() { Timeout = 8_000 });
        Assert.Contains(depotName, await page.Locator("#supplies tbody").InnerTextAsync());
        // the same depot has only 2 left now: the list no longer offers it
        await page.WaitForFunctionAsync($"() => ![...document.querySelectorAll('#depots .depot')].some(d => d.dataset.depot === '{depotId}')", null, new() { Timeout = 8_000 });

        // reserved: available drops on the wall, and the depot is below its minimum (2 < 4)
        await wall.Locator("#supply-stock [data-item=pumps][data-available='170']").WaitForAsync(new() { Timeout = 8_000 });
        await wall.Locator($"#supply-stock .shortages li[data-depot='{depotId}'][data-item=pumps]").WaitForAsync(new() { Timeout = 8_000 });
        Assert.Contains("低于最低储备", await wall.Locator("#supply-warn").InnerTextAsync());
        await page.Locator($"#supply-stock .shortages li[data-depot='{depotId}']").WaitForAsync(new() { Timeout = 8_000 });

        foreach (var state in new[] { "en_route", "done" })
        {
            await page.Locator($"#supplies tbody button[data-state={state}]").ClickAsync();
            await page.Locator($"#supplies tbody tr[data-state={state}]").WaitForAsync(new() { Timeout = 8_000 });
        }
        var timeline = await page.Locator("#timeline li").AllInnerTextsAsync();
        Assert.Contains(timeline, l => l.Contains($"物资调拨：抽水泵 10台（{depotName}）已下达") && l.Contains("调度员-孙"));
        Assert.Contains(timeline, l => l.Contains($"物资调拨 抽水泵 10台（{depotName}）：运送中 → 已送达"));
        Assert.Empty(errors);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("supplies-console.png") });
        await wall.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("supplies-wall.png") });

        var wallEn = await f.OpenWallAsync(host, query: "&lang=en");
        await wallEn.Locator("#supply-stock [data-item=pumps][data-available='170']").WaitForAsync(new() { Timeout = 8_000 });
        Assert.Contains("Below minimum", await wallEn.Locator("#supply-warn").InnerTextAsync());
        Assert.Contains("pumps", await wallEn.Locator("#supply-stock").InnerTextAsync());
        await wallEn.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("supplies-wall-en.png") });
        await page.GotoAsync($"{host.BaseUrl}/dispatch?lang=en");
        await page.WaitForFunctionAsync("() => window.__console && window.__console.live.status === 'live'", null, new() { Timeout = 30_000 });
        await page.Locator("#supplies tbody tr[data-state=done]").WaitForAsync(new() { Timeout = 8_000 });
        Assert.Contains("delivered", await page.Locator("#supplies tbody").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("supplies-console-en.png") });
        await page.CloseAsync();
        await wall.CloseAsync();
        await wallEn.CloseAsync();

        // the response report: the incident's supplies ordered and delivered, per item (and in its CSV)
        using var open = await host.Http.PostAsync("api/v1/replay", new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new { from = DateTimeOffset.UtcNow.AddMinutes(-10), to = DateTimeOffset.UtcNow.AddSeconds(1) }),
            System.Text.Encoding.UTF8, "application/json"));
        var id = System.Text.Json.JsonDocument.Parse(await open.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        System.Text.Json.JsonElement report = default;
        for (var i = 0; i < 100; i++)
        {
            using var r = await host.Http.GetAsync($"api/v1/replay/{id}/report");
            if (r.IsSuccessStatusCode) { report = System.Text.Json.JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement; break; }
            await Task.Delay(200);
        }
        var incident = report.GetProperty("incidents")[0];
        Assert.Equal(10, incident.GetProperty("suppliesOrdered").GetProperty("pumps").GetInt32());
        Assert.Equal(10, incident.GetProperty("suppliesDelivered").GetProperty("pumps").GetInt32());
        Assert.Contains(",pumps 10,pumps 10", await host.Http.GetStringAsync($"api/v1/replay/{id}/report.csv?kind=incidents"));
    }
}
