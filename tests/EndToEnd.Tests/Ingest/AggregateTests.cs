using System.Text.Json;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Ingest;

/// <summary>The per-minute figures the charts read are stored in InfluxDB and served as trends.</summary>
public sealed class AggregateTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    [Fact]
    public async Task County_street_and_changed_grid_figures_are_stored_and_the_trend_reads_them()
    {
        var db = $"agg_{Guid.NewGuid():N}";
        await using var host = new HostProcess(influx.Server.Url, db, new Dictionary<string, string>
        {
            ["Silo__AggregateInterval"] = "00:00:01",
            ["Wall__KioskToken"] = "agg-token",
        });
        await host.StartAsync();
        await host.PostEventsAsync([Wire.Raise(10, Wire.Id("a"), 1), Wire.Raise(11, Wire.Id("a"), 4), Wire.CheckIn(12, "w-agg")]);

        var client = await influx.Server.CreateClientAsync("probe");
        long? alarmsI = null, onDuty = null;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && (alarmsI != 1 || onDuty != 1))
        {
            await Task.Delay(500);
            await foreach (var row in client.QueryAsyncIn(db, "SELECT last(alarmsOpenI) AS a, last(workersOnDuty) AS w FROM county_minute"))
            {
                alarmsI = row.GetLong("a");
                onDuty = row.GetLong("w");
            }
        }
        Assert.Equal(1, alarmsI);
        Assert.Equal(1, onDuty);

        var grids = new HashSet<string>();
        await foreach (var row in client.QueryAsyncIn(db, "SELECT last(level) FROM grid_minute GROUP BY grid"))
            grids.Add(row.Tags["grid"]);
        Assert.Equal(new HashSet<string> { Wire.Grid(10), Wire.Grid(11), Wire.Grid(12) }, grids);
        long streets = 0;
        await foreach (var row in client.QueryAsyncIn(db, "SELECT last(alarmsOpenI) FROM street_minute GROUP BY street")) streets++;
        Assert.Equal(Wire.Map.Streets.Count, streets);

        using var req = new HttpRequestMessage(HttpMethod.Get, "api/v1/trends?hours=1");
        req.Headers.Add("Cookie", "cc_kiosk=agg-token");
        using var trends = JsonDocument.Parse(await (await host.Http.SendAsync(req)).Content.ReadAsStringAsync());
        Assert.Contains(2L, trends.RootElement.GetProperty("alarms").EnumerateArray().Select(x => x.GetInt64()));
    }
}
