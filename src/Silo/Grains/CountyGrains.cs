using CommandCenter.Live;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Serialization;

namespace CommandCenter.Grains;

/// <summary>What a silo needs to host the county's grains (the grain classes themselves are found by Orleans' code generator).</summary>
public static class CountyGrains
{
    /// <summary>
    /// The per-silo event-log writer, and serialisation of the domain's records: they are plain C# records shared with replay
    /// and the event codec, so they travel as JSON between silos (inside one silo, Immutable arguments are not copied at all).
    /// The host must also register CountyMap, InfluxClient, EventStore, TimeProvider, GrainOptions and SiloOptions.
    /// </summary>
    public static ISiloBuilder AddCountyGrains(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<EventLogWriter>();
        silo.Services.AddSingleton<GrainRefs>();
        silo.Services.AddSingleton<EventLog.GridSnapshotStore>();
        silo.Services.AddSingleton<EventLog.GridLogReader>();
        silo.Services.AddSingleton<Screens.ScreenOutbox>();
        silo.Services.AddSerializer(s => s.AddJsonSerializer(isSupported: IsDomainType));
        // at most one activation of a grain, also while silos die and join: the default directory is eventually consistent
        // and may briefly run a grid twice, each copy stamping and storing its own events (docs/decisions.md)
#pragma warning disable ORLEANSEXP003
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        return silo;
    }

    /// <summary>The client side (a host that calls grains without being a silo) needs the same serialisation.</summary>
    public static IServiceCollection AddCountyGrainSerialization(this IServiceCollection services) =>
        services.AddSerializer(s => s.AddJsonSerializer(isSupported: IsDomainType));

    private static bool IsDomainType(Type t) => t.Namespace?.StartsWith("CommandCenter", StringComparison.Ordinal) == true && !t.IsInterface
        && !typeof(Orleans.Runtime.IAddressable).IsAssignableFrom(t);
}
