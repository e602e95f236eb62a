using CommandCenter.Model;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>A community (社区), street (街道) or the county (县): the sum of its children's figures, kept by their reports.</summary>
public interface IAreaGrain : IGrainWithStringKey
{
    /// <summary>A child's figures now (a grid's for a community, a community's for a street, a street's for the county).</summary>
    [OneWay]
    Task Receive(AreaReport report);

    Task<AreaReport> Report();

    /// <summary>The sums and the oldest unacknowledged alarm of each child.</summary>
    Task<Immutable<AreaSnapshot>> Totals();
}

public interface ICommunityGrain : IAreaGrain;

public interface IStreetGrain : IAreaGrain;
