using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Replay;

/// <summary>
/// The replay API against the real host: stepping always moves (issue 14 item 2), insane instants and unknown
/// enum values are a 400 naming the field (issue 13 item 5), CSV cells cannot run as formulas (issue 13 item 6)
/// and CSV times are in the county's time zone (issue 14 item 3).
/// </summary>
public sealed class ReplayApiInputTests(InfluxFixture influx, SharedHost shared) : IClassFixture<InfluxFixture>, IClassFixture<SharedHost>
{
    [Fact]
    public async Task Next_and_previous_event_move_by_sequence_and_a_time_sent_back_rounded_to_ms_still_moves_on()
    {
        await using var host = new HostProcess(influx.Server.Url, $"step_{Guid.NewGuid():N}");
        await host.StartAsync();
        var t0 = DateTimeOffset.UtcNow;
        var alarms = Enumerable.Range(0, 4).Select(_ => Wire.Id("step")).ToArray();
        foreach (var a in alarms)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostEventsAsync([Wire.Raise(40, a, 3)])).Response.StatusCode);
            await Task.Delay(20);
        }
        var id = await OpenAsync(host, t0.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(1));

        // the page's way: step from the range's start, then from each answer's seq
        var first = await StepAsync(host, id, $"at={Iso(t0.AddSeconds(-5))}", "next");
        var seen = new List<string> { (string)first["seq"]! };
        var e = first;
        for (var i = 1; i < alarms.Length; i++)
        {
            e = await StepAsync(host, id, $"seq={(string)e["seq"]!}", "next");
            seen.Add((string)e["seq"]!);
        }
        Assert.Equal(alarms.Length, seen.Distinct().Count());
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        using (var end = await host.Http.GetAsync($"api/v1/replay/{id}/step?seq={seen[^1]}&dir=next"))
            Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        var back = await StepAsync(host, id, $"seq={seen[^1]}", "prev");
        Assert.Equal(seen[^2], (string)back["seq"]!);

        // a time as the browser holds it (ms) after the first event: atMs lands on it, so next moves to the second
        var atMs = (long)first["atMs"]!;
        var second = await StepAsync(host, id, $"at={Iso(DateTimeOffset.FromUnixTimeMilliseconds(atMs))}", "next");
        Assert.Equal(seen[1], (string)second["seq"]!);
    }

    [Fact]
    public async Task Insane_instants_and_unknown_values_are_a_400_naming_the_field()
    {
        var host = shared.Host; // only 400s and rows by this test's own ids: one host for this and the CSV test
        await host.PostEventsAsync([Wire.Raise(41, Wire.Id("input"), 2)]);
        var id = await OpenAsync(host, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddSeconds(1));

        await ExpectFieldAsync(await PostAsync(host, new { from = "1677-09-21T00:00:00Z", to = "1677-09-22T00:00:00Z" }), "from");
        await ExpectFieldAsync(await PostAsync(host, new { from = DateTimeOffset.UtcNow.AddDays(3), to = DateTimeOffset.UtcNow.AddDays(4) }), "from");
        await ExpectFieldAsync(await PostAsync(host, new { from = DateTimeOffset.UtcNow.AddHours(-1), to = "9999-12-31T00:00:00Z" }), "to");
        await ExpectFieldAsync(await host.Http.GetAsync($"api/v1/replay/{id}/frame?at=1999-12-31T23:00:00Z"), "at");
        await ExpectFieldAsync(await host.Http.GetAsync($"api/v1/replay/{id}/events?at=9999-01-01T00:00:00Z"), "at");
        await ExpectFieldAsync(await host.Http.GetAsync($"api/v1/replay/{id}/step?at=1900-01-01T00:00:00Z&dir=next"), "at");
        await ExpectFieldAsync(await host.Http.GetAsync($"api/v1/replay/incidents?from=1500-01-01T00:00:00Z"), "from");
        var dir = await ExpectFieldAsync(await host.Http.GetAsync($"api/v1/replay/{id}/step?at={Iso(DateTimeOffset.UtcNow)}&dir=sideways"), "dir");
        Assert.Contains("next", dir) ; Assert.Contains("prev", dir);
        var kind = await ExpectFieldAsync(await host.Http.GetAsync($"api/v1/replay/{id}/report.csv?kind=nonsense"), "kind");
        foreach (var k in new[] { "timeline", "alarms", "cases", "streets", "incidents", "orders", "report-ins" }) Assert.Contains(k, kind);
        await ExpectFieldAsync(await host.Http.GetAsync($"api/v1/replay/{id}/step?seq=12ab&dir=next"), "seq");

        // the sane ones still work
        using (var ok = await host.Http.GetAsync($"api/v1/replay/{id}/report.csv?kind=alarms")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var ok = await host.Http.GetAsync($"api/v1/replay/{id}/frame?at={Iso(DateTimeOffset.UtcNow.AddMinutes(-1))}")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Report_csv_neutralises_formulas_keeps_numbers_and_writes_county_times()
    {
        var host = shared.Host; // only 400s and rows by this test's own ids: one host for this and the bad-input test
        var alarm = Wire.Id("csv");
        var t0 = DateTimeOffset.UtcNow;
        await host.PostEventsAsync([Wire.Raise(42, alarm, 2) with { AlarmKind = "=cmd|'/c calc'!A1", OccurredAt = t0.AddSeconds(-30) }]);
        await Task.Delay(300);
        await host.PostEventsAsync([Wire.Ack(alarm, "值班员-王芳") with { OccurredAt = t0.AddSeconds(-10) },
            Wire.Case(43, Wire.Id("csv-case"), Events.CaseState.Reported, category: "@SUM(1+1)*cmd|' /C calc'!A0")]);
        var id = await OpenAsync(host, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddSeconds(1));

        var csv = await host.Http.GetStringAsync($"api/v1/replay/{id}/report.csv?kind=alarms");
        var row = csv.Split("\r\n").Single(l => l.StartsWith(alarm + ",", StringComparison.Ordinal));
        Assert.Contains(",'=cmd|'/c calc'!A1,", row);
        Assert.Contains(",20,", row); // ack seconds: a number, not text
        Assert.Matches(@",\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00,", row);

        var timeline = await host.Http.GetStringAsync($"api/v1/replay/{id}/report.csv?kind=timeline");
        var lines = timeline.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00,", l));

        var cases = await host.Http.GetStringAsync($"api/v1/replay/{id}/report.csv?kind=cases");
        Assert.Contains(",'@SUM(1+1)*cmd|' /C calc'!A0,", cases);
    }

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));

    private static Task<HttpResponseMessage> PostAsync(HostProcess host, object body) =>
        host.Http.PostAsync("api/v1/replay", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    /// <summary>A 400 problem whose errors name the field; returns the message.</summary>
    private static async Task<string> ExpectFieldAsync(HttpResponseMessage r, string field)
    {
        using (r)
        {
            var body = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"expected 400 for {field}, got {(int)r.StatusCode}: {body}");
            var problem = JsonNode.Parse(body)!;
            var messages = problem["errors"]![field]!.AsArray().Select(m => (string)m!).ToList();
            Assert.NotEmpty(messages);
            Assert.Contains(field, messages[0]);
            return messages[0];
        }
    }

    private static async Task<JsonNode> StepAsync(HostProcess host, string id, string from, string dir)
    {
        using var r = await host.Http.GetAsync($"api/v1/replay/{id}/step?{from}&dir={dir}");
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"step {from} {dir}: {(int)r.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static async Task<string> OpenAsync(HostProcess host, DateTimeOffset from, DateTimeOffset to)
    {
        using var open = await PostAsync(host, new { from, to });
        Assert.Equal(HttpStatusCode.Accepted, open.StatusCode);
        var id = (string)JsonNode.Parse(await open.Content.ReadAsStringAsync())!["id"]!;
        for (var i = 0; i < 300; i++)
        {
            var s = JsonNode.Parse(await host.Http.GetStringAsync($"api/v1/replay/{id}"))!;
            if ((string)s["status"]! == "ready") return id;
            Assert.NotEqual("failed", (string)s["status"]!);
            await Task.Delay(200);
        }
        throw new TimeoutException("the replay did not load");
    }
}
