using CommandCenter.Accounts;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.Browser.Tests;

/// <summary>审计日志 in a real browser: actions and outcomes in Chinese words, the shared header, a filter that keeps only refusals.</summary>
[Collection("wall")]
public sealed class AuditPageTests(WallFixture f)
{
    private const string Password = "audit-password-7";

    [Fact]
    public async Task The_audit_page_names_actions_and_outcomes_in_Chinese_and_filters_to_the_refusals()
    {
        var users = Path.Combine(Directory.CreateTempSubdirectory("cc-audit-").FullName, "users.json");
        var store = new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build());
        store.Save("leader", "领导-陈", Roles.Leader, Password);
        var settings = WallFixture.HostSettings;
        settings["Accounts__File"] = users;
        await using var host = new HostProcess(f.Influx.Url, "audit_page", settings);
        await host.StartAsync();

        var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await page.GotoAsync($"{host.BaseUrl}/signin?lang=zh-CN");
        await page.FillAsync("input[name=userName]", "leader");
        await page.FillAsync("input[name=password]", "wrong-password-1");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/signin?error=wrong*");
        await page.FillAsync("input[name=userName]", "leader");
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/replay");
        // a leader may not acknowledge: refused, and the refusal is in the trail
        Assert.Equal(403, await page.EvaluateAsync<int>("async () => (await fetch('api/v1/console/alarms/a-9/acknowledge', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status"));

        await page.GotoAsync($"{host.BaseUrl}/audit");
        var actions = await page.Locator("#audit td.action").AllInnerTextsAsync();
        var outcomes = await page.Locator("#audit td.outcome").AllInnerTextsAsync();
        Assert.Contains("确认告警", actions);
        Assert.Contains("登录", actions);
        Assert.Contains("无权限", outcomes);
        Assert.Contains("密码错误", outcomes);
        Assert.Contains("成功", outcomes);
        var table = await page.Locator("#audit").InnerTextAsync();
        foreach (var code in new[] { "sign_in", "acknowledge_alarm", "forbidden", "wrong" }) Assert.DoesNotContain(code, table);
        Assert.Equal("审计日志", await page.Locator("header.page-header #page-nav a.current").InnerTextAsync());
        Assert.Contains("领导-陈", await page.Locator("header.page-header #who").InnerTextAsync());

        await page.SelectOptionAsync("#audit-filters select[name=outcome]", "forbidden");
        await page.ClickAsync("#audit-filters button[type=submit]");
        await page.WaitForURLAsync("**/audit?*outcome=forbidden*");
        Assert.Equal(["无权限"], (await page.Locator("#audit td.outcome").AllInnerTextsAsync()).Distinct());
        Assert.Contains("a-9", await page.Locator("#audit tbody tr").First.InnerTextAsync());
        Assert.Contains("共 1 条", await page.Locator("#audit-page-of").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("audit-filtered.png") });
        await page.CloseAsync();
    }
}
