namespace CommandCenter.Ingest.Tests.Simulation;

/// <summary>
/// A clock that moves only when the test says so. Timers (and so <c>Task.Delay(…, provider, ct)</c>) fire when
/// <see cref="AdvanceToNextTimer"/> or <see cref="Advance"/> passes their due time; callbacks run on the calling thread.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public int ArmedTimers { get { lock (_gate) return _timers.Count; } }

    /// <summary>Waits (in real time) until some code is waiting on a timer.</summary>
    public async Task WaitForTimerAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (ArmedTimers == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("nobody is waiting on the clock");
            await Task.Delay(1);
        }
    }

    /// <summary>Jumps to the earliest armed timer's due time and fires it; returns the new time.</summary>
    public DateTimeOffset AdvanceToNextTimer()
    {
        DateTimeOffset due;
        lock (_gate)
        {
            if (_timers.Count == 0) return _now;
            due = _timers.Min(t => t.Due);
        }
        Advance(due - GetUtcNow());
        return due;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> fire;
        lock (_gate)
        {
            if (by > TimeSpan.Zero) _now += by;
            fire = [.. _timers.Where(t => t.Due <= _now).OrderBy(t => t.Due)];
            foreach (var t in fire) t.Rearm(_now);
        }
        foreach (var t in fire) t.Invoke();
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        public DateTimeOffset Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                Due = owner._now + dueTime;
                owner._timers.Add(this);
            }
            if (dueTime <= TimeSpan.Zero) owner.Advance(TimeSpan.Zero);
            return true;
        }

        /// <summary>Called under the owner's lock when the timer fires.</summary>
        public void Rearm(DateTimeOffset now)
        {
            owner._timers.Remove(this);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                Due = now + _period;
                owner._timers.Add(this);
            }
        }

        public void Invoke() => callback(state);

        public void Dispose() { lock (owner._gate) owner._timers.Remove(this); }
        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
