using CommandCenter.Accounts;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// The coordinator's whole flow in a real browser: alarm arrives → acknowledge → incident → dispatch two
/// units → orders progress → whistle and report-in → close; the wall display reflects it.
/// </summary>
[Collection("wall")]
public sealed class DispatchFlowTests(WallFixture f)
{
    private const string Password = "flow-password-1";

    [Fact]
    public async Task Alarm_to_closed_incident_through_the_console_with_the_wall_following()
    {
        var users = Path.Combine(Directory.CreateTempSubdirectory("cc-flow-").FullName, "users.json");
        new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build())
            .Save("coord", "调度员-周", Roles.Coordinator, Password);
        var settings = WallFixture.HostSettings;
        settings["Accounts__File"] = users;
        await using var host = new HostProcess(f.Influx.Url, "flow", settings);
        await host.StartAsync();
        var alarm = Wire.Id("flow");
        await host.PostEventsAsync([Wire.Raise(321, alarm, 1), Wire.CheckIn(321, "w-near-1") with { Actor = "网格员-陈" }, Wire.CheckIn(322, "w-near-2") with { Actor = "网格员-林" }]);

        var wall = await f.OpenWallAsync(host);
        var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await page.GotoAsync($"{host.BaseUrl}/signin");
        await page.FillAsync("input[name=userName]", "coord");
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForFunctionAsync("() => window.__console && window.__console.live.status === 'live'", null, new() { Timeout = 30_000 });

        var row = page.Locator($"#queue li[data-id='{alarm}']");
        await row.Locator(".note").FillAsync("已电话联系物业");
        await row.Locator("button.ack").ClickAsync();
        await page.Locator($"#queue li.acked[data-id='{alarm}']").WaitForAsync(new() { Timeout = 8_000 });
        await wall.Locator($"#alarms li.acked[data-id='{alarm}']").WaitForAsync(new() { Timeout = 8_000 });

        await row.Locator("button.open").ClickAsync();
        await page.Locator("#incident .head").Filter(new() { HasText = "I级" }).WaitForAsync(new() { Timeout = 8_000 });
        await wall.WaitForFunctionAsync("() => document.querySelector('.tile[data-key=incidentsOpen] .v').textContent === '1'", null, new() { Timeout = 8_000 });

        // 调整响应: a commander takes charge and the scope grows to a second street
        await page.Locator("details.adjust summary").ClickAsync();
        await page.FillAsync("#adj-commander", "指挥长-吴");
        await page.Locator("input[name=adj-street]").Nth(1).CheckAsync();
        await page.ClickAsync("#adjust");
        await page.Locator("#incident .head", new() { HasText = "指挥长-吴" }).WaitForAsync(new() { Timeout = 8_000 });

        await page.ClickAsync("#load-units");
        await page.Locator("#units .unit").First.WaitForAsync();
        var free = page.Locator("#units input:not([disabled])");
        await free.Nth(0).CheckAsync();
        await free.Nth(1).CheckAsync();
        await page.ClickAsync("#dispatch-units");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#orders tbody tr').length === 2", null, new() { Timeout = 8_000 });
        // both dispatched units are on the console's map: the station unit at its base, the grid worker at their last check-in
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.unit-marker').length === 2", null, new() { Timeout = 8_000 });
        await wall.WaitForFunctionAsync("() => document.querySelector('.tile[data-key=unitsOut] .v').textContent === '2'", null, new() { Timeout = 8_000 });

        // units and people by name, the id on hover
        var orders = await page.Locator("#orders tbody").InnerTextAsync();
        Assert.DoesNotContain("worker-", orders);
        Assert.Contains("网格员-陈", orders);
        Assert.Equal("worker-w-near-1", await page.Locator("#orders tbody .name", new() { HasText = "网格员-陈" }).GetAttributeAsync("title"));

        var first = page.Locator("#orders tbody tr").First;
        foreach (var state in new[] { "acknowledged", "en_route", "on_scene", "done" })
        {
            await first.Locator($"button[data-state={state}]").ClickAsync();
            await page.WaitForFunctionAsync($"() => window.__console.board.board.incidents[0].orders.some(o => o.state === '{state}')", null, new() { Timeout = 8_000 });
        }
        await wall.WaitForFunctionAsync("() => document.querySelector('.tile[data-key=unitsOut] .v').textContent === '1'", null, new() { Timeout = 8_000 });

        await page.Locator("input[name=dept][value=城管]").CheckAsync();
        await page.Locator("input[name=dept][value=市场监管]").CheckAsync();
        await page.ClickAsync("#blow");
        await page.Locator("#whistles tbody tr[data-dept=城管]").WaitForAsync(new() { Timeout = 8_000 });
        await page.Locator("#whistles tr[data-dept=城管] button[data-s=arrived]").ClickAsync();
        await page.Locator("#whistles tr[data-dept=城管] .status", new() { HasText = "已到场" }).WaitForAsync(new() { Timeout = 8_000 });
        Assert.Contains("未响应", await page.Locator("#whistles tr[data-dept=市场监管] .status").InnerTextAsync());

        // closing with an order still open and 市场监管 not reported in: the console asks (inline), cancel is chosen
        await page.FillAsync("#summary", "火情扑灭，无人员伤亡");
        await page.ClickAsync("#close");
        await page.Locator("#close-choice button.cancel-orders").WaitForAsync(new() { Timeout = 8_000 });
        Assert.Contains("市场监管", await page.Locator("#close-choice").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("dispatch-close-choice.png") });
        await page.ClickAsync("#close-choice button.cancel-orders");
        await page.Locator("#incident .head", new() { HasText = "火情扑灭" }).WaitForAsync(new() { Timeout = 8_000 });
        await wall.WaitForFunctionAsync("() => document.querySelector('.tile[data-key=incidentsOpen] .v').textContent === '0'", null, new() { Timeout = 8_000 });

        var timeline = await page.Locator("#timeline li").AllInnerTextsAsync();
        foreach (var expected in new[] { "启动 I 级响应", "关联 告警", "调整响应：指挥长 — → 指挥长-吴", "派遣 网格员 网格员-陈", "到场 → 完成", "吹哨", "城管 已到场",
                     "→ 取消", "未报到：市场监管", "处置结束（撤销 1 条未完成指令）：火情扑灭" })
            Assert.Contains(timeline, line => line.Contains(expected));
        Assert.All(timeline, line => Assert.Contains("调度员-周", line));
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("dispatch-flow.png") });
        await wall.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("wall-after-incident.png") });
        await page.CloseAsync();
        await wall.CloseAsync();

        // the morning after: the replay's response report has the incident, its orders and the report-ins
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
        Assert.Equal(2, incident.GetProperty("orders").GetInt32());
        foreach (var field in new[] { "firstDispatch", "firstOnScene", "closed" })
            Assert.Equal(System.Text.Json.JsonValueKind.String, incident.GetProperty(field).ValueKind);
        Assert.Equal(2, report.GetProperty("orders").GetArrayLength());
        Assert.Contains(report.GetProperty("orders").EnumerateArray(), o => o.GetProperty("lastState").GetString() == "cancelled");
        var reportIns = report.GetProperty("reportIns").EnumerateArray().ToDictionary(x => x.GetProperty("department").GetString()!);
        Assert.Equal(System.Text.Json.JsonValueKind.String, reportIns["城管"].GetProperty("arrived").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reportIns["市场监管"].GetProperty("arrived").ValueKind);
        Assert.False(reportIns["市场监管"].GetProperty("late").GetBoolean()); // its 30-minute deadline has not passed
        var csv = await host.Http.GetStringAsync($"api/v1/replay/{id}/report.csv?kind=orders");
        Assert.Contains(",done", csv);
    }
    private const string Hostile = "<img src=x onerror=\"window.__pwned=1\">\"'&<b>";

    [Fact]
    public async Task Hostile_text_in_alarms_incidents_notes_and_units_shows_as_text_in_the_console_and_runs_nothing()
    {
        var users = Path.Combine(Directory.CreateTempSubdirectory("cc-flow-").FullName, "users.json");
        new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build())
            .Save("coord", "调度员-周", Roles.Coordinator, Password);
        var settings = WallFixture.HostSettings;
        settings["Accounts__File"] = users;
        await using var host = new HostProcess(f.Influx.Url, "console_hostile", settings);
        await host.StartAsync();
        var (alarm, acked) = (Wire.Id("hostile"), Wire.Id("hostile"));
        var (response, body) = await host.PostEventsAsync([
            Wire.Raise(321, alarm, 1) with { AlarmKind = Hostile }, Wire.Raise(322, acked, 2), Wire.Ack(acked, Hostile), Wire.CheckIn(321, "w" + Hostile)]);
        Assert.True(response.IsSuccessStatusCode);
        Assert.All(body!.Results, r => Assert.Equal("accepted", r.Status.ToString().ToLowerInvariant()));

        var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        var dialogs = 0;
        page.Dialog += async (_, d) => { dialogs++; await d.DismissAsync(); };
        await page.GotoAsync($"{host.BaseUrl}/signin");
        await page.FillAsync("input[name=userName]", "coord");
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForFunctionAsync("() => window.__console && window.__console.live.status === 'live'", null, new() { Timeout = 30_000 });

        // the coordinator opens an incident from the hostile alarm, then gives it a hostile commander, note and summary
        await page.Locator($"#queue li[data-id='{alarm}'] button.open").ClickAsync();
        await page.Locator("#incident .head").WaitForAsync(new() { Timeout = 8_000 });
        await page.Locator("details.adjust summary").ClickAsync();
        await page.FillAsync("#adj-commander", Hostile);
        await page.ClickAsync("#adjust");
        await page.Locator("#incident .head", new() { HasText = Hostile }).WaitForAsync(new() { Timeout = 8_000 });
        await page.FillAsync("#note", Hostile);
        await page.ClickAsync("#add-note");
        await page.ClickAsync("#load-units");
        await page.Locator("#units .unit").First.WaitForAsync();
        await page.FillAsync("#summary", Hostile);
        await page.ClickAsync("#close");
        await page.Locator("#incident .head", new() { HasText = "：" + Hostile }).WaitForAsync(new() { Timeout = 8_000 });

        // a fresh page draws everything from the snapshot
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => window.__console && window.__console.live.status === 'live' && document.querySelector('#incident .head')", null, new() { Timeout = 30_000 });
        Assert.Contains(Hostile, await page.Locator($"#queue li[data-id='{alarm}'] .where").InnerTextAsync());
        Assert.Contains(Hostile, await page.Locator($"#queue li[data-id='{acked}'] .age").InnerTextAsync());
        Assert.Contains(Hostile, await page.Locator("#incident-tabs button").First.InnerTextAsync());
        Assert.Contains(Hostile, await page.Locator("#timeline").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#wall img, #wall b:not(#incident .head b):not(.map-card header b):not(.stock-tiles b):not(.shortages b)").CountAsync()); // the sensor card's title, the stock figures are ours
        Assert.Null(await page.EvaluateAsync<object?>("() => window.__pwned ?? null"));
        Assert.Equal(0, dialogs);
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("dispatch-hostile.png") });
        await page.CloseAsync();
    }
}
