using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using static CommandCenter.Silo.Tests.TestCounty;

namespace CommandCenter.Silo.Tests.EventLog;

/// <summary>
/// Grid grains activating together read their series through one query for many grids: each must still get exactly its own
/// events in Seq order (what a query for the grid alone returns), also when two grains ask for the same grid at once.
/// </summary>
public sealed class GridLogReaderTests
{
    [Fact]
    public async Task Grids_read_together_each_get_exactly_their_own_events_in_order()
    {
        await using var server = await InfluxServer.StartAsync();
        var influx = await server.CreateClientAsync("grid_reader");
        var store = new EventStore(influx, Map);
        var grids = Enumerable.Range(1, 3).SelectMany(s => Enumerable.Range(1, 3).Select(c => Grid(s, c, 1 + (s + c) % 3))).Distinct().ToList();
        var random = new Random(7);
        long seq = (T0 - DateTimeOffset.UnixEpoch).Ticks * 100;
        var events = Enumerable.Range(0, 400).Select(i =>
        {
            var grid = grids[random.Next(grids.Count - 1)]; // the last grid gets nothing
            var e = i % 5 == 0 ? Raise(grid, $"A-{i}", 2, T0.AddSeconds(i)) : CheckIn(grid, $"w-{i % 17}", T0.AddSeconds(i));
            return e with { Seq = seq += 1 + random.Next(1000) };
        }).ToList();
        await store.AppendAsync(events, CancellationToken.None);

        await using var reader = new GridLogReader(store, NullLogger<GridLogReader>.Instance);
        var asked = grids.Concat([grids[0], "no-such-grid"]).ToList();
        var answers = await Task.WhenAll(asked.Select(g => reader.ReadAsync(g, CancellationToken.None)));

        for (var i = 0; i < asked.Count; i++)
        {
            var alone = new List<CountyEvent>();
            await foreach (var e in store.ReadGridAsync(asked[i], CancellationToken.None)) alone.Add(e);
            Assert.Equal(alone.Select(e => (e.Id, e.Seq)), answers[i].Select(e => (e.Id, e.Seq)));
            Assert.Equal(events.Where(e => e.GridCode == asked[i]).Select(e => e.Id), answers[i].Select(e => e.Id));
        }
        Assert.Empty(answers[grids.Count - 1]);
        Assert.NotEmpty(answers[0]);
        Assert.NotSame(answers[0], answers[grids.Count]); // the same grid asked twice: two lists, not one shared
    }
}
