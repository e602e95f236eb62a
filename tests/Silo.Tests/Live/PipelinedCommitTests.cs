using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Ingest;
using CommandCenter.Live;
using CommandCenter.TestSupport;

namespace CommandCenter.Silo.Tests.Live;

/// <summary>The silo's pipelined group commit against a real influxd: chunks, order, answers and live updates.</summary>
public sealed class PipelinedCommitTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    [Fact]
    public async Task A_big_submission_and_small_ones_are_stored_in_chunks_in_apply_order_and_each_event_published_once()
    {
        var options = new SiloOptions { MaxGroupEvents = 100, TickInterval = TimeSpan.FromHours(1) };
        await using var running = await RunningSilo.StartAsync(await influx.CreateClientAsync("pipeline"), options);
        var silo = running.Silo;
        var updates = new List<LiveUpdate>();
        silo.Updated += u => { lock (updates) updates.Add(u); };

        var now = DateTimeOffset.UtcNow;
        CountyEvent[] Batch(string prefix, int n) => Enumerable.Range(0, n)
            .Select(i => TestCounty.CheckIn(TestCounty.Grid(1 + i % 2, 1 + i % 2, 1 + i % 3), $"{prefix}-w{i % 40}", now) with { Id = $"{prefix}-{i}" })
            .ToArray();
        var big = Batch("big", 1_050);
        var small = Enumerable.Range(0, 20).Select(k => Batch($"s{k}", 7)).ToList();
        var submissions = new List<Task<ApplyOutcome[]>> { silo.SubmitAsync(big) };
        submissions.AddRange(small.Select(b => silo.SubmitAsync(b)));
        var outcomes = await Task.WhenAll(submissions);

        Assert.All(outcomes.SelectMany(o => o), o => Assert.Equal(IngestStatus.Accepted, o.Status));
        var stored = await running.StoredAsync();
        Assert.Equal(1_050 + 20 * 7, stored.Count);
        Assert.Equal(stored.Count, stored.Select(e => e.Id).Distinct().Count());
        // the log's order (Seq) is the order the silo applied them: each submission's events in their order
        Assert.Equal(big.Select(e => e.Id), stored.Select(e => e.Id).Where(id => id.StartsWith("big-", StringComparison.Ordinal)));
        foreach (var b in small)
            Assert.Equal(b.Select(e => e.Id), stored.Select(e => e.Id).Where(id => id.StartsWith(b[0].Id[..^1], StringComparison.Ordinal)));
        lock (updates)
        {
            // every stored event reached the screens' feed exactly once, in chunks no bigger than MaxGroupEvents, versions in order
            Assert.Equal(stored.Select(e => e.Id).Order(), updates.SelectMany(u => u.Events).Select(e => e.Id).Order());
            Assert.All(updates, u => Assert.InRange(u.Events.Count, 0, options.MaxGroupEvents));
            Assert.Equal(updates.Select(u => u.Version).Order(), updates.Select(u => u.Version));
        }
        Assert.Equal(stored.Count, silo.EventsApplied);
    }

    [Fact]
    public async Task A_submitted_event_is_stamped_with_its_Seq_in_place_once_and_a_resubmitted_instance_is_copied()
    {
        await using var running = await RunningSilo.StartAsync(await influx.CreateClientAsync("stamp"), new SiloOptions { TickInterval = TimeSpan.FromHours(1) });
        var silo = running.Silo;

        var e = TestCounty.CheckIn(TestCounty.Grid(1, 1, 1), "stamp-w", DateTimeOffset.UtcNow) with { Id = "stamp-1" };
        Assert.Equal(0, e.Seq);
        Assert.Equal(IngestStatus.Accepted, Assert.Single(await silo.SubmitAsync([e])).Status);
        var stamped = e.Seq;
        Assert.NotEqual(0, stamped);
        Assert.Equal(IngestStatus.Duplicate, Assert.Single(await silo.SubmitAsync([e])).Status); // the same instance again
        Assert.Equal(stamped, e.Seq); // not restamped: the second submission worked on a copy

        Assert.Equal(stamped, Assert.Single(await running.StoredAsync()).Seq);
    }
}
