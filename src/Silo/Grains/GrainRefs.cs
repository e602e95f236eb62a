using System.Collections.Concurrent;

namespace CommandCenter.Grains;

/// <summary>
/// This silo's references to the county's grains, made once per grain and kept. Orleans' <c>GetGrain</c> works out the
/// grain interface type from attributes on every call, which showed as 8 % of the host's CPU under ingest load (every
/// event names a grid, a worker, a directory); a reference is immutable and safe to share, so the lookup is done once.
/// One per silo: a reference belongs to the runtime that made it.
/// </summary>
public sealed class GrainRefs(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<(Type, string), IAddressable> _refs = new();

    public T Get<T>(string key) where T : IGrainWithStringKey =>
        (T)_refs.GetOrAdd((typeof(T), key), static (k, g) => g.GetGrain<T>(k.Item2), grains);

    public IGridGrain Grid(string code) => Get<IGridGrain>(code);
    public IWorkerGrain Worker(string id) => Get<IWorkerGrain>(id);
    public IDirectoryGrain Directory(string key) => Get<IDirectoryGrain>(key);
    public ICommunityGrain Community(string code) => Get<ICommunityGrain>(code);
    public IStreetGrain Street(string code) => Get<IStreetGrain>(code);
    public ICountyGrain County(string code) => Get<ICountyGrain>(code);
    public ICommandBoardGrain Board(string countyCode) => Get<ICommandBoardGrain>(countyCode);
    public IDepotGrain Depot(string depotId) => Get<IDepotGrain>(depotId);
}
