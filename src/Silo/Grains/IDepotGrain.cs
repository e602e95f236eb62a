using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Supplies;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>
/// A supply depot (应急物资储备点), keyed by its point-of-interest id: its stock and the supply orders drawn on it. All of a
/// depot's changes go through its one grain, one at a time, so two coordinators can never take the same last pumps.
/// </summary>
public interface IDepotGrain : IGrainWithStringKey
{
    /// <summary>stock_changed / supply_order_changed of this depot, in order; accepted means stored.</summary>
    Task<Immutable<ApplyOutcome[]>> Apply(Immutable<CountyEvent[]> events);

    Task<Immutable<DepotSnapshot>> Capture();

    /// <summary>The depot at <paramref name="at"/>; null when it already stamped an event after it.</summary>
    Task<DepotCapture?> CaptureAt(DateTimeOffset at);
}
