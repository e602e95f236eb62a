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

    /// <summary>
    /// Sends the sums up if they changed since the last report. An area grain sends this to itself after a change, so the
    /// reports of a burst of children that were queued before it are summed into one report to the parent.
    /// </summary>
    [OneWay]
    Task ReportPending();

    /// <summary>The sums and the oldest unacknowledged alarm of each child.</summary>
    Task<Immutable<AreaSnapshot>> Totals();
}

public interface ICommunityGrain : IAreaGrain;

public interface IStreetGrain : IAreaGrain;
