namespace CommandCenter.Live;

/// <summary>
/// Hands out accept timestamps (Unix ns) from the injected clock, strictly increasing even when the
/// clock stands still or steps back: each is unique, so stored points never overwrite each other.
/// </summary>
public sealed class SeqClock(TimeProvider time)
{
    private long _last;

    public long Next()
    {
        var now = time.GetUtcNow();
        var ns = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        _last = Math.Max(ns, _last + 1);
        return _last;
    }

    /// <summary>Continue after a stored Seq (on rebuild), so new events sort after every stored one.</summary>
    public void AdvancePast(long seq) => _last = Math.Max(_last, seq);
}
