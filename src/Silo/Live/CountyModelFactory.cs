using CommandCenter.Geography;
using CommandCenter.Grains;

namespace CommandCenter.Live;

/// <summary>Makes empty county models with the configured map and thresholds (live, rebuild and replay alike).</summary>
public sealed class CountyModelFactory(CountyMap map, GrainOptions grains, SiloOptions silo)
{
    public CountyMap Map => map;
    public CountyModel Create() => new(map, grains, silo.DedupeWindow);
}
