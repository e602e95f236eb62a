using CommandCenter.Simulation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Ingest.Tests.Simulation;

public sealed class CountySimulatorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false)] // the sink throws (network error)
    [InlineData(true)]  // the server answers Failed (503: storage down)
    public async Task After_three_failed_sends_every_event_arrives_exactly_once_and_in_order(bool failWithResponse)
    {
        var time = new ManualTimeProvider(TestCounty.BeijingNoon);
        var options = Options(eventsPerSecond: 200);
        var sink = new FlakySink(3, failWithResponse, time);
        var logger = new ListLogger<CountySimulator>();
        var simulator = new CountySimulator(Microsoft.Extensions.Options.Options.Create(options), TestCounty.Build(), time, sink, logger);

        await simulator.StartAsync(CancellationToken.None);
        await RunFor(time, TimeSpan.FromMinutes(2));
        await simulator.StopAsync(CancellationToken.None);

        var delivered = sink.Delivered.SelectMany(b => b).ToList();
        Assert.InRange(delivered.Count, 200 * 120 * 0.7, 200 * 120 * 1.1); // cold start: few alarm and case follow-ups yet
        Assert.Equal(Enumerable.Range(1, delivered.Count).Select(i => (long)i), delivered.Select(e => ScenarioDeterminismAndRateTests.Counter(e.Id!)));
        Assert.All(sink.Attempts, a => Assert.InRange(a.Count, 1, options.BatchMaxSize));

        // the failed batch is resent as it was, after 1 s, 2 s, 4 s
        Assert.All(sink.Attempts.Take(4), a => Assert.Equal(sink.Attempts[0].Select(e => e.Id), a.Select(e => e.Id)));
        Assert.Equal([1, 2, 4], sink.AttemptTimes.Zip(sink.AttemptTimes.Skip(1)).Take(3).Select(p => (p.Second - p.First).TotalSeconds));

        var stats = simulator.Counters;
        Assert.Equal(delivered.Count, stats.Sent);
        Assert.Equal(delivered.Count, stats.Accepted);
        Assert.Equal(0, stats.Rejected + stats.Duplicates);
        Assert.Equal(3 * sink.Attempts[0].Count, stats.Failed);
        Assert.Equal(stats.Generated - stats.Sent, stats.Pending);
        Assert.False(stats.InOutage);

        var warnings = logger.Lines.Where(l => l.Level == LogLevel.Warning).ToList();
        Assert.Single(warnings);
        Assert.Contains("unavailable", warnings[0].Message);
        Assert.Contains(logger.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("3 failed attempts"));
    }

    [Fact]
    public async Task A_long_outage_logs_one_warning_caps_the_backoff_and_pauses_the_scenario_at_the_backlog_limit()
    {
        var time = new ManualTimeProvider(TestCounty.BeijingNoon);
        var options = Options(eventsPerSecond: 50);
        options.RetryMaxDelay = TimeSpan.FromSeconds(8);
        var sink = new FlakySink(int.MaxValue, time: time);
        var logger = new ListLogger<CountySimulator>();
        var simulator = new CountySimulator(Microsoft.Extensions.Options.Options.Create(options), TestCounty.Build(), time, sink, logger) { MaxPending = 2000 };

        await simulator.StartAsync(CancellationToken.None);
        await RunFor(time, TimeSpan.FromMinutes(10));
        await simulator.StopAsync(CancellationToken.None);

        Assert.True(sink.Attempts.Count > 60);
        Assert.All(sink.Attempts, a => Assert.Equal(sink.Attempts[0].Select(e => e.Id), a.Select(e => e.Id)));
        Assert.All(sink.AttemptTimes.Zip(sink.AttemptTimes.Skip(1)), p => Assert.InRange((p.Second - p.First).TotalSeconds, 1, 8));
        var stats = simulator.Counters;
        Assert.True(stats.InOutage);
        Assert.Equal(0, stats.Sent);
        Assert.InRange(stats.Generated, 2000, 2000 + 50 * 8 * 1.5); // stops generating once the backlog is full
        var warnings = logger.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.Equal(2, warnings.Count); // the outage, and the events left unsent at shutdown
        Assert.Contains("unavailable", warnings[0]);
        Assert.Contains("not delivered", warnings[1]);
    }

    [Fact]
    public async Task A_disabled_simulator_sends_nothing()
    {
        var time = new ManualTimeProvider(TestCounty.BeijingNoon);
        var options = Options(50);
        options.Enabled = false;
        var sink = new FlakySink(0, time: time);
        var simulator = new CountySimulator(Microsoft.Extensions.Options.Options.Create(options), TestCounty.Build(), time, sink, new ListLogger<CountySimulator>());
        await simulator.StartAsync(CancellationToken.None);
        await (simulator.ExecuteTask ?? Task.CompletedTask).WaitAsync(Wait);
        await simulator.StopAsync(CancellationToken.None);
        Assert.Empty(sink.Attempts);
        Assert.Equal(0, time.ArmedTimers);
    }

    private static SimulatorOptions Options(double eventsPerSecond)
    {
        var o = TestCounty.Options(eventsPerSecond);
        o.BatchMaxSize = 50;
        o.FlushInterval = TimeSpan.FromMilliseconds(200);
        o.RetryBaseDelay = TimeSpan.FromSeconds(1);
        o.RetryMaxDelay = TimeSpan.FromSeconds(10);
        return o;
    }

    /// <summary>Lets the simulator run for <paramref name="duration"/> of manual time, one timer at a time.</summary>
    private static async Task RunFor(ManualTimeProvider time, TimeSpan duration)
    {
        var end = time.GetUtcNow() + duration;
        while (time.GetUtcNow() < end)
        {
            await time.WaitForTimerAsync(Wait);
            time.AdvanceToNextTimer();
        }
        await time.WaitForTimerAsync(Wait); // the loop has sent what was due and waits again
    }
}
