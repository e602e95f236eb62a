using CommandCenter.Storage;
using CommandCenter.TestSupport;

namespace CommandCenter.Shared.Tests.Storage;

[Collection(InfluxFixture.Collection)]
public class InfluxBatchingTests(InfluxFixture influx)
{
    private sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        public int Writes;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.RequestUri!.AbsolutePath == "/write") Interlocked.Increment(ref Writes);
            return base.SendAsync(request, ct);
        }
    }

    [Fact]
    public async Task A_25000_point_write_is_chunked_and_fully_readable_through_a_chunked_query()
    {
        var handler = new CountingHandler();
        using var http = new HttpClient(handler);
        var client = new InfluxClient(http, influx.Server.CreateOptions("batching_25k"));
        await client.EnsureDatabaseAsync();
        const long start = 1_700_000_000_000_000_000;
        var points = Enumerable.Range(0, 25_000)
            .Select(i => new LinePoint("events").Tag("grid", $"G{i % 16}").Field("v", (long)i).Field("note", $"第{i}条").At(start + i))
            .ToList();

        await client.WriteAsync(points);

        Assert.Equal(5, handler.Writes); // MaxBatchLines = 5000
        Assert.Equal(25_000, await client.CountAsync("events"));
        var seen = new bool[25_000];
        var rows = 0;
        await foreach (var row in client.QueryAsync("SELECT v, note, grid FROM events")) // 3 chunks of <= 10,000 rows
        {
            var v = (int)row.GetLong("v")!.Value;
            Assert.False(seen[v]);
            seen[v] = true;
            Assert.Equal(start + v, row.TimeNs);
            Assert.Equal($"第{v}条", row.GetString("note"));
            Assert.Equal($"G{v % 16}", row.GetString("grid"));
            rows++;
        }
        Assert.Equal(25_000, rows);
    }

    [Fact]
    public async Task Grouped_chunked_results_keep_series_tags()
    {
        var client = await influx.CreateClientAsync("grouped", o => o.MaxBatchLines = 1000);
        await client.WriteAsync(Enumerable.Range(0, 12_000)
            .Select(i => new LinePoint("events").Tag("grid", $"G{i % 3}").Field("v", (long)i).At(i + 1)).ToList());

        var rows = await client.QueryAsync("SELECT v FROM events GROUP BY grid").ToListAsync();

        Assert.Equal(12_000, rows.Count);
        Assert.All(rows, r => Assert.Equal($"G{r.GetLong("v") % 3}", r.Tags["grid"]));
    }

    [Fact]
    public async Task A_typed_write_goes_out_in_bodies_of_MaxBatchLines_and_reads_back_identical()
    {
        var client = await influx.CreateClientAsync("typed", o => o.MaxBatchLines = 1000);
        var notes = Enumerable.Range(0, 12_000).Select(i => $"第{i}条 😀 \"{i % 7}\", a=b").ToList();

        await client.WriteAsync(Enumerable.Range(0, notes.Count).ToList(), "events",
            (w, i) => w.Tag("grid", $"G{i % 3}").Field("v", (long)i).Field("note", notes[i]).At(i + 1));

        var rows = await client.QueryAsync("SELECT v, note FROM events GROUP BY grid").ToListAsync();
        Assert.Equal(notes.Count, rows.Count);
        Assert.All(rows, r =>
        {
            var v = (int)r.GetLong("v")!.Value;
            Assert.Equal(v + 1, r.TimeNs);
            Assert.Equal(notes[v], r.GetString("note"));
            Assert.Equal($"G{v % 3}", r.Tags["grid"]);
        });
    }

    [Fact]
    public async Task A_typed_write_with_a_point_it_cannot_write_sends_nothing()
    {
        var client = await influx.CreateClientAsync("typed_bad", o => o.MaxBatchLines = 1000);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.WriteAsync(Enumerable.Range(0, 3_000).ToList(), "events",
            (w, i) => w.Tag("grid", i == 2_500 ? "bad\ntag" : "G1").Field("v", (long)i).At(i + 1)));

        Assert.Contains("line break", error.Message);
        Assert.Equal(0, await client.CountAsync("events")); // the first two bodies were not sent either
    }
}
