using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CommandCenter.EndToEnd.Tests.Accounts;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Plans;

/// <summary>
/// 预案 on an incident through the real host: an incident opened from a water-level alarm proposes the flood plan;
/// activating it puts that version's checklist on the incident (an admin's later edit does not change it); two fire
/// units sent do the dispatch step with both orders linked; a person marks a step done once; the replay report gives
/// each step's minutes from activation.
/// </summary>
public sealed class IncidentPlanTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    [Fact]
    public async Task A_flood_incident_proposes_the_flood_plan_and_its_checklist_follows_orders_and_people()
    {
        await using var host = await AccountsFixture.StartAsync(influx);
        var alarm = Wire.Id("flood");
        await host.PostEventsAsync([Wire.Raise(42, alarm, 2) with { AlarmKind = "water_level", Note = "临江水位超警" }]);
        using var coord = new Session(host);
        await coord.SignInAsync("coord1", AccountsFixture.Password);
        var csrf = await coord.CsrfAsync();

        var opened = await PostAsync(coord, csrf, "/api/v1/console/incidents", new { title = "临江水位超警", level = 2, gridCode = Wire.Grid(42), alarmIds = new[] { alarm } });
        var incident = (string)opened!["extra"]!["incidentId"]!;
        var proposals = JsonNode.Parse(await coord.Http.GetStringAsync($"/api/v1/console/incidents/{incident}/plans"))!;
        Assert.Contains("water_level", proposals["kinds"]!.AsArray().Select(k => (string)k!));
        Assert.Equal(["flood"], proposals["proposed"]!.AsArray().Select(p => (string)p!["id"]!));
        Assert.Contains("high-rise-fire", proposals["others"]!.AsArray().Select(p => (string)p!["id"]!));

        await PostAsync(coord, csrf, $"/api/v1/console/incidents/{incident}/plans", new { planId = "flood" });
        using (var twice = await SendAsync(coord, csrf, $"/api/v1/console/incidents/{incident}/plans", new { planId = "flood" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            Assert.Equal("plan_active", (string)JsonNode.Parse(await twice.Content.ReadAsStringAsync())!["code"]!);
        }
        var plan = await PlanAsync(coord, incident);
        Assert.Equal(1, (int)plan["version"]!);
        var steps = plan["steps"]!.AsArray();
        var fireStep = steps.Single(s => (string)s!["action"]! == "dispatch" && s["title"]!.ToString().Contains("消防"))!;
        var warnStep = steps.First(s => (string)s!["action"]! == "warn")!;

        // an admin edits the flood plan meanwhile: the incident keeps version 1
        using (var admin = new Session(host))
        {
            await admin.SignInAsync("admin1", AccountsFixture.Password);
            var current = JsonNode.Parse(await admin.Http.GetStringAsync("/api/v1/plans/flood"))!.AsObject();
            current["name"] = "防汛应急预案（修订）";
            current["expectedVersion"] = (int)current["version"]!;
            using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/plans/flood") { Content = JsonContent.Create(current) };
            put.Headers.Add("X-CSRF-TOKEN", Session.FormToken(await admin.Http.GetStringAsync("/signin")));
            using var saved = await admin.Http.SendAsync(put);
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        }

        // two fire units: the dispatch step is done, by the coordinator, with both orders
        var sent = await PostAsync(coord, csrf, $"/api/v1/console/incidents/{incident}/orders",
            new { units = new[] { new { unitId = "poi-fire-01-1", unitKind = "fire" }, new { unitId = "poi-fire-01-2", unitKind = "fire" } } });
        var orders = sent!["extra"]!["orders"]!.AsArray().Select(o => (string)o!).ToList();
        await PostAsync(coord, csrf, $"/api/v1/console/incidents/{incident}/plans/flood/steps/{warnStep["id"]}/done", new { note = "已短信通知沿江街道" });
        using (var again = await SendAsync(coord, csrf, $"/api/v1/console/incidents/{incident}/plans/flood/steps/{warnStep["id"]}/done", new { }))
            Assert.Equal("step_done", (string)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["code"]!);
        using (var nowhere = await SendAsync(coord, csrf, $"/api/v1/console/incidents/{incident}/plans/flood/steps/s99/done", new { }))
            Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);

        plan = await PlanAsync(coord, incident);
        Assert.Equal((1, "防汛应急预案（城区内涝与河道超警）"), ((int)plan["version"]!, (string)plan["name"]!));
        var fire = plan["steps"]!.AsArray().Single(s => (string)s!["id"]! == (string)fireStep["id"]!)!;
        Assert.Equal(orders, fire["links"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("调度员-王", (string)fire["doneBy"]!);
        var warn = plan["steps"]!.AsArray().Single(s => (string)s!["id"]! == (string)warnStep["id"]!)!;
        Assert.Equal(("调度员-王", "已短信通知沿江街道"), ((string)warn["doneBy"]!, (string)warn["note"]!));

        // the replay report: each step with its minutes from activation; the two done ones have them
        var to = DateTimeOffset.UtcNow.AddSeconds(1);
        using var open = await coord.Http.PostAsJsonAsync("/api/v1/replay", new { from = DateTimeOffset.UtcNow.AddHours(-1), to });
        var replay = (string)JsonNode.Parse(await open.Content.ReadAsStringAsync())!["id"]!;
        await SimulatedCounty.WaitReadyAsync(host, replay, coord.Http);
        using var reported = await coord.Http.GetAsync($"/api/v1/replay/{replay}/report");
        var report = JsonNode.Parse(await reported.Content.ReadAsStringAsync())!;
        Assert.True(reported.IsSuccessStatusCode, report.ToJsonString());
        var rows = report["planSteps"]!.AsArray().Where(r => (string)r!["incident"]! == incident).ToList();
        Assert.Equal(steps.Count, rows.Count);
        Assert.Equal(2, rows.Count(r => r!["minutes"] is not null));
        Assert.All(rows.Where(r => r!["minutes"] is not null), r => Assert.InRange((double)r!["minutes"]!, 0, 5));
        // the replay frame at the end shows the checklist exactly as the live board does (which steps done, when, by whom, through what)
        var frame = JsonNode.Parse(await coord.Http.GetStringAsync($"/api/v1/replay/{replay}/frame?at={Uri.EscapeDataString(to.ToString("O"))}&full=true"))!;
        var replayed = frame["plans"]!.AsArray().Single(c => (string)c!["id"]! == incident)!["plans"]!.AsArray().Single()!;
        Assert.Equal(plan["steps"]!.ToJsonString(), replayed["steps"]!.ToJsonString());
        var csv = await coord.Http.GetStringAsync($"/api/v1/replay/{replay}/report.csv?kind=plan-steps");
        Assert.Contains($"{incident},flood,1,{warnStep["id"]},warn,", csv);
    }

    private static async Task<JsonNode> PlanAsync(Session s, string incident)
    {
        var board = JsonNode.Parse(await s.Http.GetStringAsync("/api/v1/console/board"))!;
        return board["incidents"]!.AsArray().Single(i => (string)i!["id"]! == incident)!["plans"]!.AsArray().Single()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(Session s, string csrf, string path, object body)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        req.Headers.Add("X-CSRF-TOKEN", csrf);
        return await s.Http.SendAsync(req);
    }

    private static async Task<JsonNode?> PostAsync(Session s, string csrf, string path, object body)
    {
        using var r = await SendAsync(s, csrf, path, body);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{path}: {(int)r.StatusCode} {text}");
        return JsonNode.Parse(text);
    }
}
