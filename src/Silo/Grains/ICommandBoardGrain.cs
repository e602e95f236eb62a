using CommandCenter.Command;
using CommandCenter.Events;
using CommandCenter.Model;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>
/// The coordinators' board (指挥调度): incidents, dispatch orders, whistles. One per county (key: the county code), so an
/// incident can link an alarm or case of any grid on any silo.
/// </summary>
public interface ICommandBoardGrain : IGrainWithStringKey
{
    Task<Immutable<ApplyOutcome[]>> Apply(Immutable<CountyEvent[]> events);

    /// <summary>Stored acknowledgements, clears and case moves (from grids) and supply-order moves (from depots), for the incidents' timelines.</summary>
    [OneWay]
    Task Observe(Immutable<CountyEvent[]> events);

    Task<Immutable<BoardState>> Capture();

    /// <summary>The board at <paramref name="at"/>; null when it already stamped an event after it.</summary>
    Task<BoardCapture?> CaptureAt(DateTimeOffset at);
}
