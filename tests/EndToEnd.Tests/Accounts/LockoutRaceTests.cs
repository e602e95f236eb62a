using System.Text.Json;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>Issue 13 item 7: a parallel burst of wrong passwords gets at most five checked before the account locks.</summary>
public sealed class LockoutRaceTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    [Fact]
    public async Task Forty_parallel_wrong_passwords_get_at_most_five_checked_then_the_right_one_is_refused()
    {
        await using var host = await AccountsFixture.StartAsync(influx);
        var sessions = Enumerable.Range(0, 40).Select(_ => new Session(host)).ToList();
        try
        {
            // every session holds its form token first, so the 40 posts arrive together
            var tokens = await Task.WhenAll(sessions.Select(async s => Session.FormToken(await s.Http.GetStringAsync("/signin"))));
            using var start = new SemaphoreSlim(0);
            var attempts = sessions.Select((s, i) => Task.Run(async () =>
            {
                await start.WaitAsync();
                using var r = await s.Http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["userName"] = "duty1", ["password"] = $"wrong-guess-{i}", ["returnUrl"] = "", ["__RequestVerificationToken"] = tokens[i],
                }));
                return r.Headers.Location!.ToString();
            })).ToList();
            start.Release(40);
            var answers = await Task.WhenAll(attempts);
            Assert.All(answers, a => Assert.Matches("error=(wrong|locked)", a));

            using var again = new Session(host);
            Assert.Contains("error=locked", await again.SignInAsync("duty1", AccountsFixture.Password));

            using var admin = new Session(host);
            await admin.SignInAsync("admin1", AccountsFixture.Password);
            var outcomes = JsonDocument.Parse(await admin.Http.GetStringAsync("/api/v1/audit?limit=500")).RootElement.EnumerateArray()
                .Where(e => e.GetProperty("action").GetString() == "sign_in" && e.GetProperty("user").GetString() == "duty1")
                .Select(e => e.GetProperty("outcome").GetString()).ToList();
            Assert.Equal(41, outcomes.Count);
            var checkedWrong = outcomes.Count(o => o is "wrong" or "locked");
            Assert.True(checkedWrong <= 5, $"{checkedWrong} of 40 wrong passwords were checked: {string.Join(",", outcomes)}");
            Assert.Equal(1, outcomes.Count(o => o == "locked"));
            Assert.Equal(36, outcomes.Count(o => o == "lockedout"));
            Assert.Equal(0, outcomes.Count(o => o == "ok"));
        }
        finally
        {
            foreach (var s in sessions) s.Dispose();
        }
    }
}
