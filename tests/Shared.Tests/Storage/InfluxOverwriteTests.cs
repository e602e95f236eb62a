using CommandCenter.Storage;
using CommandCenter.TestSupport;

namespace CommandCenter.Shared.Tests.Storage;

/// <summary>
/// Documents InfluxDB's identity rule: a point is identified by measurement + tag set + timestamp.
/// Writing the same identity again merges the fields, the last value of each field winning; nothing is
/// kept twice. So stored events need unique timestamps (or a distinguishing tag), and retried writes are safe.
/// </summary>
[Collection(InfluxFixture.Collection)]
public class InfluxOverwriteTests(InfluxFixture influx)
{
    [Fact]
    public async Task Same_series_and_timestamp_merges_fields_and_the_last_write_wins()
    {
        var client = await influx.CreateClientAsync("overwrite");
        await client.WriteAsync([new LinePoint("alarm").Tag("grid", "G1").Field("state", "open").Field("level", 1L).At(100)]);
        await client.WriteAsync([new LinePoint("alarm").Tag("grid", "G1").Field("state", "closed").Field("by", "张三").At(100)]);

        var row = Assert.Single(await client.QueryAsync("SELECT * FROM alarm").ToListAsync());
        Assert.Equal("closed", row.GetString("state")); // overwritten
        Assert.Equal(1, row.GetLong("level"));          // kept from the first write
        Assert.Equal("张三", row.GetString("by"));        // added by the second
    }

    [Fact]
    public async Task Same_timestamp_in_another_series_or_another_timestamp_keeps_both()
    {
        var client = await influx.CreateClientAsync("overwrite");
        await client.WriteAsync([
            new LinePoint("alarm").Tag("grid", "G1").Field("v", 1L).At(100),
            new LinePoint("alarm").Tag("grid", "G2").Field("v", 2L).At(100), // other tag set: other series
            new LinePoint("alarm").Tag("grid", "G1").Field("v", 3L).At(101), // other timestamp
        ]);

        Assert.Equal(3, await client.CountAsync("alarm"));
    }

    [Fact]
    public async Task Duplicates_within_one_batch_collapse_to_the_last()
    {
        var client = await influx.CreateClientAsync("overwrite");
        await client.WriteAsync([
            new LinePoint("alarm").Field("v", 1L).At(100),
            new LinePoint("alarm").Field("v", 2L).At(100),
        ]);

        var row = Assert.Single(await client.QueryAsync("SELECT v FROM alarm").ToListAsync());
        Assert.Equal(2, row.GetLong("v"));
    }
}
