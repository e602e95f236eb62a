using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.EndToEnd.Tests.Accounts;
using CommandCenter.Plans;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Plans;

/// <summary>The plan API on the real host: reading and matching, 422 naming the field, 409 on a stale version, retire.</summary>
public sealed class PlanApiTests(SharedAccountsHost shared) : IClassFixture<SharedAccountsHost>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<Session> SignInAsync(string user)
    {
        var s = new Session(shared.Host);
        await s.SignInAsync(user, AccountsFixture.Password);
        return s;
    }

    private static async Task<HttpResponseMessage> SendAsync(Session s, HttpMethod method, string path, object? body = null)
    {
        using var req = new HttpRequestMessage(method, path);
        if (body is not null) req.Content = JsonContent.Create(body, options: Json);
        req.Headers.Add("X-CSRF-TOKEN", await s.CsrfAsync("/admin"));
        return await s.Http.SendAsync(req);
    }

    private static object Body(PlanDefinition plan, int expectedVersion) =>
        new { plan.Name, plan.AlarmKinds, plan.Levels, plan.Steps, expectedVersion };

    [Fact]
    public async Task A_duty_officer_reads_the_seeded_plans_their_versions_and_the_plans_matching_an_alarm()
    {
        using var s = await SignInAsync("duty1");
        var plans = await s.Http.GetFromJsonAsync<List<PlanDefinition>>("/api/v1/plans", Json);
        Assert.Superset(new HashSet<string> { "flood", "high-rise-fire", "gas-leak", "mass-gathering", "hazmat" }, plans!.Select(p => p.Id).ToHashSet());
        Assert.Equal("防汛应急预案（城区内涝与河道超警）", (await s.Http.GetFromJsonAsync<PlanDefinition>("/api/v1/plans/flood/versions/1", Json))!.Name);
        Assert.Equal("system", (await s.Http.GetFromJsonAsync<List<PlanDefinition>>("/api/v1/plans/flood/history", Json))![0].SavedBy);

        var matched = await s.Http.GetFromJsonAsync<List<PlanDefinition>>("/api/v1/plans/match?kinds=water_level,gas&level=2", Json);
        Assert.Contains(matched!, p => p.Id == "flood");
        Assert.Contains(matched!, p => p.Id == "hazmat");
        Assert.DoesNotContain(matched!, p => p.Id == "high-rise-fire");
        Assert.Empty((await s.Http.GetFromJsonAsync<List<PlanDefinition>>("/api/v1/plans/match?kinds=water_level&level=4", Json))!);

        using var noKinds = await s.Http.GetAsync("/api/v1/plans/match?level=2");
        Assert.Equal(HttpStatusCode.BadRequest, noKinds.StatusCode);
        Assert.Equal("kinds", JsonDocument.Parse(await noKinds.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        using var badLevel = await s.Http.GetAsync("/api/v1/plans/match?kinds=gas&level=5");
        Assert.Equal("level", JsonDocument.Parse(await badLevel.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await s.Http.GetAsync("/api/v1/plans/no-such-plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Http.GetAsync("/api/v1/plans/flood/versions/99")).StatusCode);
    }

    [Fact]
    public async Task An_invalid_plan_is_422_naming_the_field_and_nothing_is_saved()
    {
        using var s = await SignInAsync("admin1");
        var flood = (await s.Http.GetFromJsonAsync<PlanDefinition>("/api/v1/plans/flood", Json))!;
        var bad = flood with { Steps = flood.Steps.Select((st, i) => i == 3 ? st with { UnitKind = "navy" } : st).ToList() };
        using var refused = await SendAsync(s, HttpMethod.Put, "/api/v1/plans/flood", Body(bad, flood.Version));
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("steps[3].unitKind", problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("steps[3].unitKind", out _));

        using var badId = await SendAsync(s, HttpMethod.Put, "/api/v1/plans/Bad%20Id", Body(flood, 0));
        Assert.Equal((HttpStatusCode)422, badId.StatusCode);
        Assert.Equal("id", JsonDocument.Parse(await badId.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        Assert.Equal(flood.Version, (await s.Http.GetFromJsonAsync<PlanDefinition>("/api/v1/plans/flood", Json))!.Version);
    }

    [Fact]
    public async Task A_save_from_a_stale_version_is_409_and_the_other_admins_version_is_kept()
    {
        using var s = await SignInAsync("admin1");
        var v1 = (await s.Http.GetFromJsonAsync<PlanDefinition>("/api/v1/plans/mass-gathering", Json))!;
        using var first = await SendAsync(s, HttpMethod.Put, "/api/v1/plans/mass-gathering", Body(v1 with { Name = "大型活动人员聚集应急预案（修订）" }, v1.Version));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var v2 = (await first.Content.ReadFromJsonAsync<PlanDefinition>(Json))!;
        Assert.Equal(v1.Version + 1, v2.Version);
        Assert.Equal("管理员", v2.SavedBy);

        using var stale = await SendAsync(s, HttpMethod.Put, "/api/v1/plans/mass-gathering", Body(v1 with { Name = "另一份修改" }, v1.Version));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(v2.Version, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("expectedVersion", problem.GetProperty("field").GetString());
        var history = await s.Http.GetFromJsonAsync<List<PlanDefinition>>("/api/v1/plans/mass-gathering/history", Json);
        Assert.Equal(["大型活动人员聚集应急预案", "大型活动人员聚集应急预案（修订）"], history!.Select(p => p.Name));
    }

    [Fact]
    public async Task An_admin_creates_a_plan_then_retires_it_and_it_is_no_longer_proposed()
    {
        using var s = await SignInAsync("admin1");
        var step = new PlanStep { Id = "s1", Action = PlanActions.Notify, Title = "通知水务局排查井盖", WithinMinutes = 30, Role = "值班员", Department = "水务局" };
        var plan = new PlanDefinition { Id = "manhole", Version = 0, Name = "井盖位移处置预案", AlarmKinds = ["manhole"], Levels = [3, 4], Steps = [step] };
        using var created = await SendAsync(s, HttpMethod.Put, "/api/v1/plans/manhole", Body(plan, 0));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains(await s.Http.GetFromJsonAsync<List<PlanDefinition>>("/api/v1/plans/match?kinds=manhole&level=4", Json) ?? [], p => p.Id == "manhole");

        using var stale = await SendAsync(s, HttpMethod.Delete, "/api/v1/plans/manhole?expectedVersion=7");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using var retired = await SendAsync(s, HttpMethod.Delete, "/api/v1/plans/manhole?expectedVersion=1");
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.True((await retired.Content.ReadFromJsonAsync<PlanDefinition>(Json))!.Retired);
        Assert.Empty(await s.Http.GetFromJsonAsync<List<PlanDefinition>>("/api/v1/plans/match?kinds=manhole&level=4", Json) ?? []);
        Assert.DoesNotContain(await s.Http.GetFromJsonAsync<List<PlanDefinition>>("/api/v1/plans", Json) ?? [], p => p.Id == "manhole");
        Assert.Contains(await s.Http.GetFromJsonAsync<List<PlanDefinition>>("/api/v1/plans?retired=true", Json) ?? [], p => p.Id == "manhole" && p.Retired);
        Assert.Equal(2, (await s.Http.GetFromJsonAsync<List<PlanDefinition>>("/api/v1/plans/manhole/history", Json))!.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(s, HttpMethod.Delete, "/api/v1/plans/no-such-plan")).StatusCode);
    }

    [Fact]
    public async Task Malformed_plan_bodies_are_answered_with_a_4xx_never_a_5xx()
    {
        using var s = await SignInAsync("admin1");
        string[] bodies =
        [
            "{", "null", "[]", "42", "\"x\"", "", """{"name": 5}""", """{"name": "n", "steps": [null], "expectedVersion": 0}""",
            """{"name": "n", "steps": [{}], "expectedVersion": 0}""", """{"name": "n", "alarmKinds": null, "levels": null, "steps": null}""",
            """{"name": "\ud800", "alarmKinds": ["\udc00"], "levels": [1], "steps": [{"id": "s1", "action": "notify", "title": "\ud800", "withinMinutes": 5, "role": "r", "department": "d"}], "expectedVersion": 0}""",
            """{"name": "n", "alarmKinds": ["gas"], "levels": [1], "steps": [{"id": "s1", "action": "notify", "title": "t", "withinMinutes": "soon", "role": "r"}], "expectedVersion": 0}""",
            """{"name": "n", "alarmKinds": ["gas"], "levels": [1], "steps": [{"id": "s1", "action": "warn", "title": "t", "withinMinutes": 5, "role": "r", "streets": [null]}], "expectedVersion": 0}""",
        ];
        var csrf = await s.CsrfAsync("/admin");
        var failures = new List<string>();
        foreach (var body in bodies)
        {
            using var req = new HttpRequestMessage(HttpMethod.Put, "/api/v1/plans/malformed") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            req.Headers.Add("X-CSRF-TOKEN", csrf);
            using var resp = await s.Http.SendAsync(req);
            if ((int)resp.StatusCode is < 400 or >= 500) failures.Add($"{body}: {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(HttpStatusCode.NotFound, (await s.Http.GetAsync("/api/v1/plans/malformed")).StatusCode);
    }
}
