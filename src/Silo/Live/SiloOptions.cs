namespace CommandCenter.Live;

/// <summary>Config section "Silo".</summary>
public sealed class SiloOptions
{
    /// <summary>How often the grains are told the time (escalations, overdue cases, coverage).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Most events written to the event log in one write. Queued submissions share a write up to this size; a bigger one is
    /// applied and written in pieces of this size, the next piece applied while earlier ones are written. With two writes in
    /// flight, pieces of 2,500 let one 5,000-event request overlap with itself and keep influxd on both cores: +10–21 % events/s
    /// with 1 sender, +6–8 % with 8, against whole groups of up to 20,000 (bench/results/ingest-before-after.md, third session).
    /// With one write in flight smaller pieces had been slower (1,000: −5 to −14 %), so this goes with <see cref="MaxWritesInFlight"/>.
    /// </summary>
    public int MaxGroupEvents { get; set; } = 2_500;

    /// <summary>
    /// Most event-log writes in flight at once (each a chunk applied after the one before). More than one lets InfluxDB
    /// work on two writes while the grains apply the next chunk; a failed write fails every chunk behind it.
    /// </summary>
    public int MaxWritesInFlight { get; set; } = 2;

    /// <summary>
    /// A grid grain stores a snapshot of its state after this many stored events, and starts from its newest one on
    /// activation (reading only the events after it, and the duplicate window before it) instead of its whole series.
    /// </summary>
    public int GridSnapshotEvery { get; set; } = 500;

    /// <summary>
    /// A grid grain whose newest stored event is younger than this is taking over from an activation that just died: it
    /// waits <see cref="LateWriteSettle"/> and reads its series again, so a write of the dead activation that reached
    /// InfluxDB after the first read is in its state before it serves (and a retry of that event is a duplicate).
    /// </summary>
    public TimeSpan LateWriteWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a taking-over grid grain waits before reading its series again (see <see cref="LateWriteWindow"/>).</summary>
    public TimeSpan LateWriteSettle { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An event sent again within this window is a duplicate.</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How often per-grid/street/county figures are stored for the charts.</summary>
    public TimeSpan AggregateInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After the event log could not be written, how often to try rebuilding from it.</summary>
    public TimeSpan RecoveryRetry { get; set; } = TimeSpan.FromSeconds(2);
}
