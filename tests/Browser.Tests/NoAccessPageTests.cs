using CommandCenter.Accounts;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// Issue 14 item 1 in a real browser: an admin who signs in and opens /dispatch sees the console (no loop back to the
/// sign-in form); a leader who opens /admin sees the no-access page with links, in Chinese and in English.
/// </summary>
[Collection("wall")]
public sealed class NoAccessPageTests(WallFixture f, NoAccessPageTests.RolesHost roles) : IClassFixture<NoAccessPageTests.RolesHost>
{
    private const string Password = "role-password-7";

    /// <summary>One host with an admin and a leader for the three tests (each signs in on a fresh page of its own).</summary>
    public sealed class RolesHost(WallFixture f) : IAsyncLifetime
    {
        public HostProcess Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var users = Path.Combine(Directory.CreateTempSubdirectory("cc-roles-").FullName, "users.json");
            var store = new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build());
            store.Save("root", "管理员-钱", Roles.Admin, Password);
            store.Save("boss", "领导-孙", Roles.Leader, Password);
            var settings = WallFixture.HostSettings;
            settings["Accounts__File"] = users;
            settings["Ingest__KeyFile"] = Path.Combine(Path.GetDirectoryName(users)!, "api-keys.json");
            Host = new HostProcess(f.Influx.Url, $"roles_{Guid.NewGuid():N}", settings);
            await Host.StartAsync();
        }

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    private static async Task SignInAsync(IPage page, HostProcess host, string user, string expectedHome)
    {
        await page.GotoAsync($"{host.BaseUrl}/signin");
        await page.FillAsync("input[name=userName]", user);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"**{expectedHome}");
    }

    [Fact]
    public async Task An_admin_opens_dispatch_and_sees_the_console()
    {
        var host = roles.Host;
        var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await SignInAsync(page, host, "root", "/admin");
        await page.GotoAsync($"{host.BaseUrl}/dispatch");
        await page.WaitForFunctionAsync("() => window.__console && window.__console.live.status === 'live'", null, new() { Timeout = 30_000 });
        Assert.EndsWith("/dispatch", page.Url);
        Assert.Equal(0, await page.Locator("input[name=password]").CountAsync());
        Assert.Contains("管理员-钱", await page.Locator("#who").InnerTextAsync());
        Assert.Equal("true", await page.Locator("#wall").GetAttributeAsync("data-can-dispatch"));
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("admin-dispatch-1080p.png") });
        await page.Context.CloseAsync(); // the host lives on for the other tests: no live console left running beside them
    }

    [Theory]
    [InlineData("zh", "无权访问", "应急调度台")]
    [InlineData("en", "No access", "Dispatch console")]
    public async Task A_leader_opening_admin_sees_the_no_access_page_with_links_not_the_sign_in_form(string lang, string title, string consoleLink)
    {
        var host = roles.Host;
        var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await SignInAsync(page, host, "boss", "/replay");
        await page.GotoAsync($"{host.BaseUrl}/admin" + (lang == "en" ? "?lang=en" : ""));
        await page.Locator("#no-access").WaitForAsync(new() { Timeout = 8_000 });
        Assert.Contains("/denied", page.Url);
        Assert.Equal(0, await page.Locator("input[name=password]").CountAsync());
        Assert.Equal(title, (await page.Locator("#no-access h1").InnerTextAsync()).Trim());
        Assert.Contains("/admin", await page.Locator("#no-access-why").InnerTextAsync());
        var links = page.Locator("#no-access-links a");
        Assert.Contains(consoleLink, await links.AllInnerTextsAsync());
        Assert.Equal(0, await page.Locator("#no-access-links a[href=admin]").CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath($"no-access-leader-{lang}-1080p.png") });

        await page.Locator("#no-access-links a[href=audit]").ClickAsync();
        await page.WaitForURLAsync("**/audit");
        await page.Context.CloseAsync();
    }
}
