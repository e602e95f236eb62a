using CommandCenter.Accounts;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// Issue 17's flow in a real browser: a river gauge rising → the warning on the wall and in the console → an incident
/// opened from it → the flood plan proposed and activated → steps done through orders, a supply delivery and by a coordinator → the wall's
/// 预案执行 panel and the replay report follow.
/// </summary>
[Collection("wall")]
public sealed class PlanFlowTests(WallFixture f)
{
    private const string Password = "plan-password-1";
    private const int Within = 10_000;

    [Fact]
    public async Task A_rising_gauge_becomes_an_incident_whose_flood_plan_is_worked_through_from_the_console()
    {
        await using var host = await f.StartHostWithAccountAsync("plan_flow", "coord", "调度员-郑", Roles.Coordinator, Password);
        var gauge = Wire.Id("gauge");
        // every depot holds 12 pumps, as a warehouse system reports them
        await host.PostEventsAsync(Wire.Map.Pois.Where(p => p.Kind == Geography.PoiKind.SupplyDepot).Select(d => new Ingest.WireEvent
        {
            Id = Wire.Id("stock"), Type = Events.EventType.StockChanged, OccurredAt = Wire.Now, DepotId = d.Id, Item = "pumps", Quantity = 12, StockChange = "counted",
        }).ToList());
        await host.PostEventsAsync([
            Wire.Reading(700, gauge, "water_level", 3.2, minutesAgo: 40), Wire.Reading(700, gauge, "water_level", 3.9, minutesAgo: 20),
            Wire.Reading(700, gauge, "water_level", 4.2, minutesAgo: 1)]);

        var wall = await f.OpenWallAsync(host);
        await wall.Locator($"#warnings li.w2[data-sensor='{gauge}']").WaitForAsync(new() { Timeout = Within });
        var page = await f.SignInAsync(host, "coord", Password);
        await page.WaitForFunctionAsync("() => window.__console && window.__console.live.status === 'live'", null, new() { Timeout = 30_000 });

        // the warning is in the console too; an incident opened from it proposes the flood plan
        var warning = page.Locator($"#warnings li[data-sensor='{gauge}']");
        await warning.Locator("button.open").ClickAsync();
        await page.Locator("#incident .head", new() { HasText = "II" }).WaitForAsync(new() { Timeout = Within });
        var proposal = page.Locator("#plan-proposals .proposal[data-plan='flood']");
        await proposal.WaitForAsync(new() { Timeout = Within });
        await proposal.Locator("button.activate-plan").ClickAsync();
        var plan = page.Locator("#plans .plan[data-plan='flood']");
        await plan.WaitForAsync(new() { Timeout = Within });
        var steps = await plan.Locator("tr[data-step]").CountAsync();
        Assert.True(steps >= 6, $"the flood plan has {steps} steps");
        Assert.Equal(0, await page.Locator("#plan-proposals .proposal[data-plan='flood']").CountAsync()); // active: no longer proposed
        await wall.Locator("#plans li[data-plan='flood']").WaitForAsync(new() { Timeout = Within });
        // the plan's departments to notify are offered for a whistle next to the usual ones
        await page.Locator("input[name=dept][value=水务局]").WaitForAsync(new() { Timeout = Within });

        // two fire crews sent: the plan's fire step is done by itself, linked to both orders
        await page.ClickAsync("#load-units");
        await page.Locator("#units .unit").First.WaitForAsync();
        var fire = page.Locator("#units input[data-kind=fire]:not([disabled])");
        await fire.Nth(0).CheckAsync();
        await fire.Nth(1).CheckAsync();
        await page.ClickAsync("#dispatch-units");
        var fireStep = plan.Locator("tr[data-step]", new() { HasText = "消防" }).First;
        await plan.Locator("tr.step-done[data-step]", new() { HasText = "消防" }).First.WaitForAsync(new() { Timeout = Within });
        // what did it: the two crews by name, their order ids on hover
        Assert.Equal(2, (await fireStep.Locator(".links").InnerTextAsync()).Split('、').Count(n => n.Contains("消防车")));
        Assert.Equal(2, (await fireStep.Locator(".links").GetAttributeAsync("title"))!.Split(' ').Count(id => id.StartsWith("ORD-")));

        // the warning step is a person's: marked done, by the coordinator
        var warnStep = plan.Locator("tr[data-step]", new() { HasText = "预警" }).First;
        await warnStep.Locator("button.mark-step").ClickAsync();
        await plan.Locator("tr.step-done[data-step]", new() { HasText = "预警" }).First.WaitForAsync(new() { Timeout = Within });
        Assert.Contains("调度员-郑", await warnStep.Locator(".due").InnerTextAsync());

        // six pumps ordered from the nearest depot: the pumps step waits for the delivery, then is done by it
        var pumpStep = plan.Locator("tr[data-step]", new() { HasText = "抽水泵" }).First;
        await page.SelectOptionAsync("#supply-item", "pumps");
        await page.FillAsync("#supply-qty", "6");
        await page.ClickAsync("#find-depots");
        await page.Locator("#depots .depot button.order-supplies").First.ClickAsync();
        await page.Locator("#supplies tbody tr[data-state=ordered]").WaitForAsync(new() { Timeout = Within });
        Assert.Equal(0, await plan.Locator("tr.step-done[data-step]", new() { HasText = "抽水泵" }).CountAsync());
        foreach (var state in new[] { "en_route", "done" })
        {
            await page.Locator($"#supplies tbody button[data-state={state}]").ClickAsync();
            await page.Locator($"#supplies tbody tr[data-state={state}]").WaitForAsync(new() { Timeout = Within });
        }
        await plan.Locator("tr.step-done[data-step]", new() { HasText = "抽水泵" }).First.WaitForAsync(new() { Timeout = Within });
        Assert.Contains("抽水泵", await pumpStep.Locator(".links").InnerTextAsync());
        await plan.Locator(".progress", new() { HasText = $"3/{steps}" }).WaitForAsync(new() { Timeout = Within });
        await wall.Locator("#plans li[data-plan='flood'] .progress", new() { HasText = $"3/{steps}" }).WaitForAsync(new() { Timeout = Within });
        var timeline = await page.Locator("#timeline li").AllInnerTextsAsync();
        Assert.Contains(timeline, l => l.Contains("启动预案：防汛"));
        Assert.True(timeline.Count(l => l.Contains("预案步骤已完成")) == 3, string.Join("\n", timeline));
        await plan.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("console-plan.png") });
        await wall.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("wall-plans.png") });

        // the same in English
        await page.GotoAsync($"{host.BaseUrl}/dispatch?lang=en");
        await page.Locator("#plans .plan[data-plan='flood'] .progress", new() { HasText = "steps done" }).WaitForAsync(new() { Timeout = Within });
        await page.Locator("#plans .plan[data-plan='flood']").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("console-plan-en.png") });
        await page.CloseAsync();
        await wall.CloseAsync();

        // replay: the report gives the three steps done with their minutes from activation
        using var open = await host.Http.PostAsync("api/v1/replay", new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new { from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow.AddSeconds(1) }),
            System.Text.Encoding.UTF8, "application/json"));
        var id = System.Text.Json.JsonDocument.Parse(await open.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await SimulatedCounty.WaitReadyAsync(host, id);
        var report = System.Text.Json.JsonDocument.Parse(await host.Http.GetStringAsync($"api/v1/replay/{id}/report")).RootElement;
        var rows = report.GetProperty("planSteps").EnumerateArray().ToList();
        Assert.Equal(steps, rows.Count);
        Assert.Equal(3, rows.Count(r => r.GetProperty("minutes").ValueKind == System.Text.Json.JsonValueKind.Number));
    }
}
