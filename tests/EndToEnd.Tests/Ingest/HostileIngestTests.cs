using System.Net;
using System.Text;
using System.Text.Json;
using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Ingest;

/// <summary>What an outside tester threw at <c>POST /api/v1/events</c> (issue 13): each a clear 4xx naming the field, nothing applied.</summary>
public sealed class HostileIngestTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly HostProcess _host = shared.Host;

    private async Task<(HttpStatusCode Status, string Body)> Post(byte[] body, string? contentType = "application/json")
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "api/v1/events") { Content = new ByteArrayContent(body) };
        if (contentType is not null) req.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        req.Headers.Add("X-Api-Key", _host.ApiKey);
        using var r = await _host.Http.SendAsync(req);
        return (r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    private async Task<long> LastSeqAsync()
    {
        using var doc = JsonDocument.Parse(await _host.Http.GetStringAsync("api/v1/capture"));
        return doc.RootElement.GetProperty("lastSeq").GetInt64();
    }

    [Fact]
    public async Task Every_console_event_type_from_an_ingest_key_is_refused_and_nothing_changes()
    {
        Assert.Equal(IngestStatus.Accepted, Assert.Single((await _host.PostEventsAsync([Wire.Raise(3, Wire.Id("alarm"), 2)])).Body!.Results).Status);
        var before = await LastSeqAsync();
        var consoleTypes = Enum.GetValues<EventType>().Where(t => !OutsideEventTypes.IsAllowed(t)).ToList();
        Assert.True(consoleTypes.Count >= 8, string.Join(",", consoleTypes));
        var events = consoleTypes.Select(t => new WireEvent
        {
            Id = Wire.Id("evil"), Type = t, OccurredAt = Wire.Now, GridCode = Wire.Grid(3), IncidentId = "INC-EVIL", Title = "<script>x</script>",
            Severity = 1, Note = "n", AlarmId = "a", OrderId = "ORD-EVIL", OrderState = OrderState.Ordered, UnitId = "u", UnitKind = "fire",
            WhistleId = "WSL-EVIL", Department = "d", Departments = ["d"], Streets = [Wire.Map.Streets[0].Code], Actor = "调度员-王",
        }).ToList();
        var (r, body) = await _host.PostEventsAsync(events);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(consoleTypes.Count, body!.Rejected);
        Assert.All(body.Results, x => Assert.Contains("is a console action", x.Reason));
        Assert.Equal(before, await LastSeqAsync()); // nothing was applied or stored
    }

    [Theory]
    [InlineData("id")]
    [InlineData("note")]
    [InlineData("alarmKind")]
    public async Task Invalid_utf8_inside_a_string_field_is_400_naming_the_field(string field)
    {
        var json = $$"""{"events": [{"id": "{{(field == "id" ? "BAD" : Wire.Id())}}", "type": "alarm_raised", "occurredAt": "{{Wire.Now:O}}", "gridCode": "{{Wire.Grid(1)}}", "alarmId": "x", "severity": 2, "note": "{{(field == "note" ? "BAD" : "n")}}", "alarmKind": "{{(field == "alarmKind" ? "BAD" : "smoke")}}"}]}""";
        var at = json.IndexOf("BAD");
        var (status, body) = await Post([.. Encoding.UTF8.GetBytes(json[..at]), 0xFF, 0xFE, 0xC3, .. Encoding.UTF8.GetBytes(json[(at + 3)..])]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"events[0].{field} is not valid UTF-8", body);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task A_body_that_is_not_declared_json_is_415(string? contentType)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new IngestBatch([Wire.CheckIn(1, "w-ct")]), IngestJson.Options);
        var before = await LastSeqAsync();
        var (status, body) = await Post(json, contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("application/json", body);
        Assert.Equal(before, await LastSeqAsync());
        Assert.Equal(HttpStatusCode.OK, (await Post(json, "application/json; charset=utf-8")).Status);
    }

    [Fact]
    public async Task A_megabyte_alarm_kind_is_refused_naming_the_field_and_the_good_events_are_kept()
    {
        var (r, body) = await _host.PostEventsAsync([Wire.Raise(5, Wire.Id("big"), 2) with { AlarmKind = new string('k', 1 << 20) }, Wire.CheckIn(5, "w-ok")]);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("alarmKind is longer than 100 characters", body!.Results[0].Reason);
        Assert.Equal(IngestStatus.Accepted, body.Results[1].Status);
    }

    [Theory]
    [InlineData("1677-09-21T00:12:43Z", "before 2000-01-01")]
    [InlineData("0001-01-01T00:00:00+14:00", "occurredAt")]
    [InlineData("9999-12-31T23:59:59-14:00", "occurredAt")]
    [InlineData("9999-12-31T23:59:59Z", "in the future")]
    public async Task OccurredAt_far_outside_a_sane_range_is_refused_naming_the_field(string at, string expected)
    {
        var json = $$"""{"events": [{"id": "{{Wire.Id()}}", "type": "patrol_checkin", "occurredAt": "{{at}}", "gridCode": "{{Wire.Grid(1)}}", "workerId": "w"}]}""";
        var (status, body) = await Post(Encoding.UTF8.GetBytes(json));
        Assert.Equal(HttpStatusCode.OK, status);
        var result = Assert.Single(JsonSerializer.Deserialize<IngestResponse>(body, IngestJson.Options)!.Results);
        Assert.Equal(IngestStatus.Rejected, result.Status);
        Assert.StartsWith("occurredAt", result.Reason);
        Assert.Contains(expected, result.Reason);
    }

    [Theory]
    [InlineData("1e400", "lon")]
    [InlineData("\"NaN\"", "lon")]
    [InlineData("\"-Infinity\"", "lon")]
    public async Task Non_finite_coordinates_are_refused_naming_the_field(string value, string field)
    {
        var json = $$"""{"events": [{"id": "{{Wire.Id()}}", "type": "patrol_checkin", "occurredAt": "{{Wire.Now:O}}", "lon": {{value}}, "lat": 30.1, "workerId": "w"}]}""";
        var (status, body) = await Post(Encoding.UTF8.GetBytes(json));
        Assert.Equal(HttpStatusCode.OK, status);
        var result = Assert.Single(JsonSerializer.Deserialize<IngestResponse>(body, IngestJson.Options)!.Results);
        Assert.StartsWith($"{field} must be a finite number", result.Reason);
    }
}
