using CommandCenter.Model;

namespace CommandCenter.Live;

/// <summary>
/// The county as the screens of this process see it: reads between updates, a push of what changed, and an exact capture.
/// Implemented by the mailbox silo (<see cref="CountySilo"/>, the multi-process mode's mirror) and by the Orleans read model
/// (<see cref="Screens.ScreenCounty"/>).
/// </summary>
public interface ILiveCounty
{
    SiloStatus Status { get; }
    long EventsApplied { get; }
    DateTimeOffset? LastTickAt { get; }

    /// <summary>Raised after each change; handlers must only hand the update on.</summary>
    event Action<LiveUpdate>? Updated;

    /// <summary>Runs <paramref name="read"/> on a consistent view of the county and returns its result.</summary>
    Task<T> ReadAsync<T>(Func<CountyModel, T> read, CancellationToken ct = default);

    /// <summary>The county at one exact moment (what replaying the log up to AsOf gives).</summary>
    Task<(DateTimeOffset AsOf, T Value)> CaptureAsync<T>(Func<CountyModel, T> read, CancellationToken ct = default);
}
