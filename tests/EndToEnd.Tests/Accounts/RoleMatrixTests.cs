using System.Net;
using System.Net.Http.Json;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>Every page and endpoint as every role and anonymously: allowed or refused.</summary>
public sealed class RoleMatrixTests(InfluxFixture influx, SharedAccountsHost shared) : IClassFixture<InfluxFixture>, IClassFixture<SharedAccountsHost>
{
    // expected status per: anonymous, duty, coordinator, leader, admin
    public static readonly TheoryData<string, string, int[]> Matrix = new()
    {
        { "GET", "/dispatch", [302, 200, 200, 200, 200] }, // admins have the coordinator's console rights
        { "GET", "/audit", [302, 302, 200, 200, 200] },
        { "GET", "/replay", [401, 200, 200, 200, 200] },
        { "GET", "/wall", [401, 200, 200, 200, 200] },
        { "GET", "/basemap/tiles.json", [401, 200, 200, 200, 200] }, // the demo county's basemap: every map page reads it
        { "GET", "/basemap/12/3416/1686.pbf", [401, 200, 200, 200, 200] }, // the county's middle
        { "GET", "/api/v1/sensors/G0001/readings", [401, 400, 400, 400, 400] }, // readable by every signed-in role; no grid named: 400
        { "GET", "/api/v1/console/alarms", [401, 200, 200, 200, 200] },
        { "POST", "/api/v1/console/alarms/no-such-alarm/acknowledge", [401, 404, 404, 403, 404] },
        { "GET", "/api/v1/audit", [401, 403, 200, 200, 200] },
        { "GET", "/api/v1/admin/users", [401, 403, 403, 403, 200] },
        { "POST", "/api/v1/admin/users", [401, 403, 403, 403, 200] },
        { "POST", "/api/v1/events", [401, 401, 401, 401, 401] },
        { "GET", "/api/v1/admin/api-keys", [401, 403, 403, 403, 200] },
        { "POST", "/api/v1/admin/api-keys", [401, 403, 403, 403, 200] },
        { "GET", "/admin", [302, 302, 302, 302, 200] },
        { "POST", "/api/v1/admin/users/nobody/unlock", [401, 403, 403, 403, 404] },
        { "DELETE", "/api/v1/admin/users/nobody", [401, 403, 403, 403, 404] },
        { "DELETE", "/api/v1/admin/api-keys/nobody", [401, 403, 403, 403, 200] },
        { "GET", "/api/v1/admin/geography", [401, 403, 403, 403, 200] },
        { "GET", "/api/v1/admin/geography/export", [401, 403, 403, 403, 200] },
        { "POST", "/api/v1/admin/geography", [401, 403, 403, 403, 415] },
        { "DELETE", "/api/v1/admin/geography/import", [401, 403, 403, 403, 200] },
        { "POST", "/api/v1/console/incidents/no-such-incident/update", [401, 403, 404, 403, 404] },
        { "GET", "/api/v1/plans", [401, 200, 200, 200, 200] }, // response plans: the console roles read them, admins edit them
        { "GET", "/api/v1/plans/flood", [401, 200, 200, 200, 200] },
        { "GET", "/api/v1/plans/flood/history", [401, 200, 200, 200, 200] },
        { "GET", "/api/v1/plans/flood/versions/1", [401, 200, 200, 200, 200] },
        { "GET", "/api/v1/plans/match?kinds=water_level,gas&level=2", [401, 200, 200, 200, 200] },
        { "PUT", "/api/v1/plans/matrix-plan", [401, 403, 403, 403, 200] },
        { "DELETE", "/api/v1/plans/no-such-plan", [401, 403, 403, 403, 404] },
        { "GET", "/admin/plans", [302, 302, 302, 302, 200] },
        { "GET", "/api/v1/console/supplies", [401, 200, 200, 200, 200] }, // 应急物资: every console role reads the stock
        { "GET", "/api/v1/console/depots?lon=120.2&lat=30.2&item=pumps", [401, 200, 200, 200, 200] },
        { "POST", "/api/v1/console/incidents/no-such-incident/supplies", [401, 403, 404, 403, 404] },
        { "POST", "/api/v1/console/supplies/no-such-order/state", [401, 403, 404, 403, 404] },
        { "POST", "/api/v1/console/depots/poi-depot-01/stock", [401, 403, 200, 403, 200] }, // coordinators and admins record counts and restocks
        { "GET", "/api/v1/console/incidents/no-such-incident/plans", [401, 404, 404, 404, 404] }, // 预案: every console role sees the proposals
        { "POST", "/api/v1/console/incidents/no-such-incident/plans", [401, 403, 400, 403, 400] }, // no planId in the body: 400 naming it
        { "POST", "/api/v1/console/incidents/no-such-incident/plans/flood/steps/s1/done", [401, 403, 404, 403, 404] },
    };

    [Fact]
    public async Task Every_role_gets_exactly_what_it_is_allowed()
    {
        var host = shared.Host;
        var roles = new[] { (string?)null, "duty1", "coord1", "leader1", "admin1" };
        var failures = new List<string>();
        for (var r = 0; r < roles.Length; r++)
        {
            using var s = new Session(host);
            string? csrf = null;
            if (roles[r] is { } user)
            {
                await s.SignInAsync(user, AccountsFixture.Password);
                using var page = await s.Http.GetAsync("/dispatch");
                if (page.StatusCode == HttpStatusCode.OK) csrf = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
            }
            foreach (var row in Matrix)
            {
                var (method, path, expected) = ((string)row[0], (string)row[1], (int[])row[2]);
                using var req = new HttpRequestMessage(new HttpMethod(method), path);
                if (method != "GET")
                {
                    req.Content = path.EndsWith("/update") ? JsonContent.Create(new { level = 2 })
                        : path.StartsWith("/api/v1/plans/") ? JsonContent.Create(new
                        {
                            name = "矩阵测试预案", alarmKinds = new[] { "gas" }, levels = new[] { 3 }, expectedVersion = 0,
                            steps = new[] { new { id = "s1", action = "notify", title = "通知燃气公司", withinMinutes = 10, role = "值班员", department = "燃气公司" } },
                        })
                        : path.EndsWith("/supplies") ? JsonContent.Create(new { depotId = "poi-depot-01", item = "pumps", quantity = 1 })
                        : path.EndsWith("/state") ? JsonContent.Create(new { state = "cancelled" })
                        : path.EndsWith("/stock") ? JsonContent.Create(new { item = "sandbags", change = "restocked", quantity = 100 })
                        : path.Contains("api-keys") ? JsonContent.Create(new { source = $"gateway-{r}" })
                        : path.Contains("admin")
                        ? JsonContent.Create(new { userName = $"new-{r}", displayName = "新用户", role = "duty", password = "another-password-9" })
                        : JsonContent.Create(new { note = "测试" });
                    if (csrf is { Length: > 0 }) req.Headers.Add("X-CSRF-TOKEN", csrf);
                    else if (roles[r] == "admin1") req.Headers.Add("X-CSRF-TOKEN", await AdminCsrfAsync(s));
                }
                using var resp = await s.Http.SendAsync(req);
                if ((int)resp.StatusCode != expected[r]) failures.Add($"{roles[r] ?? "anonymous"} {method} {path}: {(int)resp.StatusCode}, expected {expected[r]} ({await resp.Content.ReadAsStringAsync()})");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The sign-in page's form carries a token usable for the same session.</summary>
    private static async Task<string> AdminCsrfAsync(Session s) => Session.FormToken(await s.Http.GetStringAsync("/signin"));

    /// <summary>Issue 14 item 1: signed in without the role for a page → a page saying so, with where to go; never the sign-in form (a loop).</summary>
    [Theory]
    [InlineData("duty1", "/audit", "/dispatch")]
    [InlineData("leader1", "/admin", "/audit")]
    [InlineData("coord1", "/admin", "/dispatch")]
    public async Task A_signed_in_user_without_the_role_gets_the_no_access_page_with_links_not_the_sign_in_form(string user, string page, string link)
    {
        var host = shared.Host;
        using var s = new Session(host);
        await s.SignInAsync(user, AccountsFixture.Password);
        using var refused = await s.Http.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var location = refused.Headers.Location!.ToString();
        Assert.StartsWith("/denied?", new Uri(new Uri(host.BaseUrl), location).PathAndQuery);
        using var denied = await s.Http.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        var html = await denied.Content.ReadAsStringAsync();
        var links = System.Text.RegularExpressions.Regex.Match(html, "id=\"no-access-links\">(.*?)</ul>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains($"href=\"{link.TrimStart('/')}\"", links);
        Assert.DoesNotContain($"href=\"{page.TrimStart('/')}\"", links);
        Assert.Contains(page, html); // the refused page is named
        Assert.DoesNotContain("name=\"password\"", html); // not the sign-in form
    }

    [Fact]
    public async Task An_admin_who_signs_in_and_opens_dispatch_gets_the_console_with_dispatch_rights()
    {
        var host = shared.Host;
        using var s = new Session(host);
        Assert.Equal("/admin", await s.SignInAsync("admin1", AccountsFixture.Password));
        using var page = await s.Http.GetAsync("/dispatch");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-can-dispatch=\"true\"", html);
        Assert.Contains("data-can-ack=\"true\"", html);
    }

    [Fact]
    public async Task The_kiosk_token_is_read_only_and_an_ingest_key_can_only_ingest()
    {
        var host = shared.Host;
        using var kiosk = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        kiosk.DefaultRequestHeaders.Add("Cookie", "cc_kiosk=e2e-kiosk-token");
        Assert.Equal(HttpStatusCode.OK, (await kiosk.GetAsync("/api/v1/geo/county")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kiosk.GetAsync("/api/v1/console/alarms")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kiosk.PostAsJsonAsync("/api/v1/console/alarms/x/acknowledge", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kiosk.GetAsync("/api/v1/audit")).StatusCode);

        using var ingest = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        ingest.DefaultRequestHeaders.Add("X-Api-Key", host.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsJsonAsync("/api/v1/events", new { events = new[] { Wire.CheckIn(1, "w-key") } }, CommandCenter.Ingest.IngestJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ingest.GetAsync("/api/v1/console/alarms")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ingest.GetAsync("/wall")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ingest.GetAsync("/api/v1/admin/users")).StatusCode);
    }

    [Fact]
    public async Task A_key_an_admin_issues_ingests_until_it_is_revoked_and_survives_a_restart()
    {
        await using var host = await AccountsFixture.StartAsync(influx); // its own: it restarts the host
        using var admin = new Session(host);
        await admin.SignInAsync("admin1", AccountsFixture.Password);
        var csrf = Session.FormToken(await admin.Http.GetStringAsync("/signin"));
        using var issue = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/api-keys") { Content = JsonContent.Create(new { source = "hotline-12345" }) };
        issue.Headers.Add("X-CSRF-TOKEN", csrf);
        using var issued = await admin.Http.SendAsync(issue);
        var key = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.PostEventsAsync([Wire.CheckIn(3, "w-hotline")], key)).Response.StatusCode);

        await host.StopAsync();
        await host.StartAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.PostEventsAsync([Wire.CheckIn(4, "w-hotline-2")], key)).Response.StatusCode);

        using var again = new Session(host);
        await again.SignInAsync("admin1", AccountsFixture.Password);
        using var revoke = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/admin/api-keys/hotline-12345");
        revoke.Headers.Add("X-CSRF-TOKEN", Session.FormToken(await again.Http.GetStringAsync("/signin")));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await again.Http.SendAsync(revoke)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await host.PostEventsAsync([Wire.CheckIn(5, "w-hotline-3")], key)).Response.StatusCode);
    }
}
