using CommandCenter.Storage;
using CommandCenter.TestSupport;
using static CommandCenter.Storage.InfluxClient;

namespace CommandCenter.Shared.Tests.Storage;

/// <summary>What goes in comes back identical, through a real influxd.</summary>
[Collection(InfluxFixture.Collection)]
public class InfluxRoundTripTests(InfluxFixture influx)
{
    [Fact]
    public async Task String_fields_with_every_nasty_string_come_back_identical()
    {
        var client = await influx.CreateClientAsync("strings");
        var strings = InfluxTestData.NastyStrings;
        await client.WriteAsync(strings.Select((s, i) => new LinePoint("notes").Field("s", s).Field("i", (long)i).At(i + 1)).ToList());

        var rows = await client.QueryAsync("SELECT s, i FROM notes").ToListAsync();

        Assert.Equal(strings.Length, rows.Count);
        foreach (var row in rows)
        {
            var i = (int)row.GetLong("i")!.Value;
            Assert.Equal(i + 1, row.TimeNs);
            Assert.Equal(strings[i], row.GetString("s"));
        }
    }

    [Fact]
    public async Task QuoteString_finds_each_nasty_string_by_equality()
    {
        var client = await influx.CreateClientAsync("quoting");
        var strings = InfluxTestData.NastyStrings.Where(s => s.AsSpan().IndexOfAny('\r', '\0') < 0).ToArray(); // not expressible in InfluxQL 1.x
        await client.WriteAsync(strings.Select((s, i) => new LinePoint("notes").Field("s", s).Field("i", (long)i).At(i + 1)).ToList());

        for (var i = 0; i < strings.Length; i++)
        {
            var rows = await client.QueryAsync($"SELECT i FROM notes WHERE s = {QuoteString(strings[i])}").ToListAsync();
            Assert.Equal([(long)i], rows.Select(r => r.GetLong("i")!.Value));
        }
    }

    [Fact]
    public async Task Measurements_tag_keys_tag_values_and_field_keys_come_back_identical()
    {
        var client = await influx.CreateClientAsync("names");
        var names = InfluxTestData.NastyNames;
        await client.WriteAsync(names.Select((n, i) =>
            new LinePoint("m " + n).Tag("t" + n, n).Tag("idx", i.ToString()).Field("f" + n, (long)i).At(1)).ToList());

        var measurements = await client.QueryAsync("SHOW MEASUREMENTS").ToListAsync();
        Assert.Equal(names.Select(n => "m " + n).Order(StringComparer.Ordinal),
            measurements.Select(r => r.GetString("name")!).Order(StringComparer.Ordinal));

        for (var i = 0; i < names.Length; i++)
        {
            var n = names[i];
            var rows = await client.QueryAsync(
                $"SELECT {QuoteIdentifier("f" + n)} FROM {QuoteIdentifier("m " + n)} WHERE {QuoteIdentifier("t" + n)} = {QuoteString(n)} GROUP BY *")
                .ToListAsync();
            var row = Assert.Single(rows);
            Assert.Equal("m " + n, row.Measurement);
            Assert.Equal(n, row.Tags["t" + n]);
            Assert.Equal(i.ToString(), row.Tags["idx"]);
            Assert.Equal(i, row.GetLong("f" + n));
        }
    }

    [Fact]
    public async Task Numbers_and_booleans_come_back_identical()
    {
        var client = await influx.CreateClientAsync("numbers");
        long[] longs = [0, 1, -1, long.MaxValue, long.MinValue, 1L << 53 | 1];
        double[] doubles = [0.1, 0.1 + 0.2, -1.5, 3.0, 1e20, 1.5e-5, double.Epsilon, double.MaxValue, double.MinValue, Math.PI];
        await client.WriteAsync(longs.Select((v, i) => new LinePoint("ints").Field("v", v).At(i + 1))
            .Concat(doubles.Select((v, i) => new LinePoint("floats").Field("v", v).At(i + 1)))
            .Append(new LinePoint("flags").Field("yes", true).Field("no", false).At(1)).ToList());

        Assert.Equal(longs, (await client.QueryAsync("SELECT v FROM ints").ToListAsync()).Select(r => r.GetLong("v")!.Value));
        Assert.Equal(doubles, (await client.QueryAsync("SELECT v FROM floats").ToListAsync()).Select(r => r.GetDouble("v")!.Value));
        var flags = Assert.Single(await client.QueryAsync("SELECT * FROM flags").ToListAsync());
        Assert.Equal((true, false), (flags.GetBool("yes"), flags.GetBool("no")));
    }

    [Fact]
    public async Task Chinese_text_round_trips_through_tags_and_fields()
    {
        var client = await influx.CreateClientAsync("chinese");
        await client.WriteAsync([
            new LinePoint("告警").Tag("街道", "城关街道").Tag("网格", "东城区-第3网格").Field("描述", "独居老人 跌倒，需要帮助！").At(42),
        ]);

        var row = Assert.Single(await client.QueryAsync("SELECT * FROM \"告警\" GROUP BY *").ToListAsync());
        Assert.Equal("告警", row.Measurement);
        Assert.Equal("城关街道", row.Tags["街道"]);
        Assert.Equal("东城区-第3网格", row.Tags["网格"]);
        Assert.Equal("独居老人 跌倒，需要帮助！", row.GetString("描述"));
        Assert.Equal(42, row.TimeNs);
    }
}
