using SiloStatus = CommandCenter.Live.SiloStatus;
using CommandCenter.Geography;
using CommandCenter.Grains;
using CommandCenter.Live;
using CommandCenter.Screens;
using CommandCenter.Storage;

namespace CommandCenter.Hosting;

/// <summary>
/// The host as an Orleans silo (config section "Cluster"): the county's grains run here, ingest submits to them through
/// <see cref="GrainPipeline"/>, and the screens read <see cref="ScreenCounty"/>. One host alone clusters with itself on
/// localhost (<c>Cluster:SiloPort</c>, <c>Cluster:GatewayPort</c>).
/// </summary>
public static class OrleansHosting
{
    public static void AddOrleansCounty(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var siloPort = config.GetValue("Cluster:SiloPort", 11111);
        var gatewayPort = config.GetValue("Cluster:GatewayPort", 30000);
        var clusterId = config["Cluster:ClusterId"] ?? "command-center";
        var redis = config["Cluster:Redis"];
        builder.UseOrleans(silo =>
        {
            if (string.IsNullOrWhiteSpace(redis))
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "command-center", clusterId: clusterId);
            else
            {
                // several identical hosts form one cluster; membership in Redis (scripts/redis.sh starts it)
                silo.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
                silo.Configure<Orleans.Configuration.ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = "command-center"; });
                // one machine: loopback; containers or hosts: the name the other silos reach this one by
                if (config["Cluster:AdvertisedHost"] is { Length: > 0 } host)
                    silo.ConfigureEndpoints(host, siloPort, gatewayPort, listenOnAnyHostAddress: true);
                else silo.ConfigureEndpoints(System.Net.IPAddress.Loopback, siloPort, gatewayPort);
                silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o =>
                {
                    // a killed silo is declared dead within ~2-3 s (defaults take tens of seconds); see docs/decisions.md
                    o.ProbeTimeout = config.GetValue("Cluster:ProbeTimeout", TimeSpan.FromSeconds(1));
                    o.NumMissedProbesLimit = config.GetValue("Cluster:MissedProbesLimit", 2);
                    o.NumVotesForDeathDeclaration = config.GetValue("Cluster:VotesForDeath", 1);
                });
            }
            // a grain call waits for its event-log write: longer than the InfluxDB client's whole retry budget, so a caller
            // never times out on a write that then succeeds
            silo.Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(60));
            silo.AddCountyGrains();
        });
        var services = builder.Services;
        services.AddSingleton<ScreenCounty>();
        services.AddSingleton<ILiveCounty>(sp => sp.GetRequiredService<ScreenCounty>());
        services.AddSingleton<IEventPipeline>(sp =>
        {
            var screens = sp.GetRequiredService<ScreenCounty>();
            return new GrainPipeline(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<CountyMap>(), () => screens.Status == SiloStatus.Ready);
        });
        services.AddSingleton<ClusterStartGate>();
        services.AddHostedService<ScreenCountyHostedService>();
    }
}

/// <summary>Loads the county from its grains once the database is reachable, then keeps this silo's screens fed.</summary>
public sealed class ScreenCountyHostedService(ScreenCounty screens, InfluxClient influx, ClusterStartGate gate, TimeProvider time,
    ILogger<ScreenCountyHostedService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await influx.EnsureDatabaseWhenReachableAsync(time, log, ct);
        try
        {
            await gate.WaitAsync(ct);
            await screens.RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }
}
