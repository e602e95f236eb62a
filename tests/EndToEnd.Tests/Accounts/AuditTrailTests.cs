using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>The audit trail: refused API calls are recorded; GET /api/v1/audit filters, pages and refuses bad values by name.</summary>
public sealed class AuditTrailTests(SharedAccountsHost shared) : IClassFixture<SharedAccountsHost>
{
    [Fact]
    public async Task A_leaders_refused_acknowledgement_and_a_duty_officers_refused_admin_call_are_recorded_as_forbidden()
    {
        var host = shared.Host;
        using var leader = new Session(host);
        await leader.SignInAsync("leader1", AccountsFixture.Password);
        // the role is checked before the antiforgery token: no token needed to be refused
        using var ack = new HttpRequestMessage(HttpMethod.Post, "/api/v1/console/alarms/a-refused-7/acknowledge") { Content = JsonContent.Create(new { note = "试试" }) };
        using (var r = await leader.Http.SendAsync(ack)) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);

        using var duty = new Session(host);
        await duty.SignInAsync("duty1", AccountsFixture.Password);
        using (var r = await duty.Http.GetAsync("/api/v1/admin/users")) Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);

        using var admin = new Session(host);
        await admin.SignInAsync("admin1", AccountsFixture.Password);
        var forbidden = JsonDocument.Parse(await admin.Http.GetStringAsync("/api/v1/audit?outcome=forbidden")).RootElement.EnumerateArray()
            .Select(e => (user: e.GetProperty("user").GetString(), action: e.GetProperty("action").GetString(), target: e.GetProperty("target").GetString(), role: e.GetProperty("role").GetString()))
            .ToList();
        Assert.Contains(("leader1", "acknowledge_alarm", "a-refused-7", "leader"), forbidden);
        Assert.Contains(("duty1", "api_request", "GET /api/v1/admin/users", "duty"), forbidden);
        Assert.Equal(2, forbidden.Count);
    }

    [Fact]
    public async Task The_trail_is_filtered_by_who_action_outcome_and_time_and_paged_on_the_server()
    {
        var host = shared.Host;
        for (var i = 0; i < 7; i++)
        {
            using var ghost = new Session(host);
            var to = await ghost.SignInAsync("ghost", "not-the-password");
            Assert.Contains("error=wrong", to);
        }
        // a coordinator reads the trail: the only one of this class's tests who signs in as coord1 (the host is shared)
        using var reader = new Session(host);
        await reader.SignInAsync("coord1", AccountsFixture.Password);

        async Task<(List<JsonElement> Entries, string Total)> Get(string query)
        {
            using var r = await reader.Http.GetAsync("/api/v1/audit?" + query);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{query}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            return ((await r.Content.ReadFromJsonAsync<List<JsonElement>>())!, r.Headers.GetValues("X-Total-Count").Single());
        }

        var page1 = await Get("user=ghost&action=sign_in&outcome=wrong&pageSize=3&page=1");
        Assert.Equal("7", page1.Total);
        Assert.Equal(3, page1.Entries.Count);
        Assert.All(page1.Entries, e => Assert.Equal("ghost", e.GetProperty("user").GetString()));
        var page3 = await Get("user=ghost&pageSize=3&page=3");
        Assert.Single(page3.Entries);
        var times = page1.Entries.Concat((await Get("user=ghost&pageSize=3&page=2")).Entries).Concat(page3.Entries)
            .Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(7, times.Distinct().Count());
        Assert.Equal(times.OrderByDescending(t => t), times);

        Assert.Empty((await Get("user=ghost&outcome=ok")).Entries);
        Assert.Equal("1", (await Get("user=coord1&action=sign_in")).Total);
        // a time range: the county's local time (no offset) and UTC agree; a range before the sign-ins is empty
        var last = times[0];
        var local = TimeZoneInfo.ConvertTime(last, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal("7", (await Get($"user=ghost&to={Uri.EscapeDataString(local.ToString("yyyy-MM-ddTHH:mm:ss.fff"))}")).Total);
        Assert.Equal("1", (await Get($"user=ghost&from={Uri.EscapeDataString(last.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ"))}")).Total);
        Assert.Equal("0", (await Get($"user=ghost&to={Uri.EscapeDataString(times[^1].AddSeconds(-5).ToUniversalTime().ToString("O"))}")).Total);
    }

    [Fact]
    public async Task Bad_filter_values_are_a_400_naming_the_field()
    {
        var host = shared.Host;
        using var leader = new Session(host);
        await leader.SignInAsync("leader1", AccountsFixture.Password);
        (string Query, string Field)[] cases =
        [
            ("page=0", "page"), ("pageSize=501", "pageSize"), ("limit=abc", "limit"), ("from=yesterday", "from"),
            ("from=2026-12-04T10:00&to=2026-12-04T09:00", "to"), ("action=DROP%20MEASUREMENT", "action"), ("outcome=ok'%20OR%20'1'='1", "outcome"),
            ("user=" + new string('x', 65), "user"),
        ];
        foreach (var (query, field) in cases)
        {
            using var r = await leader.Http.GetAsync("/api/v1/audit?" + query);
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)r.StatusCode}");
            var errors = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{query}: {errors}");
        }
    }
}
