using CommandCenter.Model;

namespace CommandCenter.Live;

public sealed partial class CountySilo
{
    /// <summary>
    /// Reads the grains as they stand at one exact moment: tells every grid the time first, and makes
    /// sure every later event gets a later accept timestamp. Replaying the log up to AsOf gives the same state.
    /// </summary>
    public Task<(DateTimeOffset AsOf, T Value)> CaptureAsync<T>(Func<CountyModel, T> read, CancellationToken ct = default) =>
        ReadAsync(m =>
        {
            var now = time.GetUtcNow();
            m.Tick(now);
            _clock.AdvancePast((now - DateTimeOffset.UnixEpoch).Ticks * 100);
            return (now, read(m));
        }, ct);
}
