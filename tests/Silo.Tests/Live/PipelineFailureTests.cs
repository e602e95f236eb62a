using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Ingest;
using CommandCenter.Live;
using CommandCenter.TestSupport;

namespace CommandCenter.Silo.Tests.Live;

/// <summary>
/// InfluxDB dies while several event-log writes are in flight (small chunks, two writes at once): nothing answered
/// "accepted" is lost, what was accepted is a prefix of the apply order, and after the rebuild the grains match the log.
/// </summary>
public sealed class PipelineFailureTests
{
    [Fact]
    public async Task Killing_influxd_mid_pipeline_loses_no_accepted_event_and_the_grains_are_rebuilt_to_the_log()
    {
        await using var server = await InfluxServer.StartAsync();
        var client = await server.CreateClientAsync("pipeline_failure", o => { o.MaxRetries = 1; o.RetryBaseDelay = TimeSpan.FromMilliseconds(50); });
        var options = new SiloOptions
        {
            MaxGroupEvents = 40, MaxWritesInFlight = 2, TickInterval = TimeSpan.FromHours(1), RecoveryRetry = TimeSpan.FromMilliseconds(300),
        };
        await using var running = await RunningSilo.StartAsync(client, options);
        var silo = running.Silo;

        // a steady stream of submissions, each spanning several chunks; influxd is killed once the first ones are stored
        // (so something was accepted) and the stream goes on for 20 more (so something fails), whatever the machine's speed
        var now = DateTimeOffset.UtcNow;
        var submissions = new List<(CountyEvent[] Events, Task<ApplyOutcome[]> Outcomes)>();
        var killedAfter = -1;
        var flowing = Task.Run(async () =>
        {
            for (var k = 0; k < 2_000 && (Volatile.Read(ref killedAfter) < 0 || k < Volatile.Read(ref killedAfter) + 20); k++)
            {
                var batch = Enumerable.Range(0, 90).Select(i =>
                    TestCounty.CheckIn(TestCounty.Grid(1 + i % 2, 1 + i % 2, 1 + i % 3), $"w{i % 30}", now) with { Id = $"s{k}-{i}" }).ToArray();
                lock (submissions) submissions.Add((batch, silo.SubmitAsync(batch)));
                await Task.Delay(15);
            }
        });
        bool ThirdAnswered() { lock (submissions) return submissions.Count >= 3 && submissions[2].Outcomes.IsCompleted; }
        for (var waited = 0; !ThirdAnswered(); waited += 5)
        {
            Assert.True(waited < 60_000, "the first submissions were never answered");
            await Task.Delay(5);
        }
        server.Kill();
        lock (submissions) Volatile.Write(ref killedAfter, submissions.Count);
        await flowing;
        var answered = new List<(CountyEvent Event, ApplyOutcome Outcome)>();
        foreach (var (events, outcomes) in submissions)
        {
            var o = await outcomes.WaitAsync(TimeSpan.FromSeconds(60));
            answered.AddRange(events.Zip(o));
        }
        var accepted = answered.Where(a => a.Outcome.Status == IngestStatus.Accepted).Select(a => a.Event.Id).ToHashSet();
        Assert.NotEmpty(accepted);
        Assert.Contains(answered, a => a.Outcome.Status == IngestStatus.Failed);

        await server.StartAgainAsync();
        await running.WaitReadyAsync(TimeSpan.FromSeconds(30));

        var stored = await running.StoredAsync();
        var storedIds = stored.Select(e => e.Id).ToHashSet();
        Assert.Subset(storedIds, accepted); // nothing accepted is lost
        // accepted = the start of the apply (Seq) order: a later chunk is never accepted when an earlier one failed
        var applyOrder = stored.OrderBy(e => e.Seq).Select(e => e.Id).ToList();
        Assert.Equal(applyOrder.Take(accepted.Count).ToHashSet(), accepted);
        // the rebuilt grains are the log's: each stored event is now a duplicate, each never-stored one is accepted
        var again = await silo.SubmitAsync(answered.Select(a => a.Event with { Seq = 0 }).ToArray());
        foreach (var ((e, _), o) in answered.Zip(again))
            Assert.Equal(storedIds.Contains(e.Id) ? IngestStatus.Duplicate : IngestStatus.Accepted, o.Status);
    }
}
