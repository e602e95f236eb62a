using System.Net;
using System.Text.Json;
using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Ingest;

/// <summary>Real HTTP to the real host process, writing to a real InfluxDB; read back from both.</summary>
public sealed class IngestPipelineTests(InfluxFixture influx) : IClassFixture<InfluxFixture>, IAsyncLifetime
{
    private HostProcess _host = null!;
    private string _db = null!;

    public async Task InitializeAsync()
    {
        _db = $"e2e_{Guid.NewGuid():N}";
        _host = new HostProcess(influx.Server.Url, _db);
        await _host.StartAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<long> StoredCount(string where = "")
    {
        var client = await influx.Server.CreateClientAsync("probe");
        var q = $"SELECT COUNT(id) FROM event {where}";
        await foreach (var row in client.QueryAsyncIn(_db, q)) return row.GetLong("count") ?? 0;
        return 0;
    }

    [Fact]
    public async Task Posted_events_are_stored_and_the_grains_show_them()
    {
        var alarm = Wire.Id("alarm");
        var (r, body) = await _host.PostEventsAsync([Wire.Raise(5, alarm, 2), Wire.CheckIn(5, "w-1"), Wire.Case(5, Wire.Id("case"), CaseState.Reported)]);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(3, body!.Accepted);
        Assert.All(body.Results, x => Assert.Equal(Wire.Grid(5), x.GridCode));
        Assert.Equal(3, await StoredCount());

        using var grid = JsonDocument.Parse(await _host.Http.GetStringAsync($"api/v1/grids/{Wire.Grid(5)}"));
        var summary = grid.RootElement.GetProperty("summary");
        Assert.Equal("alarm", summary.GetProperty("level").GetString());
        Assert.Equal(1, summary.GetProperty("alarmsUnacked").GetInt64());
        Assert.Equal(1, summary.GetProperty("workersOnDuty").GetInt64());
        Assert.Equal(alarm, grid.RootElement.GetProperty("alarms")[0].GetProperty("id").GetString());

        using var county = JsonDocument.Parse(await _host.Http.GetStringAsync("api/v1/county"));
        Assert.Equal(1, county.RootElement.GetProperty("summary").GetProperty("figures").GetProperty("alarmsOpenII").GetInt64());
    }

    [Fact]
    public async Task The_same_batch_sent_twice_is_stored_and_counted_once()
    {
        var batch = Enumerable.Range(0, 50).Select(i => Wire.CheckIn(100 + i, $"w-{i}")).ToList();
        var (_, first) = await _host.PostEventsAsync(batch);
        var (r, second) = await _host.PostEventsAsync(batch);
        Assert.Equal(50, first!.Accepted);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(50, second!.Duplicates);
        Assert.Equal(0, second.Accepted);
        Assert.Equal(50, await StoredCount());
        using var county = JsonDocument.Parse(await _host.Http.GetStringAsync("api/v1/county"));
        Assert.Equal(50, county.RootElement.GetProperty("summary").GetProperty("figures").GetProperty("workersOnDuty").GetInt64());
    }

    [Fact]
    public async Task One_bad_event_in_a_hundred_is_rejected_and_the_other_99_are_stored()
    {
        var batch = Enumerable.Range(0, 100).Select(i => Wire.CheckIn(i, $"w-{i}")).ToList();
        batch[37] = batch[37] with { GridCode = "999999999999999" };
        var (r, body) = await _host.PostEventsAsync(batch);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(99, body!.Accepted);
        var bad = Assert.Single(body.Results, x => x.Status == IngestStatus.Rejected);
        Assert.Equal(37, bad.Index);
        Assert.Contains("unknown grid", bad.Reason);
        Assert.Equal(99, await StoredCount());
    }

    [Fact]
    public async Task Two_acknowledgements_of_one_alarm_give_one_success_one_refusal_and_one_stored_event()
    {
        var alarm = Wire.Id("alarm");
        await _host.PostEventsAsync([Wire.Raise(9, alarm, 3)]);
        var results = await Task.WhenAll(_host.PostEventsAsync([Wire.Ack(alarm, "值班员-甲")]), _host.PostEventsAsync([Wire.Ack(alarm, "值班员-乙")]));
        var statuses = results.Select(x => x.Body!.Results[0].Status).OrderBy(s => s).ToList();
        Assert.Equal([IngestStatus.Accepted, IngestStatus.Rejected], statuses);
        var refused = results.Single(x => x.Body!.Results[0].Status == IngestStatus.Rejected).Body!.Results[0];
        // an ingest key's actor is recorded as "source/actor" (docs/security.md)
        Assert.Contains($"already acknowledged by {HostProcess.Source}/值班员-", refused.Reason);
        Assert.Equal(1, await StoredCount("WHERE \"type\" = 'alarm_acknowledged'"));
    }

    [Fact]
    public async Task Stored_text_round_trips_exactly()
    {
        var raise = Wire.Raise(3, Wire.Id("alarm"), 4);
        await _host.PostEventsAsync([raise]);
        var client = await influx.Server.CreateClientAsync("probe");
        await foreach (var row in client.QueryAsyncIn(_db, "SELECT note, \"alarm\" FROM event"))
        {
            Assert.Equal(raise.Note, row.GetString("note"));
            Assert.Equal(raise.AlarmId, row.GetString("alarm"));
            return;
        }
        Assert.Fail("no stored event");
    }

    [Fact]
    public async Task Healthz_reports_silo_storage_and_ingest()
    {
        using var doc = JsonDocument.Parse(await _host.Http.GetStringAsync("healthz"));
        Assert.Equal("healthy", doc.RootElement.GetProperty("status").GetString());
        foreach (var part in new[] { "silo", "storage", "ingest" })
            Assert.True(doc.RootElement.GetProperty(part).GetProperty("healthy").GetBoolean(), part);
    }
}
