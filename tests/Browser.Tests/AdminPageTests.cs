using CommandCenter.Accounts;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.Browser.Tests;

/// <summary>系统管理 in a real browser: an account made through the form signs in; a key is shown once; a bad geography upload is explained.</summary>
[Collection("wall")]
public sealed class AdminPageTests(WallFixture f)
{
    private const string Password = "admin-password-7";

    [Fact]
    public async Task An_admin_adds_a_coordinator_issues_a_key_and_sees_why_a_geography_file_is_refused()
    {
        var users = Path.Combine(Directory.CreateTempSubdirectory("cc-admin-").FullName, "users.json");
        new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build())
            .Save("root", "管理员-钱", Roles.Admin, Password);
        var settings = WallFixture.HostSettings;
        settings["Accounts__File"] = users;
        settings["Ingest__KeyFile"] = Path.Combine(Path.GetDirectoryName(users)!, "api-keys.json");
        await using var host = new HostProcess(f.Influx.Url, "admin_page", settings);
        await host.StartAsync();

        var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await page.GotoAsync($"{host.BaseUrl}/signin");
        await page.FillAsync("input[name=userName]", "root");
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/admin");
        await page.Locator("#users tr[data-user=root]").WaitForAsync();
        // the Orleans cluster: this host's silo, active, holding every grid of the county
        var silo = page.Locator("#cluster tbody tr");
        Assert.Equal(1, await silo.CountAsync());
        Assert.Contains("Active", await silo.InnerTextAsync());
        Assert.Contains("2400", await silo.InnerTextAsync());

        await page.FillAsync("#user-form input[name=userName]", "coord7");
        await page.FillAsync("#user-form input[name=displayName]", "调度员-冯");
        await page.SelectOptionAsync("#user-form select[name=role]", "coordinator");
        await page.FillAsync("#user-form input[name=password]", "coord-password-7");
        await page.ClickAsync("#user-form button[type=submit]");
        await page.Locator("#users tr[data-user=coord7]", new() { HasText = "调度员" }).WaitForAsync(new() { Timeout = 8_000 });

        await page.FillAsync("#key-form input[name=source]", "hotline-12345");
        await page.ClickAsync("#key-form button[type=submit]");
        await page.Locator("#keys tr[data-source=hotline-12345]").WaitForAsync(new() { Timeout = 8_000 });
        var key = (await page.Locator("#issued-key").InnerTextAsync()).Trim();
        Assert.True(key.Length >= 32, key);
        using (var ingest = new HttpClient { BaseAddress = new Uri(host.BaseUrl) })
        {
            ingest.DefaultRequestHeaders.Add("X-Api-Key", key);
            using var r = await ingest.PostAsync("/api/v1/events", new StringContent(
                System.Text.Json.JsonSerializer.Serialize(new { events = new[] { Wire.CheckIn(5, "w-admin-key") } }, Ingest.IngestJson.Options),
                System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode);
        }

        await page.SetInputFilesAsync("#geo-form input[type=file]", new Microsoft.Playwright.FilePayload
        {
            Name = "grids.geojson", MimeType = "application/geo+json",
            Buffer = System.Text.Encoding.UTF8.GetBytes("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"1\",\"name\":\"孤立网格\",\"level\":\"grid\",\"parent\":\"9\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120,30],[120.01,30],[120.01,30.01],[120,30]]]}}]}"),
        });
        await page.ClickAsync("#geo-form button[type=submit]");
        await page.Locator("#geo-msg.error", new() { HasText = "孤立网格" }).WaitForAsync(new() { Timeout = 8_000 });
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("admin.png") });
        await page.CloseAsync();

        var coord = await f.Browser.NewPageAsync();
        await coord.GotoAsync($"{host.BaseUrl}/signin");
        await coord.FillAsync("input[name=userName]", "coord7");
        await coord.FillAsync("input[name=password]", "coord-password-7");
        await coord.ClickAsync("button[type=submit]");
        await coord.WaitForURLAsync("**/dispatch");
        // signing out from the console's header form (it carries the antiforgery token the endpoint requires)
        await coord.ClickAsync("form[action='account/signout'] button");
        await coord.WaitForURLAsync("**/signin");
        await coord.GotoAsync($"{host.BaseUrl}/dispatch");
        Assert.Contains("/signin", coord.Url);
        await coord.CloseAsync();
    }
}
