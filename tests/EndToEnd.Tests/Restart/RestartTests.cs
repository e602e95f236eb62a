using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Restart;

/// <summary>The live picture after a restart, clean or kill -9, equals the picture before it; a storage outage loses nothing.</summary>
public sealed class RestartTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    private static async Task FeedAsync(HostProcess host, int rounds)
    {
        var rnd = new Random(3);
        var openAlarms = new List<string>();
        for (var round = 0; round < rounds; round++)
        {
            var batch = new List<WireEvent>();
            for (var i = 0; i < 40; i++) batch.Add(Wire.CheckIn(rnd.Next(2400), $"w-{rnd.Next(500)}"));
            for (var i = 0; i < 5; i++)
            {
                var id = Wire.Id("alarm");
                openAlarms.Add(id);
                batch.Add(Wire.Raise(rnd.Next(2400), id, rnd.Next(1, 5)));
            }
            var caseId = Wire.Id("case");
            batch.Add(Wire.Case(rnd.Next(2400), caseId, CaseState.Reported));
            batch.Add(Wire.Case(0, caseId, CaseState.Accepted) with { GridCode = null });
            var (r, _) = await host.PostEventsAsync(batch);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var acks = openAlarms.Take(3).Select(a => Wire.Ack(a)).ToList();
            openAlarms.RemoveRange(0, 3);
            await host.PostEventsAsync(acks);
        }
    }

    /// <summary>The parts of the picture that do not move with the clock within a test's minute.</summary>
    private static async Task<string> PictureAsync(HostProcess host)
    {
        var county = JsonNode.Parse(await host.Http.GetStringAsync("api/v1/county"))!;
        var grids = JsonNode.Parse(await host.Http.GetStringAsync("api/v1/grids"))!.AsArray()
            .OrderBy(g => (string)g!["code"]!).Select(g => g!.ToJsonString());
        return county["summary"]!["figures"]!.ToJsonString() + "\n" + county["summary"]!["oldestUnackedAt"] + "\n" + string.Join("\n", grids);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_a_restart_the_live_picture_equals_the_picture_before(bool kill)
    {
        await using var host = new HostProcess(influx.Server.Url, $"restart_{Guid.NewGuid():N}");
        await host.StartAsync();
        await FeedAsync(host, rounds: 20);
        var before = await PictureAsync(host);
        Assert.Contains("\"alarmsAcknowledged\":60", before);

        if (kill) host.Kill(); else await host.StopAsync();
        await host.StartAsync();
        var after = await PictureAsync(host);
        Assert.Equal(before, after);
        using var health = JsonDocument.Parse(await host.Http.GetStringAsync("healthz"));
        Assert.Equal(20 * 47 + 20 * 3, health.RootElement.GetProperty("silo").GetProperty("eventsApplied").GetInt64());
    }

    [Fact]
    public async Task While_InfluxDB_is_down_events_fail_with_503_and_after_it_returns_nothing_accepted_is_lost()
    {
        await using var server = await InfluxServer.StartAsync();
        await using var host = new HostProcess(server.Url, "outage");
        await host.StartAsync();
        var before = Enumerable.Range(0, 30).Select(i => Wire.CheckIn(i, $"w-o-{i}")).ToList();
        Assert.Equal(30, (await host.PostEventsAsync(before)).Body!.Accepted);

        server.Kill();
        var during = Enumerable.Range(30, 30).Select(i => Wire.CheckIn(i, $"w-o-{i}")).ToList();
        var (r, body) = await host.PostEventsAsync(during);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
        Assert.Equal(30, body!.Failed);

        await server.StartAgainAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IngestResponse? retried = null;
        while (DateTime.UtcNow < deadline)
        {
            (r, retried) = await host.PostEventsAsync(during);
            if (r.StatusCode == HttpStatusCode.OK) break;
            await Task.Delay(300);
        }
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(30, retried!.Accepted + retried.Duplicates);

        var client = await server.CreateClientAsync("probe");
        long stored = 0;
        await foreach (var row in client.QueryAsyncIn("outage", "SELECT COUNT(id) FROM event")) stored = row.GetLong("count") ?? 0;
        Assert.Equal(60, stored);
        using var county = JsonDocument.Parse(await host.Http.GetStringAsync("api/v1/county"));
        Assert.Equal(60, county.RootElement.GetProperty("summary").GetProperty("figures").GetProperty("workersOnDuty").GetInt64());
    }
}
