namespace CommandCenter.Live;

/// <summary>Config section "Silo".</summary>
public sealed class SiloOptions
{
    /// <summary>How often the grains are told the time (escalations, overdue cases, coverage).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Most events written to the event log in one write. Queued submissions share a write up to this size; a bigger one is
    /// applied and written in pieces of this size, the next piece applied while earlier ones are written. Smaller pieces
    /// overlap the grains' CPU with InfluxDB's write but pay InfluxDB's per-write cost more often: on the 2-core machine with
    /// influxd local, 1,000 and 2,500 were slower than whole groups (bench/results/ingest-before-after.md), so the default keeps groups whole.
    /// </summary>
    public int MaxGroupEvents { get; set; } = 20_000;

    /// <summary>
    /// Most event-log writes in flight at once (each a chunk applied after the one before). More than one lets InfluxDB
    /// work on two writes while the grains apply the next chunk; a failed write fails every chunk behind it.
    /// </summary>
    public int MaxWritesInFlight { get; set; } = 2;

    /// <summary>An event sent again within this window is a duplicate.</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How often per-grid/street/county figures are stored for the charts.</summary>
    public TimeSpan AggregateInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After the event log could not be written, how often to try rebuilding from it.</summary>
    public TimeSpan RecoveryRetry { get; set; } = TimeSpan.FromSeconds(2);
}
