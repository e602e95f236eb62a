using System.Net;
using System.Text;
using System.Text.Json;
using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Ingest;

/// <summary>Every kind of bad input gets a clear answer and costs nothing that was good.</summary>
public sealed class BadInputTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly HostProcess _host = shared.Host;

    private async Task<(HttpStatusCode Status, string Body)> PostRaw(string json, string? key = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "api/v1/events") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null) req.Headers.Add("X-Api-Key", key);
        using var r = await _host.Http.SendAsync(req);
        return (r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    private async Task<IngestResult> Single(WireEvent e)
    {
        var (r, body) = await _host.PostEventsAsync([e]);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return Assert.Single(body!.Results);
    }

    private async Task<long> WorkersOnDutyAsync()
    {
        using var county = JsonDocument.Parse(await _host.Http.GetStringAsync("api/v1/county"));
        return county.RootElement.GetProperty("summary").GetProperty("figures").GetProperty("workersOnDuty").GetInt64();
    }

    [Fact]
    public async Task No_or_wrong_api_key_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostRaw("{\"events\":[]}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostRaw("{\"events\":[]}", "not-a-key")).Status);
    }

    [Fact]
    public async Task Malformed_json_is_400_with_the_parser_message()
    {
        var (status, body) = await PostRaw("{\"events\": [ {\"id\": ", _host.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("malformed JSON", body);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostRaw("{\"things\": 1}", _host.ApiKey)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostRaw("{\"events\": []}", _host.ApiKey)).Status);
    }

    [Fact]
    public async Task Wrong_types_reject_that_event_and_name_the_field_while_the_rest_are_accepted()
    {
        var good = JsonSerializer.Serialize(Wire.CheckIn(1, "w-types"), IngestJson.Options);
        var json = $$"""
            {"events": [
              {{good}},
              {"id": "t1", "type": "alarm_raised", "occurredAt": "{{Wire.Now:O}}", "gridCode": "{{Wire.Grid(1)}}", "alarmId": "x", "severity": "high"},
              {"id": "t2", "type": "teleport", "occurredAt": "{{Wire.Now:O}}", "gridCode": "{{Wire.Grid(1)}}"},
              42
            ]}
            """;
        var (status, body) = await PostRaw(json, _host.ApiKey);
        Assert.Equal(HttpStatusCode.OK, status);
        var response = JsonSerializer.Deserialize<IngestResponse>(body, IngestJson.Options)!;
        Assert.Equal(1, response.Accepted);
        Assert.Equal(3, response.Rejected);
        Assert.Contains("severity", response.Results[1].Reason);
        Assert.Contains("type", response.Results[2].Reason);
        Assert.Contains("object", response.Results[3].Reason);
    }

    [Fact]
    public async Task A_batch_over_5000_is_413_and_stores_nothing()
    {
        // the host is shared by this class: nothing stored means the count of workers on duty did not move
        var before = await WorkersOnDutyAsync();
        var batch = Enumerable.Range(0, 5001).Select(i => Wire.CheckIn(i % 2000, $"w-big-{i}")).ToList();
        var (r, _) = await _host.PostEventsAsync(batch);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Equal(before, await WorkersOnDutyAsync());
    }

    [Fact]
    public async Task Unknown_grid_position_outside_far_future_and_missing_fields_are_rejected_with_reasons()
    {
        Assert.Contains("unknown grid", (await Single(Wire.Raise(1, "a", 3) with { GridCode = "330110999999999" })).Reason);
        Assert.Contains("outside the county", (await Single(Wire.CheckIn(1, "w") with { Lon = 100.0, Lat = 20.0 })).Reason);
        Assert.Contains("in the future", (await Single(Wire.CheckIn(1, "w") with { OccurredAt = Wire.Now.AddDays(2) })).Reason);
        Assert.Contains("older than", (await Single(Wire.CheckIn(1, "w") with { OccurredAt = Wire.Now.AddDays(-30) })).Reason);
        Assert.Contains("severity must be 1–4", (await Single(Wire.Raise(1, Wire.Id(), 7))).Reason);
        Assert.Contains("workerId is required", (await Single(Wire.CheckIn(1, "w") with { WorkerId = null })).Reason);
        Assert.Contains("id is required", (await Single(Wire.CheckIn(1, "w") with { Id = null })).Reason);
        Assert.Contains("does not match", (await Single(Wire.CheckIn(1, "w") with { Source = "someone-else" })).Reason);
    }

    [Fact]
    public async Task An_illegal_case_transition_is_rejected_naming_the_legal_ones()
    {
        var id = Wire.Id("case");
        Assert.Equal(IngestStatus.Accepted, (await Single(Wire.Case(2, id, CaseState.Reported))).Status);
        var r = await Single(Wire.Case(2, id, CaseState.Closed));
        Assert.Equal(IngestStatus.Rejected, r.Status);
        Assert.Contains("reported", r.Reason);
        Assert.Contains("accepted, rejected", r.Reason);
    }

    [Fact]
    public async Task Duplicate_ids_within_one_batch_store_the_first_only()
    {
        var e = Wire.CheckIn(4, "w-dup");
        var (_, body) = await _host.PostEventsAsync([e, e with { WorkerId = "w-other" }]);
        Assert.Equal(IngestStatus.Accepted, body!.Results[0].Status);
        Assert.Equal(IngestStatus.Duplicate, body.Results[1].Status);
    }
}
