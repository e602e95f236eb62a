using CommandCenter.Accounts;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>应急预案 in a real browser: an admin changes a step's deadline, sees the error at the field, saves version 2, and version 1 stays viewable.</summary>
[Collection("wall")]
public sealed class PlansPageTests(WallFixture f)
{
    private const string Password = "admin-password-7";

    [Fact]
    public async Task An_admin_edits_a_step_deadline_saves_version_2_and_still_views_version_1()
    {
        await using var host = await f.StartHostWithAccountAsync("plans_page", "planner", "管理员-孙", Roles.Admin, Password);

        var page = await f.SignInAsync(host, "planner", Password);
        await page.WaitForURLAsync("**/admin");
        await page.ClickAsync("#page-nav a[href='admin/plans']"); // the header links the page for admins
        await page.WaitForURLAsync("**/admin/plans");

        var flood = page.Locator("#plans tr[data-plan=flood]");
        await flood.WaitForAsync();
        Assert.Contains("防汛应急预案", await flood.InnerTextAsync());
        Assert.Contains("水位", await flood.InnerTextAsync());
        Assert.Equal("1", (await flood.Locator("td.version").InnerTextAsync()).Trim());

        await flood.GetByRole(AriaRole.Button, new() { Name = "修改" }).ClickAsync();
        var s1 = page.Locator("#plan-steps li[data-step=s1]");
        await s1.WaitForAsync();
        Assert.Equal("10", await s1.Locator("input[name=withinMinutes]").InputValueAsync());
        await s1.Locator("input[name=withinMinutes]").FillAsync("8");

        // a wrong value is refused and shown at its field; nothing is saved
        var s4 = page.Locator("#plan-steps li[data-step=s4]");
        Assert.Equal("fire", await s4.Locator("select[name=unitKind]").InputValueAsync());
        await s4.Locator("input[name=count]").FillAsync("0");
        await page.ClickAsync("#plan-save");
        var error = s4.Locator(".field-error[data-error-for='steps[3].count']");
        await error.WaitForAsync(new() { Timeout = 8_000 });
        Assert.Equal("须为 1–50", await error.InnerTextAsync()); // the rule in the page's language (the server's words on hover)
        Assert.Contains("count", await error.GetAttributeAsync("title"));
        Assert.Equal("true", await s4.Locator("input[name=count]").GetAttributeAsync("aria-invalid"));
        Assert.Equal("1", (await flood.Locator("td.version").InnerTextAsync()).Trim());

        await s4.Locator("input[name=count]").FillAsync("2");
        await page.ClickAsync("#plan-save");
        await page.Locator("#plan-msg", new() { HasText = "第 2 版" }).WaitForAsync(new() { Timeout = 8_000 });
        Assert.Equal(0, await page.Locator("#plan-form .field-error").CountAsync());
        await page.Locator("#plans tr[data-plan=flood] td.version", new() { HasText = "2" }).WaitForAsync();
        Assert.Contains("管理员-孙", await flood.InnerTextAsync());

        // the history lists both versions; version 1 is still viewable as it was
        await page.Locator("#history tr[data-version='2']").WaitForAsync();
        Assert.Equal(1, await page.Locator("#history tr[data-version='1']").CountAsync());
        await page.Locator("#history tr[data-version='1'] button").ClickAsync();
        await page.Locator("#version-view[data-version='1']").WaitForAsync();
        Assert.Equal("10 分钟内", (await page.Locator("#version-view tr[data-step=s1] td.within").InnerTextAsync()).Trim());
        Assert.Contains("system", await page.Locator("#version-view").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("plans-zh.png"), FullPage = true });
        await page.Locator("#history tr[data-version='2'] button").ClickAsync();
        await page.Locator("#version-view[data-version='2']").WaitForAsync();
        Assert.Equal("8 分钟内", (await page.Locator("#version-view tr[data-step=s1] td.within").InnerTextAsync()).Trim());

        // in English: the same page, its words in English
        await page.GotoAsync($"{host.BaseUrl}/admin/plans?lang=en");
        await page.Locator("#plans tr[data-plan=flood]").WaitForAsync();
        Assert.Contains("Water level", await page.Locator("#plans tr[data-plan=flood]").InnerTextAsync());
        await page.Locator("#plans tr[data-plan=flood]").GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await page.Locator("#plan-steps li[data-step=s1]").WaitForAsync();
        await page.Locator("#history tr[data-version='1'] button").ClickAsync();
        await page.Locator("#version-view[data-version='1']").WaitForAsync();
        Assert.Equal("within 10 min", (await page.Locator("#version-view tr[data-step=s1] td.within").InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("plans-en.png"), FullPage = true });

        // a plan's words are text on the page, never markup
        const string Hostile = "<img src=x onerror=\"window.__pwned=1\">预案";
        var status = await page.EvaluateAsync<int>("""
            async name => {
              const csrf = document.querySelector('meta[name="csrf-token"]').content;
              const step = { id: 's1', action: 'notify', title: name, withinMinutes: 5, role: name, department: name };
              const r = await fetch('api/v1/plans/hostile', { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf },
                body: JSON.stringify({ name, alarmKinds: ['gas'], levels: [2], steps: [step], expectedVersion: 0 }) });
              return r.status;
            }
            """, Hostile);
        Assert.Equal(200, status);
        await page.ReloadAsync();
        var hostile = page.Locator("#plans tr[data-plan=hostile]");
        await hostile.WaitForAsync();
        await hostile.GetByRole(AriaRole.Button, new() { Name = "Version history" }).ClickAsync();
        await page.Locator("#history tr[data-version='1'] button").ClickAsync();
        await page.Locator("#version-view[data-version='1']").WaitForAsync();
        await hostile.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await page.Locator("#plan-steps li[data-step=s1]").WaitForAsync();
        Assert.Contains(Hostile, await hostile.InnerTextAsync());
        Assert.Contains(Hostile, await page.Locator("#version-view").InnerTextAsync());
        Assert.Equal(Hostile, await page.Locator("#plan-steps li[data-step=s1] input[name=title]").InputValueAsync());
        Assert.Equal(0, await page.Locator(".plans-page img").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === 1"));

        // retiring keeps the history: the plan shows as retired, its retirement is version 2
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await hostile.GetByRole(AriaRole.Button, new() { Name = "Retire" }).ClickAsync();
        await page.Locator("#plans tr[data-plan=hostile].retired").WaitForAsync(new() { Timeout = 8_000 });
        Assert.Contains("Retired", await hostile.InnerTextAsync());
        Assert.Equal(0, await hostile.GetByRole(AriaRole.Button, new() { Name = "Retire" }).CountAsync());
        await page.Locator("#history tr[data-version='2']", new() { HasText = "Retired" }).WaitForAsync(new() { Timeout = 8_000 });
        await page.CloseAsync();
    }
}
