using System.Security.Cryptography;
using CommandCenter.Aggregates;
using CommandCenter.EventLog;
using CommandCenter.Geography;
using CommandCenter.Model;
using CommandCenter.Ingest.Api;
using CommandCenter.Live;
using CommandCenter.Simulation;
using CommandCenter.Storage;
using Microsoft.Extensions.Options;

namespace CommandCenter.Hosting;

/// <summary>
/// The host: an Orleans silo with the county's grains, ingest and the screens (+ the simulator). Several identical hosts form
/// one cluster (<see cref="OrleansHosting"/>).
/// </summary>
public static class CommandCenterServices
{
    public static void AddCommandCenter(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(CommandCenter.Time.CountyTime.From(config));

        var geography = config.GetSection("Geography").Get<GeographyOptions>() ?? new GeographyOptions();
        var map = geography.Load(out var source);
        services.AddSingleton(map);
        services.AddSingleton(source);
        services.AddSingleton(geography);

        services.AddInfluxClient(config);
        services.AddSingleton(sp => new EventStore(sp.GetRequiredService<InfluxClient>(), sp.GetRequiredService<CountyMap>()));

        services.AddSingleton(BindGrainOptions(config));
        services.AddSingleton(config.GetSection("Silo").Get<SiloOptions>() ?? new SiloOptions());
        services.AddSingleton<CountyModelFactory>();
        var snapshots = config.GetSection("Snapshots").Get<SnapshotOptions>() ?? new SnapshotOptions();
        services.AddSingleton(snapshots);
        services.AddSingleton(sp => new SnapshotStore(sp.GetRequiredService<InfluxClient>()));
        // Live:Engine=mailbox: the single-mailbox silo, which stores and restores whole-county snapshots
        services.AddSingleton(sp => new CountySilo(sp.GetRequiredService<CountyModelFactory>(), sp.GetRequiredService<EventStore>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SiloOptions>(), sp.GetRequiredService<ILogger<CountySilo>>())
        {
            Snapshots = sp.GetRequiredService<SnapshotStore>(), SnapshotSettings = snapshots,
        });
        services.Configure<IngestOptions>(config.GetSection("Ingest"));
        services.AddSingleton<ApiKeyRegistry>();
        services.AddSingleton(sp => new EventValidator(sp.GetRequiredService<CountyMap>(), sp.GetRequiredService<IOptions<IngestOptions>>().Value));
        if (LiveEngines.Of(config) == LiveEngine.Orleans) builder.AddOrleansCounty();
        else
        {
            services.AddSingleton<ILiveCounty>(sp => sp.GetRequiredService<CountySilo>());
            services.AddSingleton<IEventPipeline>(sp => sp.GetRequiredService<CountySilo>());
            services.AddHostedService<SiloHostedService>();
            services.AddHostedService<SnapshotWriter>();
        }
        services.AddHostedService<AggregateRecorder>();

        if (config.GetValue("Simulator:Enabled", true)) AddSimulator(builder);
    }

    /// <summary>
    /// The "Grains" section. The configuration binder appends a configured array to a property's default array
    /// instead of replacing it (appsettings' two escalation thresholds became [5 min, 15 min, 5 min, 15 min], so an
    /// unacknowledged alarm counted as escalated twice after 5 minutes): configured thresholds replace the defaults.
    /// </summary>
    public static GrainOptions BindGrainOptions(IConfiguration config)
    {
        var options = config.GetSection("Grains").Get<GrainOptions>() ?? new GrainOptions();
        if (config.GetSection("Grains:EscalationThresholds").Get<TimeSpan[]>() is { Length: > 0 } thresholds) options.EscalationThresholds = thresholds;
        return options;
    }

    /// <summary>
    /// The simulator posts to this host's own ingest API like any outside system, with a key made up at
    /// start (never written anywhere) for the source "simulator".
    /// </summary>
    private static void AddSimulator(WebApplicationBuilder builder)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        builder.Services.AddCountySimulator(builder.Configuration);
        builder.Services.PostConfigure<SimulatorOptions>(o =>
        {
            o.ApiKey ??= key;
            o.BaseAddress ??= OwnAddress(builder.Configuration);
        });
        builder.Services.PostConfigure<IngestOptions>(o => o.Sources.Add(new IngestSource { Name = "simulator", Key = key }));
        // the demo county's coordinator works its incidents and plans, so the screens show them alive (Demo:Coordinator=false: off)
        if (builder.Configuration.GetValue("Demo:Coordinator", true))
        {
            builder.Services.AddSingleton<Dispatch.Demo.DemoPlaybook>();
            builder.Services.AddHostedService<Dispatch.Demo.DemoCoordinator>();
        }
    }

    private static Uri OwnAddress(IConfiguration config)
    {
        var first = (config["urls"] ?? "http://127.0.0.1:5080").Split(';')[0];
        return new Uri(first.Replace("://0.0.0.0", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"));
    }
}
