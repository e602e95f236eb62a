using CommandCenter.EventLog;
using CommandCenter.Geography;
using CommandCenter.Grains;
using CommandCenter.Live;
using CommandCenter.Model;
using CommandCenter.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CommandCenter.Silo.Tests.Grains;

/// <summary>The test county's grains on an in-process Orleans cluster of <c>silos</c> silos, writing to a real influxd database.</summary>
internal sealed class CountyCluster : IAsyncDisposable
{
    private CountyCluster(InProcessTestCluster cluster, EventStore store)
    {
        Cluster = cluster;
        Store = store;
        Pipeline = new GrainPipeline(cluster.Client, TestCounty.Map);
    }

    public InProcessTestCluster Cluster { get; }
    public EventStore Store { get; }
    public GrainPipeline Pipeline { get; }
    public IGrainFactory Grains => Cluster.Client;

    public static async Task<CountyCluster> StartAsync(InfluxClient influx, TimeProvider time, int silos = 2, SiloOptions? options = null,
        Action<Orleans.Hosting.ISiloBuilder>? configure = null)
    {
        var store = new EventStore(influx, TestCounty.Map);
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(TestCounty.Map);
            silo.Services.AddSingleton(store);
            silo.Services.AddSingleton(influx);
            silo.Services.AddSingleton(time);
            silo.Services.AddSingleton(new GrainOptions());
            // snapshots every few events: a restart starts most grids from one (and reads the rest of their series)
            silo.Services.AddSingleton(options ?? new SiloOptions { TickInterval = TimeSpan.FromSeconds(1), GridSnapshotEvery = 3 });
            silo.AddCountyGrains();
            configure?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.Services.AddCountyGrainSerialization());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new CountyCluster(cluster, store);
    }

    /// <summary>Every stored event, in Seq order.</summary>
    public async Task<List<Events.CountyEvent>> StoredAsync()
    {
        var stored = new List<Events.CountyEvent>();
        await foreach (var e in Store.ReadAsync(0, null, CancellationToken.None)) stored.Add(e);
        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
