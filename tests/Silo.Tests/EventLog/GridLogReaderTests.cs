using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Live;
using CommandCenter.Model;
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

        // one grid has a snapshot half-way through its series: it gets the snapshot and only the events after it, less the
        // duplicate window (1 µs here)
        var snapshots = new GridSnapshotStore(influx, new GrainOptions());
        var withSnapshot = grids[1];
        var itsEvents = events.Where(e => e.GridCode == withSnapshot).ToList();
        var cut = itsEvents[itsEvents.Count / 2];
        await snapshots.WriteAsync(new GridSnapshotPoint(withSnapshot, cut.Seq, itsEvents.Count / 2 + 1, new GridState(withSnapshot, new GrainOptions()).ToState()), CancellationToken.None);

        await using var reader = new GridLogReader(store, snapshots, new SiloOptions { DedupeWindow = TimeSpan.FromTicks(10) }, NullLogger<GridLogReader>.Instance);
        var asked = grids.Concat([grids[0], "no-such-grid"]).ToList();
        var answers = await Task.WhenAll(asked.Select(g => reader.ReadAsync(g, CancellationToken.None)));

        for (var i = 0; i < asked.Count; i++)
        {
            if (asked[i] == withSnapshot) continue;
            var alone = new List<CountyEvent>();
            await foreach (var e in store.ReadGridAsync(asked[i], CancellationToken.None)) alone.Add(e);
            Assert.Null(answers[i].Snapshot);
            Assert.Equal(alone.Select(e => (e.Id, e.Seq)), answers[i].Events.Select(e => (e.Id, e.Seq)));
            Assert.Equal(events.Where(e => e.GridCode == asked[i]).Select(e => e.Id), answers[i].Events.Select(e => e.Id));
        }
        var fromSnapshot = answers[asked.IndexOf(withSnapshot)];
        Assert.Equal((cut.Seq, (long)(itsEvents.Count / 2 + 1)), (fromSnapshot.Snapshot?.Seq, fromSnapshot.Snapshot?.Count));
        Assert.Equal(itsEvents.Where(e => e.Seq > cut.Seq - 1_000).Select(e => e.Id), fromSnapshot.Events.Select(e => e.Id));
        Assert.Empty(answers[grids.Count - 1].Events);
        Assert.NotEmpty(answers[0].Events);
        Assert.NotSame(answers[0].Events, answers[grids.Count].Events); // the same grid asked twice: two lists, not one shared
    }

    [Fact]
    public async Task A_snapshot_made_under_other_thresholds_is_not_used()
    {
        await using var server = await InfluxServer.StartAsync();
        var influx = await server.CreateClientAsync("grid_snapshot_rules");
        var grid = Grid(1, 1, 1);
        var before = new GridSnapshotStore(influx, new GrainOptions());
        await before.WriteAsync(new GridSnapshotPoint(grid, 1_000, 1, new GridState(grid, new GrainOptions()).ToState()), CancellationToken.None);
        Assert.True((await before.ReadNewestAsync([grid], CancellationToken.None)).ContainsKey(grid));
        var changed = new GrainOptions { OnDutyWindow = TimeSpan.FromMinutes(90) };
        var after = new GridSnapshotStore(influx, changed);
        Assert.Empty(await after.ReadNewestAsync([grid], CancellationToken.None));
    }
}
