using CommandCenter.Events;
using CommandCenter.Model;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>The county (县/区), keyed by its code: the sum of its streets, and the register of drills (演练).</summary>
public interface ICountyGrain : IAreaGrain
{
    /// <summary>drill_started / drill_ended, in order; accepted means stored.</summary>
    Task<Immutable<ApplyOutcome[]>> Apply(Immutable<CountyEvent[]> events);

    Task<Immutable<DrillRecord[]>> RunningDrills();
    Task<Immutable<DrillRecord[]>> EndedDrills();

    /// <summary>The drills at <paramref name="at"/>; null when an event was already stamped after it.</summary>
    Task<DrillsCapture?> CaptureDrillsAt(DateTimeOffset at);
}
