namespace CommandCenter.Live;

/// <summary>Config section "Snapshots": when the live silo stores a snapshot of its grains (docs/storage.md).</summary>
public sealed class SnapshotOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>A snapshot once this much event time has passed since the last one…</summary>
    public TimeSpan EveryEventTime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>…or once this many events have been applied since the last one, whichever comes first.</summary>
    public long EveryEvents { get; set; } = 200_000;

    /// <summary>How often the writer asks whether one is due.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Use stored snapshots at host start (restore, then read only later events). Off = read the whole log.</summary>
    public bool RestoreOnStart { get; set; } = true;
}
