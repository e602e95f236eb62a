using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>
/// Request ids of console actions: one person's retry is a duplicate, another person's use of the same id is a
/// conflict naming the first sender; ids derived from request ids never collide; opening an incident from an
/// alarm acknowledges it.
/// </summary>
public sealed class ConsoleRequestTests(InfluxFixture influx, SharedAccountsHost shared) : IClassFixture<InfluxFixture>, IClassFixture<SharedAccountsHost>
{
    [Fact]
    public async Task A_request_id_sent_by_a_second_coordinator_is_a_conflict_naming_the_first_and_when_while_the_first_retrying_is_a_duplicate()
    {
        var host = shared.Host;
        var alarm = Wire.Id("rid");
        await host.PostEventsAsync([Wire.Raise(42, alarm, 2)]);
        var (a, ta) = await SignInAsync(host, "coord1");
        var (b, tb) = await SignInAsync(host, "coord2");
        var before = DateTimeOffset.UtcNow;

        using var first = await Post(a, ta, $"alarms/{alarm}/acknowledge", new { requestId = "shared-1", note = "王先确认" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await Post(b, tb, $"alarms/{alarm}/acknowledge", new { requestId = "shared-1" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("request_taken", body.GetProperty("code").GetString());
        Assert.Equal("调度员-王", body.GetProperty("args").GetProperty("by").GetString());
        var at = DateTimeOffset.Parse(body.GetProperty("args").GetProperty("at").GetString()!);
        Assert.InRange(at, before.AddSeconds(-1), DateTimeOffset.UtcNow);
        Assert.Contains("调度员-王", body.GetProperty("error").GetString());

        // a different action with the same id by the second person is refused too: the id belongs to the first
        using var other = await Post(b, tb, "incidents", new { requestId = "shared-1", title = "x", level = 3 });
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);

        using var retry = await Post(a, ta, $"alarms/{alarm}/acknowledge", new { requestId = "shared-1", note = "王先确认" });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("duplicate", JsonDocument.Parse(await retry.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Whistles_orders_and_incidents_from_request_ids_sharing_a_prefix_are_all_made_and_bad_request_ids_are_refused()
    {
        var host = shared.Host;
        var (a, ta) = await SignInAsync(host, "coord1");
        var street = Wire.Map.Streets[0].Code;

        var incidents = new List<string>();
        foreach (var rid in new[] { "api-incident-0001", "api-incident-0002" })
        {
            using var r = await Post(a, ta, "incidents", new { requestId = rid, title = "火情 " + rid, level = 3 });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            incidents.Add(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("extra").GetProperty("incidentId").GetString()!);
        }
        Assert.Equal(2, incidents.Distinct().Count());

        foreach (var rid in new[] { "api-wsl-1", "api-wsl-2" })
        {
            using var r = await Post(a, ta, "whistles", new { requestId = rid, street, departments = new[] { "城管" }, incidentId = incidents[0] });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        foreach (var (rid, unit) in new[] { ("api-order-1", $"urban-{street}"), ("api-order-2", $"market-{street}") })
        {
            using var r = await Post(a, ta, $"incidents/{incidents[0]}/orders", new { requestId = rid, units = new[] { new { unitId = unit, unitKind = "urban" } } });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        var board = JsonDocument.Parse(await a.Http.GetStringAsync("/api/v1/console/board")).RootElement;
        // (the host is shared by this class's tests: this incident's whistles)
        Assert.Equal(2, board.GetProperty("whistles").EnumerateArray().Where(w => w.GetProperty("incidentId").GetString() == incidents[0])
            .Select(w => w.GetProperty("id").GetString()).Distinct().Count());
        var incident = board.GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("id").GetString() == incidents[0]);
        Assert.Equal(2, incident.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetString()).Distinct().Count());

        foreach (var bad in new[] { new string('x', 65), "a/b", "<script>" })
        {
            using var r = await Post(a, ta, "whistles", new { requestId = bad, street, departments = new[] { "城管" } });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
            Assert.Contains("requestId", await r.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Opening_an_incident_from_an_unacknowledged_alarm_acknowledges_it_in_the_coordinators_name_and_the_timeline_shows_it()
    {
        var host = shared.Host;
        var (alarm, acked) = (Wire.Id("open"), Wire.Id("open"));
        await host.PostEventsAsync([Wire.Raise(42, alarm, 2), Wire.Raise(43, acked, 2), Wire.Ack(acked, "值班员-王芳")]);
        var (a, ta) = await SignInAsync(host, "coord1");

        using var open = await Post(a, ta, "incidents", new { requestId = "open-1", title = "烟感", level = 2, gridCode = Wire.Grid(42), alarmIds = new[] { alarm } });
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        var opened = JsonDocument.Parse(await open.Content.ReadAsStringAsync()).RootElement.GetProperty("extra").GetProperty("incidentId").GetString();
        var alarms = JsonDocument.Parse(await a.Http.GetStringAsync("/api/v1/console/alarms")).RootElement.EnumerateArray().ToList();
        var row = alarms.Single(x => x.GetProperty("id").GetString() == alarm);
        Assert.True(row.GetProperty("acked").GetBoolean());
        Assert.Equal("调度员-王", row.GetProperty("ackedBy").GetString());
        var incident = JsonDocument.Parse(await a.Http.GetStringAsync("/api/v1/console/board")).RootElement.GetProperty("incidents").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == opened);
        Assert.Contains(incident.GetProperty("timeline").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "alarm_acknowledged" && e.GetProperty("actor").GetString() == "调度员-王");

        // an alarm somebody else already acknowledged: the incident opens, the acknowledgement stays theirs
        using var second = await Post(a, ta, "incidents", new { requestId = "open-2", title = "烟感2", level = 3, gridCode = Wire.Grid(43), alarmIds = new[] { acked } });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        alarms = JsonDocument.Parse(await a.Http.GetStringAsync("/api/v1/console/alarms")).RootElement.EnumerateArray().ToList();
        Assert.Equal("test-gateway/值班员-王芳", alarms.Single(x => x.GetProperty("id").GetString() == acked).GetProperty("ackedBy").GetString());

        var client = await influx.Server.CreateClientAsync("probe");
        var acks = new List<string?>();
        await foreach (var r in client.QueryAsyncIn(host.DatabaseName, "SELECT actor, alarm FROM event WHERE \"type\" = 'alarm_acknowledged'"))
            if (r.GetString("alarm") is { } id && (id == alarm || id == acked)) acks.Add(id + "/" + r.GetString("actor")); // this test's alarms (the host is shared)
        Assert.Equal(new[] { $"{acked}/test-gateway/值班员-王芳", $"{alarm}/调度员-王" }.Order(), acks.Order());
    }

    [Fact]
    public async Task Closing_an_incident_with_open_orders_or_absent_departments_asks_cancel_or_keep_and_the_timeline_records_the_choice()
    {
        var host = shared.Host;
        var (a, ta) = await SignInAsync(host, "coord1");
        var street = Wire.Map.Streets[1].Code; // not the street whose units another test of the shared host keeps busy
        async Task<JsonElement> Ok(string path, object body)
        {
            using var r = await Post(a, ta, path, body);
            var text = await r.Content.ReadAsStringAsync();
            Assert.True(r.IsSuccessStatusCode, text);
            return JsonDocument.Parse(text).RootElement;
        }
        async Task<JsonElement> Incident(string id) => JsonDocument.Parse(await a.Http.GetStringAsync("/api/v1/console/board")).RootElement
            .GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);

        var first = (await Ok("incidents", new { requestId = "close-1", title = "内涝", level = 3 })).GetProperty("extra").GetProperty("incidentId").GetString()!;
        await Ok($"incidents/{first}/orders", new { requestId = "close-1-orders", units = new[] { new { unitId = $"urban-{street}", unitKind = "urban" }, new { unitId = $"market-{street}", unitKind = "market" } } });
        var whistle = (await Ok("whistles", new { requestId = "close-1-wsl", street, departments = new[] { "城管", "公安" }, incidentId = first })).GetProperty("extra").GetProperty("whistleId").GetString();
        await Ok($"whistles/{whistle}/report-in", new { requestId = "close-1-ri", department = "城管", state = "arrived" });

        using (var refused = await Post(a, ta, $"incidents/{first}/close", new { requestId = "close-1-end", note = "积水排净" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("open_orders", body.GetProperty("code").GetString());
            Assert.Equal(2, body.GetProperty("details").GetProperty("orders").GetArrayLength());
            Assert.Equal("公安", body.GetProperty("details").GetProperty("departments")[0].GetProperty("department").GetString());
            Assert.Contains("2 条指令未完成", body.GetProperty("error").GetString());   // in the UI language, zh-CN by default
        }
        using (var bad = await Post(a, ta, $"incidents/{first}/close", new { requestId = "close-1-bad", openOrders = "forget" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            Assert.Equal("openOrders", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        }
        Assert.Null((await Incident(first)).GetProperty("closedAt").GetString());

        await Ok($"incidents/{first}/close", new { requestId = "close-1-end2", note = "积水排净", openOrders = "cancel" });
        var closed = await Incident(first);
        Assert.All(closed.GetProperty("orders").EnumerateArray(), o => Assert.Equal("cancelled", o.GetProperty("state").GetString()));
        var timeline = closed.GetProperty("timeline").EnumerateArray().ToList();
        var end = timeline[^1];
        Assert.Equal(("closed", "cancel", "积水排净"), (end.GetProperty("kind").GetString(), end.GetProperty("to").GetString(), end.GetProperty("text").GetString()));
        Assert.Equal(2, end.GetProperty("items").GetArrayLength());
        Assert.Contains(timeline, f => f.GetProperty("kind").GetString() == "not_reported" && f.GetProperty("items")[0].GetString() == "公安");

        // kept open deliberately: the units stay busy and the order still moves after the close
        var second = (await Ok("incidents", new { requestId = "close-2", title = "燃气泄漏", level = 2 })).GetProperty("extra").GetProperty("incidentId").GetString()!;
        var order = (await Ok($"incidents/{second}/orders", new { requestId = "close-2-orders", units = new[] { new { unitId = $"urban-{street}", unitKind = "urban" } } }))
            .GetProperty("extra").GetProperty("orders")[0].GetString();
        await Ok($"incidents/{second}/close", new { requestId = "close-2-end", openOrders = "keep" });
        var kept = await Incident(second);
        Assert.Equal("keep", kept.GetProperty("timeline").EnumerateArray().Last().GetProperty("to").GetString());
        Assert.Contains("acknowledged", kept.GetProperty("orders")[0].GetProperty("next").EnumerateArray().Select(x => x.GetString()));
        await Ok($"orders/{order}/state", new { requestId = "close-2-ack", state = "acknowledged" });
        Assert.Equal("acknowledged", (await Incident(second)).GetProperty("orders")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Console_errors_are_in_the_viewers_language_with_county_local_times_and_keep_their_code()
    {
        var host = shared.Host;
        var alarm = Wire.Id("lang");
        await host.PostEventsAsync([Wire.Raise(42, alarm, 2), Wire.Ack(alarm, "值班员-王芳")]);
        var (a, ta) = await SignInAsync(host, "coord1");

        using var zh = await Post(a, ta, $"alarms/{alarm}/acknowledge", new { requestId = "lang-1" });
        var body = JsonDocument.Parse(await zh.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Conflict, zh.StatusCode);
        Assert.Equal("already_acknowledged", body.GetProperty("code").GetString());
        var at = DateTimeOffset.Parse(body.GetProperty("args").GetProperty("at").GetString()!);
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm:ss");
        var by = body.GetProperty("args").GetProperty("by").GetString();
        Assert.Equal("test-gateway/值班员-王芳", by);   // an outside system's actor, as ingest stores it
        Assert.Equal($"告警 {alarm} 已由 {by} 于 {local} 确认", body.GetProperty("error").GetString());

        await a.Http.GetAsync("/dispatch?lang=en");   // the language choice is remembered in a cookie
        using var en = await Post(a, ta, $"alarms/{alarm}/acknowledge", new { requestId = "lang-2" });
        body = JsonDocument.Parse(await en.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal($"Alarm {alarm} was already acknowledged by {by} at {local}", body.GetProperty("error").GetString());

    }

    private static async Task<(Session, string)> SignInAsync(HostProcess host, string user)
    {
        var s = new Session(host);
        await s.SignInAsync(user, AccountsFixture.Password);
        return (s, await s.CsrfAsync());
    }

    internal static Task<HttpResponseMessage> Post(Session s, string csrf, string path, object body)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/console/{path}") { Content = JsonContent.Create(body) };
        req.Headers.Add("X-CSRF-TOKEN", csrf);
        return s.Http.SendAsync(req);
    }
}
