using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Ingest;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Warnings;

/// <summary>
/// 风险预警 through the real host: readings posted by a gauge gateway are stored, a river gauge crossing the warning level
/// and a gas detector rising fast raise warnings in the county's figures, and the sensor's chart reads its readings back
/// from InfluxDB. A reading with a kind the rules do not know is refused naming the field; the good ones of its batch are kept.
/// </summary>
public sealed class SensorWarningTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    [Fact]
    public async Task Readings_are_stored_warn_by_their_rules_and_chart_from_the_log()
    {
        await using var host = new HostProcess(influx.Server.Url, $"warn_{Guid.NewGuid():N}", new Dictionary<string, string> { ["Wall__KioskToken"] = "warn-token" });
        await host.StartAsync();
        var (response, body) = await host.PostEventsAsync([
            Wire.Reading(20, "G-river", "water_level", 2.9, minutesAgo: 20),
            Wire.Reading(20, "G-river", "water_level", 3.7, minutesAgo: 1),   // past yellow (3.5 m)
            Wire.Reading(21, "G-gas", "gas", 1.0, minutesAgo: 8),
            Wire.Reading(21, "G-gas", "gas", 7.5, minutesAgo: 1),             // up 6.5 %LEL in 7 min: a fast rise (yellow), below blue
            Wire.Reading(22, "G-odd", "radiation", 1.0),
            Wire.Reading(23, "G-hydrant", "hydrant_pressure", 0.31),           // normal
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([IngestStatus.Accepted, IngestStatus.Accepted, IngestStatus.Accepted, IngestStatus.Accepted, IngestStatus.Rejected, IngestStatus.Accepted],
            body!.Results.Select(r => r.Status));
        Assert.Contains("sensorKind 'radiation'", body.Results[4].Reason);

        // the county's figures count the two warnings, both yellow (III)
        JsonElement figures = default;
        for (var waited = 0; waited < 10_000; waited += 200)
        {
            using var county = JsonDocument.Parse(await host.Http.GetStringAsync("api/v1/county"));
            figures = county.RootElement.GetProperty("summary").GetProperty("figures").Clone();
            if (figures.GetProperty("warningsIII").GetInt64() == 2) break;
            await Task.Delay(200);
        }
        Assert.Equal((0L, 0L, 2L, 0L), (figures.GetProperty("warningsI").GetInt64(), figures.GetProperty("warningsII").GetInt64(),
            figures.GetProperty("warningsIII").GetInt64(), figures.GetProperty("warningsIV").GetInt64()));

        // the river gauge's chart, read back from the event log
        using var req = new HttpRequestMessage(HttpMethod.Get, $"api/v1/sensors/G-river/readings?grid={Wire.Grid(20)}&hours=1");
        req.Headers.Add("Cookie", "cc_kiosk=warn-token");
        var chart = await host.Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        using var doc = JsonDocument.Parse(await chart.Content.ReadAsStringAsync());
        var values = doc.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Contains(3.7, values);
        // replay at this moment shows the same warnings: the county's figures equal the live capture, and the frame lists both
        var capture = JsonNode.Parse(await host.Http.GetStringAsync("api/v1/capture"))!;
        var from = DateTimeOffset.UtcNow.AddHours(-1);
        await SimulatedCounty.AssertReplayEqualsCapturesAsync(host, from, [capture]);
        var asOf = (string)capture["asOf"]!;
        using var open = await host.Http.PostAsync("api/v1/replay", new StringContent(
            JsonSerializer.Serialize(new { from, to = DateTimeOffset.Parse(asOf).AddSeconds(1) }), Encoding.UTF8, "application/json"));
        var replay = (string)JsonNode.Parse(await open.Content.ReadAsStringAsync())!["id"]!;
        await SimulatedCounty.WaitReadyAsync(host, replay);
        var frame = JsonNode.Parse(await host.Http.GetStringAsync($"api/v1/replay/{replay}/frame?at={Uri.EscapeDataString(asOf)}&full=true"))!;
        Assert.Equal(["G-gas:3:rise", "G-river:3:threshold"], frame["warnings"]!.AsArray()
            .Select(w => $"{(string)w!["sensor"]!}:{(int)w["level"]!}:{(string)w["cause"]!}").Order());

        // a grid that is not the county's is refused
        using var bad = new HttpRequestMessage(HttpMethod.Get, "api/v1/sensors/G-river/readings?grid=nowhere");
        bad.Headers.Add("Cookie", "cc_kiosk=warn-token");
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.SendAsync(bad)).StatusCode);
    }
}
