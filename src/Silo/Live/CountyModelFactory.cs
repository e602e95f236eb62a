using CommandCenter.Geography;
using CommandCenter.Model;

namespace CommandCenter.Live;

/// <summary>Makes empty county models with the configured map and thresholds (live, rebuild and replay alike).</summary>
public sealed class CountyModelFactory(CountyMap map, GrainOptions grains, SiloOptions silo)
{
    public CountyMap Map => map;
    public CountyModel Create() => new(map, grains, silo.DedupeWindow);

    /// <summary>A model from a stored snapshot's state (its duplicate index empty: restored apart, or not needed for replay).</summary>
    public CountyModel FromState(ModelState state, TimeSpan? dedupeWindow = null) => CountyModel.FromState(state, map, grains, dedupeWindow ?? silo.DedupeWindow);
}
