using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>Console actions: concurrency, antiforgery, lockout, and the audit trail they leave.</summary>
public sealed class ConsoleActionTests(InfluxFixture influx, SharedAccountsHost shared) : IClassFixture<InfluxFixture>, IClassFixture<SharedAccountsHost>
{
    [Fact]
    public async Task Two_coordinators_acknowledging_one_alarm_at_once_give_one_success_one_conflict_naming_the_winner_and_one_stored_event()
    {
        var host = shared.Host;
        var alarm = Wire.Id("race");
        await host.PostEventsAsync([Wire.Raise(42, alarm, 2)]);
        using var a = new Session(host);
        using var b = new Session(host);
        await a.SignInAsync("coord1", AccountsFixture.Password);
        await b.SignInAsync("coord2", AccountsFixture.Password);
        var (ta, tb) = (await a.CsrfAsync(), await b.CsrfAsync());

        var responses = await Task.WhenAll(Ack(a, ta, alarm, "r-a"), Ack(b, tb, alarm, "r-b"));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).OrderBy(s => s));
        var conflict = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK) == responses[0] ? "调度员-王" : "调度员-李";
        var refusal = JsonDocument.Parse(await conflict.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("already_acknowledged", refusal.GetProperty("code").GetString());
        Assert.Equal(winner, refusal.GetProperty("args").GetProperty("by").GetString());
        Assert.Contains($"已由 {winner} 于", refusal.GetProperty("error").GetString());   // in the page's language (zh-CN by default)

        // the same request again (a double click / retry) is a duplicate, not a second acknowledgement
        var winnerSession = responses[0].StatusCode == HttpStatusCode.OK ? (a, ta, "r-a") : (b, tb, "r-b");
        using var again = await Ack(winnerSession.Item1, winnerSession.Item2, alarm, winnerSession.Item3);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("duplicate", await again.Content.ReadAsStringAsync());

        var client = await influx.Server.CreateClientAsync("probe");
        long acks = 0;
        await foreach (var row in client.QueryAsyncIn(host.DatabaseName, "SELECT COUNT(id) FROM event WHERE \"type\" = 'alarm_acknowledged'")) acks = row.GetLong("count") ?? 0;
        Assert.Equal(1, acks);

        using var leader = new Session(host);
        await leader.SignInAsync("leader1", AccountsFixture.Password);
        var audit = JsonDocument.Parse(await leader.Http.GetStringAsync("/api/v1/audit")).RootElement.EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "acknowledge_alarm").Select(e => e.GetProperty("outcome").GetString()).ToList();
        Assert.Contains("ok", audit);
        Assert.Contains("conflict", audit);
        Assert.Contains("duplicate", audit);
    }

    private static Task<HttpResponseMessage> Ack(Session s, string csrf, string alarm, string requestId)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/console/alarms/{alarm}/acknowledge")
        {
            Content = JsonContent.Create(new { requestId, note = "已电话核实" }),
        };
        req.Headers.Add("X-CSRF-TOKEN", csrf);
        return s.Http.SendAsync(req);
    }

    [Fact]
    public async Task State_changing_calls_without_the_antiforgery_token_are_refused()
    {
        var host = shared.Host;
        using var s = new Session(host);
        await s.SignInAsync("coord1", AccountsFixture.Password);
        using var noToken = await s.Http.PostAsJsonAsync("/api/v1/console/alarms/x/acknowledge", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        using var anon = new Session(host);
        using var form = await anon.Http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "coord1", ["password"] = AccountsFixture.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_and_the_attempts_are_audited()
    {
        var host = shared.Host;
        using var s = new Session(host);
        for (var i = 0; i < 4; i++) Assert.Contains("error=wrong", await s.SignInAsync("duty1", "not-the-password"));
        Assert.Contains("error=locked", await s.SignInAsync("duty1", "not-the-password"));
        Assert.Contains("error=locked", await s.SignInAsync("duty1", AccountsFixture.Password));
        Assert.Equal("/dispatch", await s.SignInAsync("coord1", AccountsFixture.Password));

        using var admin = new Session(host);
        await admin.SignInAsync("admin1", AccountsFixture.Password);
        var signIns = JsonDocument.Parse(await admin.Http.GetStringAsync("/api/v1/audit")).RootElement.EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "sign_in" && e.GetProperty("user").GetString() == "duty1")
            .Select(e => e.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(4, signIns.Count(o => o == "wrong"));
        Assert.Equal(1, signIns.Count(o => o == "locked"));    // the fifth wrong password: checked, and it locked the account
        Assert.Equal(1, signIns.Count(o => o == "lockedout")); // the right one afterwards: refused unchecked
        Assert.All(JsonDocument.Parse(await admin.Http.GetStringAsync("/api/v1/audit")).RootElement.EnumerateArray(),
            e => Assert.False(string.IsNullOrEmpty(e.GetProperty("address").GetString())));
    }
}
