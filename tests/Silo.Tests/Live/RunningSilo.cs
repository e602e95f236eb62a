using SiloStatus = CommandCenter.Live.SiloStatus;
using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Live;
using CommandCenter.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Silo.Tests.Live;

/// <summary>A silo over the test county writing to a real influxd, running its loop until disposed.</summary>
internal sealed class RunningSilo : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private RunningSilo(InfluxClient client, SiloOptions options)
    {
        Store = new EventStore(client, TestCounty.Map);
        Silo = new CountySilo(new CountyModelFactory(TestCounty.Map, new GrainOptions(), options), Store, TimeProvider.System, options,
            NullLogger<CountySilo>.Instance);
        _run = Silo.RunAsync(_stop.Token);
    }

    public CountySilo Silo { get; }
    public EventStore Store { get; }

    /// <summary>Starts the silo and waits until it has read the (empty) log and is ready.</summary>
    public static async Task<RunningSilo> StartAsync(InfluxClient client, SiloOptions options)
    {
        var running = new RunningSilo(client, options);
        await running.WaitReadyAsync(TimeSpan.FromSeconds(10));
        return running;
    }

    /// <summary>Waits until the silo is ready (again, after a rebuild); fails the test if it is not within <paramref name="limit"/>.</summary>
    public async Task WaitReadyAsync(TimeSpan limit)
    {
        for (var waited = TimeSpan.Zero; Silo.Status != SiloStatus.Ready && waited < limit; waited += TimeSpan.FromMilliseconds(50))
            await Task.Delay(50);
        Assert.Equal(SiloStatus.Ready, Silo.Status);
    }

    /// <summary>Every event in the log, in Seq order.</summary>
    public async Task<List<CountyEvent>> StoredAsync()
    {
        var stored = new List<CountyEvent>();
        await foreach (var e in Store.ReadAsync(0, null, CancellationToken.None)) stored.Add(e);
        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _run; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
