using Orleans.Concurrency;

namespace CommandCenter.Screens;

[CollectionAgeLimit(AlwaysActive = true)]
public sealed class ScreenRelayGrain(TimeProvider time) : Grain, IScreenRelayGrain
{
    public static readonly TimeSpan Resubscribe = TimeSpan.FromSeconds(5);
    private readonly Dictionary<IScreenObserver, (string Silo, DateTimeOffset Seen)> _observers = [];
    private readonly long _activation = time.GetUtcNow().UtcTicks;

    public Task<long> Subscribe(IScreenObserver observer, string silo)
    {
        var now = time.GetUtcNow();
        _observers[observer] = (silo, now);
        foreach (var (o, s) in _observers.ToList())
            if (now - s.Seen > 3 * Resubscribe) _observers.Remove(o);
        return Task.FromResult(_activation);
    }

    public Task Publish(Immutable<ScreenBatch> batch, string fromSilo)
    {
        foreach (var (o, s) in _observers)
            if (s.Silo != fromSilo) _ = o.Changed(batch);
        return Task.CompletedTask;
    }
}
