using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>What an admin does on /admin, through the same API the page calls: accounts and the county's geography.</summary>
public sealed class AdminTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    [Fact]
    public async Task A_bad_geography_upload_names_the_feature_and_writes_nothing_a_good_one_applies_at_the_next_start()
    {
        await using var host = await AccountsFixture.StartAsync(influx);
        using var admin = new Session(host);
        await admin.SignInAsync("admin1", AccountsFixture.Password);
        var csrf = await admin.CsrfAsync("/admin");

        var exported = await admin.Http.GetStringAsync("/api/v1/admin/geography/export");
        Assert.Equal(2400, JsonDocument.Parse(exported).RootElement.GetProperty("features").EnumerateArray()
            .Count(f => f.GetProperty("properties").GetProperty("level").GetString() == "grid"));

        // a grid whose parent community does not exist: refused, named, nothing kept
        var bad = exported.Replace("\"parent\":\"330110001001\"", "\"parent\":\"330110999999\"");
        Assert.NotEqual(exported, bad);
        using (var r = await Upload(admin, csrf, ("bad.geojson", bad)))
        {
            var body = await r.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
            Assert.Contains("330110999999", body);
        }
        Assert.Equal(JsonValueKind.Null, (await Geography(admin)).GetProperty("pending").ValueKind);
        using (var r = await Upload(admin, csrf, ("nothing.json", "{\"type\":\"Point\"}")))
            Assert.Contains("not a GeoJSON FeatureCollection", await r.Content.ReadAsStringAsync());

        // the same county renamed: accepted, pending until the next start, then running
        using (var r = await Upload(admin, csrf, ("renamed.geojson", exported.Replace("\"name\":\"临江区\"", "\"name\":\"演练区\""))))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var ok = await r.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("演练区", ok.GetProperty("imported").GetProperty("name").GetString());
            Assert.Equal(0, ok.GetProperty("runningGridsAbsent").GetInt32());
        }
        var before = await Geography(admin);
        Assert.Equal("临江区", before.GetProperty("running").GetProperty("name").GetString());
        Assert.NotEqual(JsonValueKind.Null, before.GetProperty("pending").ValueKind);

        await host.StopAsync();
        await host.StartAsync();
        using var again = new Session(host);
        await again.SignInAsync("admin1", AccountsFixture.Password);
        var after = await Geography(again);
        Assert.Equal("演练区", after.GetProperty("running").GetProperty("name").GetString());
        Assert.Equal("imported", after.GetProperty("source").GetString());
        Assert.Equal(2400, after.GetProperty("running").GetProperty("grids").GetInt32());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("pending").ValueKind);
        var audit = await again.Http.GetStringAsync("/api/v1/audit?limit=50");
        Assert.Contains("import_geography", audit);
        Assert.Contains("refused", audit);
    }

    [Fact]
    public async Task An_admin_makes_unlocks_and_removes_accounts_but_not_their_own()
    {
        await using var host = await AccountsFixture.StartAsync(influx);
        using var admin = new Session(host);
        await admin.SignInAsync("admin1", AccountsFixture.Password);
        var csrf = await admin.CsrfAsync("/admin");

        using (var r = await Send(admin, csrf, HttpMethod.Post, "/api/v1/admin/users", new { userName = "duty9", displayName = "值班员-孙", role = "duty", password = "short" }))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        using (var r = await Send(admin, csrf, HttpMethod.Post, "/api/v1/admin/users", new { userName = "duty9", displayName = "值班员-孙", role = "duty", password = "duty-password-9" }))
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        using (var s = new Session(host)) Assert.Equal("/dispatch", await s.SignInAsync("duty9", "duty-password-9"));
        using (var s = new Session(host))
        {
            for (var i = 0; i < 5; i++) await s.SignInAsync("duty9", "wrong-password");
            Assert.StartsWith("/signin?error=locked", await s.SignInAsync("duty9", "duty-password-9"));
        }
        var users = await admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/admin/users");
        Assert.True(users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "duty9").GetProperty("locked").GetBoolean());
        using (var r = await Send(admin, csrf, HttpMethod.Post, "/api/v1/admin/users/duty9/unlock", new { })) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var s = new Session(host)) Assert.Equal("/dispatch", await s.SignInAsync("duty9", "duty-password-9"));

        using (var r = await Send(admin, csrf, HttpMethod.Delete, "/api/v1/admin/users/admin1", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Contains("own account", await r.Content.ReadAsStringAsync());
        }
        using (var r = await Send(admin, csrf, HttpMethod.Delete, "/api/v1/admin/users/duty9", null)) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var s = new Session(host)) Assert.StartsWith("/signin?error=wrong", await s.SignInAsync("duty9", "duty-password-9"));
    }

    private static async Task<JsonElement> Geography(Session s) => await s.Http.GetFromJsonAsync<JsonElement>("/api/v1/admin/geography");

    private static Task<HttpResponseMessage> Upload(Session s, string csrf, params (string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, text) in files) form.Add(new StringContent(text), "files", name);
        var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/geography") { Content = form };
        req.Headers.Add("X-CSRF-TOKEN", csrf);
        return s.Http.SendAsync(req);
    }

    private static Task<HttpResponseMessage> Send(Session s, string csrf, HttpMethod method, string path, object? body)
    {
        var req = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        req.Headers.Add("X-CSRF-TOKEN", csrf);
        return s.Http.SendAsync(req);
    }
}
