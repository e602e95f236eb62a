using Orleans.Concurrency;

namespace CommandCenter.Screens;

/// <summary>A silo's screens, registered with the <see cref="IScreenRelayGrain"/> to hear every silo's changes.</summary>
public interface IScreenObserver : IGrainObserver
{
    [OneWay]
    Task Changed(Immutable<ScreenBatch> batch);
}

/// <summary>
/// Keeps the list of every silo's screen observers and fans each silo's batches out to all of them (one per county: the
/// key is the county code). Observers subscribe again every <see cref="ScreenRelayGrain.Resubscribe"/>; one not heard
/// from for three times that is dropped (its silo is gone).
/// </summary>
public interface IScreenRelayGrain : IGrainWithStringKey
{
    /// <param name="silo">The observer's silo: its own batches reach it directly (<see cref="ScreenOutbox.Local"/>), not through here.</param>
    /// <returns>The relay's activation (its start time): a different one means batches may have been lost in between.</returns>
    Task<long> Subscribe(IScreenObserver observer, string silo);

    [OneWay]
    Task Publish(Immutable<ScreenBatch> batch, string fromSilo);
}
