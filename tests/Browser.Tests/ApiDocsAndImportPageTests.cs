using System.Text.Json;
using CommandCenter.Accounts;
using CommandCenter.Shared.Tests.Geography;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// The API description (issue 14 item 12) and the import of a real city's district boundaries (issue 13 item 10),
/// in a real browser: the OpenAPI document lists the console API with its request bodies, the Scalar reference page
/// renders it with no request leaving the host and no CSP violation, and the admin page lists each boundary repair.
/// </summary>
[Collection("wall")]
public sealed class ApiDocsAndImportPageTests(WallFixture f)
{
    private const string Password = "admin-password-9";

    private async Task<(HostProcess Host, IPage Page)> SignedInAdminAsync(string name)
    {
        var users = Path.Combine(Directory.CreateTempSubdirectory("cc-docs-").FullName, "users.json");
        new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build())
            .Save("root", "管理员-孙", Roles.Admin, Password);
        var settings = WallFixture.HostSettings;
        settings["Accounts__File"] = users;
        settings["Geography__ImportFile"] = Path.Combine(Path.GetDirectoryName(users)!, "county.geojson");
        var host = new HostProcess(f.Influx.Url, name, settings);
        await host.StartAsync();
        var page = await f.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await page.GotoAsync($"{host.BaseUrl}/signin");
        await page.FillAsync("input[name=userName]", "root");
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/admin");
        return (host, page);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_console_api_and_the_reference_page_loads_from_the_host_alone()
    {
        var (host, page) = await SignedInAdminAsync("api_docs");
        await using var _ = host;

        using (var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) })
        {
            using var r = await anonymous.GetAsync("/openapi/v1.json");
            Assert.NotEqual(System.Net.HttpStatusCode.OK, r.StatusCode); // signed-in users only
        }

        var response = await page.Context.APIRequest.GetAsync($"{host.BaseUrl}/openapi/v1.json");
        Assert.Equal(200, response.Status);
        using var document = JsonDocument.Parse(await response.TextAsync());
        var paths = document.RootElement.GetProperty("paths");
        foreach (var (path, body) in new[]
                 {
                     ("/api/v1/console/alarms/{alarmId}/acknowledge", "AcknowledgeRequest"), ("/api/v1/console/incidents", "OpenIncidentRequest"),
                     ("/api/v1/console/incidents/{id}/orders", "DispatchRequest"), ("/api/v1/console/orders/{orderId}/state", "StateRequest"),
                     ("/api/v1/console/whistles", "WhistleRequest"), ("/api/v1/console/whistles/{id}/report-in", "ReportInRequest"),
                     ("/api/v1/console/cases/{caseId}/state", "StateRequest"),
                 })
        {
            var post = paths.GetProperty(path).GetProperty("post");
            Assert.Equal($"#/components/schemas/{body}",
                post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
            Assert.False(string.IsNullOrEmpty(post.GetProperty("summary").GetString()), path);
            Assert.True(post.GetProperty("responses").TryGetProperty("409", out var _), path);
        }
        foreach (var path in new[] { "/api/v1/console/alarms", "/api/v1/console/board", "/api/v1/console/units", "/api/v1/trends" })
            Assert.True(paths.GetProperty(path).TryGetProperty("get", out var _), path);
        Assert.Contains("en_route", paths.GetProperty("/api/v1/console/orders/{orderId}/state").GetProperty("post").GetProperty("description").GetString());
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("DispatchRequest").GetProperty("properties").TryGetProperty("units", out var _));
        Assert.True(schemas.GetProperty("BoardView").GetProperty("properties").TryGetProperty("incidents", out var _));
        Assert.True(paths.GetProperty("/api/v1/events").GetProperty("post").TryGetProperty("requestBody", out var _));

        var requests = new List<string>();
        var violations = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(m.Text); };
        page.PageError += (_, e) => violations.Add(e);
        await page.GotoAsync($"{host.BaseUrl}/api/docs");
        await page.GetByText("Acknowledge an alarm (duty officer, coordinator)").First.WaitForAsync(new() { Timeout = 30_000 });
        await page.GetByText("Blow the whistle").First.WaitForAsync();
        await page.WaitForTimeoutAsync(1500); // anything fetched lazily after the first render
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("api-docs.png") });

        var outside = requests.Where(u => !u.StartsWith(host.BaseUrl, StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal) &&
                                          !u.StartsWith("blob:", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "requests leaving the host: " + string.Join(", ", outside));
        Assert.Contains(requests, u => u.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.CloseAsync();
    }

    [Fact]
    public async Task An_admin_imports_a_citys_districts_as_streets_and_sees_each_boundary_repair()
    {
        var (host, page) = await SignedInAdminAsync("import_districts");
        await using var _ = host;

        await page.SetInputFilesAsync("#geo-form input[type=file]", new FilePayload
        {
            Name = "hangzhou-districts.json", MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes(CityDistrictsSample.Json()),
        });
        await page.SelectOptionAsync("#geo-form select[name=defaultLevel]", "street");
        await page.FillAsync("#geo-form input[name=countyName]", "杭州市");
        await page.ClickAsync("#geo-form button[type=submit]");
        await page.Locator("#geo-msg", new() { HasText = "杭州市 (330100)" }).WaitForAsync(new() { Timeout = 10_000 });
        var message = await page.Locator("#geo-msg").InnerTextAsync();
        Assert.Contains("3 处边界已自动修复", message);
        Assert.Contains("1 个要素的编码取自要素 id", message);

        var rows = page.Locator("#geo-repairs tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        var texts = await rows.AllInnerTextsAsync();
        Assert.Contains(texts, t => t.Contains("330102 上城区") && t.Contains("去除毛刺"));
        Assert.Contains(texts, t => t.Contains("330105 拱墅区") && t.Contains("蝴蝶结") && t.Contains("2 个多边形"));
        Assert.Contains(texts, t => t.Contains("330106 西湖区") && t.Contains("自相切"));
        await page.Locator("#geo-panel").ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("admin-import-repairs.png") });
        await page.CloseAsync();
    }
}
