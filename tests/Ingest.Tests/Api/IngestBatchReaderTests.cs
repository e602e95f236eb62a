using System.Text;
using System.Text.Json;
using CommandCenter.Events;
using CommandCenter.Ingest.Api;

namespace CommandCenter.Ingest.Tests.Api;

/// <summary>The batch body read event by event: each bad event alone refused, malformed JSON anywhere refuses the body.</summary>
public class IngestBatchReaderTests
{
    private const string Good = """{"id":"g1","type":"patrol_checkin","occurredAt":"2026-05-01T08:00:00+08:00","workerId":"w1","lon":120.01,"lat":30.0}""";

    private static List<BatchItem> Read(string json) => IngestBatchReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Each_bad_event_gets_its_own_reason_and_id_while_the_good_ones_are_read()
    {
        var items = Read($$"""
            {"events": [
              {{Good}},
              {"id": "t1", "type": "alarm_raised", "alarmId": "x", "severity": "high"},
              {"id": "t2", "type": "teleport"},
              42,
              null,
              {"id": 7, "lon": []},
              {{Good.Replace("g1", "g2")}}
            ]}
            """);
        Assert.Equal(7, items.Count);
        Assert.Equal("g1", items[0].Event!.Id);
        Assert.Equal(EventType.PatrolCheckIn, items[0].Event!.Type);
        Assert.Null(items[0].Error);
        Assert.Equal(("t1", true), (items[1].Id, items[1].Error!.StartsWith("severity ")));
        Assert.Equal(("t2", true), (items[2].Id, items[2].Error!.StartsWith("type ")));
        Assert.Equal("an event must be a JSON object", items[3].Error);
        Assert.Equal("an event must be a JSON object", items[4].Error);
        Assert.Null(items[5].Id); // not a string: no id to name
        Assert.NotNull(items[5].Error);
        Assert.Equal("g2", items[6].Event!.Id);
    }

    [Fact]
    public void A_bare_array_and_other_root_properties_around_events_are_read_alike()
    {
        Assert.Equal("g1", Assert.Single(Read($"[{Good}]")).Event!.Id);
        var items = Read($$"""{"sender": {"a": [1, {"events": 3}]}, "events": [{{Good}}], "events2": [], "n": null}""");
        Assert.Equal("g1", Assert.Single(items).Event!.Id);
    }

    [Theory]
    [InlineData("""{"things": 1}""", 400)]
    [InlineData("""{"events": 5}""", 400)]
    [InlineData("""{"events": {}}""", 400)]
    [InlineData("""{"events": []}""", 400)]
    [InlineData("[]", 400)]
    [InlineData("\"events\"", 400)]
    public void A_body_that_is_not_a_batch_is_refused_whole(string json, int status) =>
        Assert.Equal(status, Assert.Throws<BatchShapeException>(() => Read(json)).Status);

    [Theory]
    [InlineData("")]
    [InlineData("""{"events": [ {"id": """)]
    [InlineData("""[{"id": "a", "severity": "high", }]""")] // a trailing comma inside an event that also has a wrong type
    [InlineData("""[{"severity": "x"}, {"id": ]""")] // malformed after a refused event
    [InlineData("""[{"id": "a"}] trailing""")]
    [InlineData("""{"events": [{"id": "a"}], "x": tru}""")] // malformed after the events
    [InlineData("""[{"id": "a"}""")]
    public void Malformed_json_anywhere_fails_the_whole_body(string json) =>
        Assert.ThrowsAny<JsonException>(() => Read(json));

    [Fact]
    public void More_than_the_batch_limit_is_413_naming_the_count()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat(Good, IngestBatch.MaxBatch + 2)) + "]";
        var ex = Assert.Throws<BatchShapeException>(() => Read(json));
        Assert.Equal(413, ex.Status);
        Assert.Contains($"not {IngestBatch.MaxBatch + 2}", ex.Message);
        Assert.Equal(IngestBatch.MaxBatch, Read("[" + string.Join(",", Enumerable.Repeat(Good, IngestBatch.MaxBatch)) + "]").Count);
    }

    [Fact]
    public void Reads_every_field_as_the_api_options_do_names_in_any_case_and_numbers_in_strings()
    {
        var json = """
            {"ID": "e1", "Type": "whistle_blown", "occurredAt": "2026-05-01T08:00:00+08:00", "source": "s", "gridCode": "g",
             "lon": "120.5", "lat": 30.25, "drillId": "d", "workerId": "w", "alarmId": "a", "severity": "3", "alarmKind": "smoke",
             "caseId": "c", "caseState": "dispatched", "category": "cat", "actor": "act", "note": "网格 😀", "drillName": "dn",
             "drillStreets": ["s1", "s2"], "incidentId": "i", "title": "t", "commander": "cmd", "streets": ["s3"], "orderId": "o",
             "unitId": "u", "unitKind": "fire", "orderState": "on_scene", "deadlineAt": "2026-05-01T09:00:00Z", "whistleId": "wh",
             "department": "dep", "departments": ["d1"], "unknownField": {"ignored": true}}
            """;
        var viaReader = Assert.Single(Read($"[{json}]")).Event!;
        var viaOptions = JsonSerializer.Deserialize<WireEvent>(json, IngestJson.Options)!;
        Assert.Equal(JsonSerializer.Serialize(viaOptions, IngestJson.Options), JsonSerializer.Serialize(viaReader, IngestJson.Options));
        Assert.Equal(3, viaReader.Severity);
        Assert.Equal(120.5, viaReader.Lon);
        Assert.Equal(["s1", "s2"], viaReader.DrillStreets!);
    }

    [Theory]
    [InlineData("""{"id": "BAD", "type": "patrol_checkin"}""", "id")]
    [InlineData("""{"id": "x", "note": "BAD", "type": "patrol_checkin"}""", "note")]
    [InlineData("""{"id": "x", "drillStreets": ["s1", "BAD"]}""", "drillStreets")]
    public void Invalid_utf8_inside_a_string_is_400_naming_the_event_and_field_not_an_exception(string second, string field)
    {
        Refused($"[{Good}, {second}]", field);
        Refused($$"""{"sender": {"events": "x"}, "events": [{{Good}}, {{second}}]}""", field);
    }

    private static void Refused(string json, string field)
    {
        var at = json.IndexOf("BAD");
        byte[] body = [.. Encoding.UTF8.GetBytes(json[..at]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(json[(at + 3)..])];
        var ex = Assert.Throws<BatchShapeException>(() => IngestBatchReader.Read(body));
        Assert.Equal(400, ex.Status);
        Assert.Equal($"events[1].{field} is not valid UTF-8 text", ex.Message);
    }

    [Theory]
    [InlineData("occurredAt", "\"0001-01-01T00:00:00+14:00\"")]
    [InlineData("occurredAt", "\"9999-12-31T23:59:59-14:00\"")]
    [InlineData("workerId", "\"\\ud800\"")] // a lone surrogate escape
    [InlineData("severity", "1e400")]
    [InlineData("severity", "99999999999")]
    public void Numbers_and_dates_out_of_range_refuse_that_event_naming_the_field(string field, string value)
    {
        var item = Assert.Single(Read($$"""[{"id": "a", "{{field}}": {{value}}}]"""));
        Assert.Null(item.Event);
        Assert.Equal("a", item.Id);
        Assert.StartsWith(field + " ", item.Error);
    }
}
