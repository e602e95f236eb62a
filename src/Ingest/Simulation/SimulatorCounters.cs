namespace CommandCenter.Simulation;

/// <summary>
/// What the simulator has done so far, for /healthz. Sent counts events the server answered for (once each);
/// Accepted/Duplicates/Rejected split them; Failed counts events in send attempts that failed (retried later,
/// so one event can count several times); Pending is generated but not yet answered.
/// </summary>
public sealed record SimulatorStats(
    long Generated, long Sent, long Accepted, long Duplicates, long Rejected, long Failed, long Pending,
    bool InOutage, DateTimeOffset? LastSuccessAt);

/// <summary>Thread-safe counters written by the simulator loop and read by anyone.</summary>
internal sealed class SimulatorCounters
{
    private long _generated, _sent, _accepted, _duplicates, _rejected, _failed, _pending;
    private long _lastSuccessTicks;
    private volatile bool _inOutage;

    public void Generated(int n) { Interlocked.Add(ref _generated, n); Interlocked.Add(ref _pending, n); }

    public void Delivered(int count, int accepted, int duplicates, int rejected, DateTimeOffset at)
    {
        Interlocked.Add(ref _sent, count);
        Interlocked.Add(ref _accepted, accepted);
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _rejected, rejected);
        Interlocked.Add(ref _pending, -count);
        Interlocked.Exchange(ref _lastSuccessTicks, at.UtcTicks);
        _inOutage = false;
    }

    public void FailedAttempt(int count)
    {
        Interlocked.Add(ref _failed, count);
        _inOutage = true;
    }

    public SimulatorStats Snapshot()
    {
        var last = Interlocked.Read(ref _lastSuccessTicks);
        return new SimulatorStats(
            Interlocked.Read(ref _generated), Interlocked.Read(ref _sent), Interlocked.Read(ref _accepted),
            Interlocked.Read(ref _duplicates), Interlocked.Read(ref _rejected), Interlocked.Read(ref _failed),
            Interlocked.Read(ref _pending), _inOutage,
            last == 0 ? null : new DateTimeOffset(last, TimeSpan.Zero));
    }
}
