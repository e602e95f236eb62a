namespace CommandCenter.Simulation;

/// <summary>
/// Settings of the county simulator, bound from the configuration section "Simulator".
/// The host sets <see cref="BaseAddress"/> and <see cref="ApiKey"/> (e.g. with PostConfigure); the key is never logged.
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Target total rate of events, all kinds together (≈70% check-ins, 12% alarm events, 17% case events); the gauges'
    /// readings come on top (<see cref="Gauges"/> per <see cref="GaugeInterval"/>).
    /// </summary>
    public double EventsPerSecond { get; set; } = 40;

    /// <summary>Share of events that belong to alarms (raised, acknowledged, cleared); the rest beyond cases are check-ins.</summary>
    public double AlarmShare { get; set; } = 0.12;

    /// <summary>Share of events that are case state changes.</summary>
    public double CaseShare { get; set; } = 0.17;

    /// <summary>Grid workers (网格员): ~75% on the day shift 08–20, ~25% on the night shift 20–08 (Beijing time).</summary>
    public int Workers { get; set; } = 3000;

    /// <summary>IoT sensors (smoke, gas, water level, manhole cover, hydrant pressure) spread over the grids.</summary>
    public int Sensors { get; set; } = 6000;

    /// <summary>风险监测 gauges reporting readings (river level, rainfall, gas, hydrant pressure); 0: none.</summary>
    public int Gauges { get; set; } = 240;

    /// <summary>How often each gauge reports (±5 %).</summary>
    public TimeSpan GaugeInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>应急物资: every supply depot reports its stock at start; then one depot item is restocked this often. Zero: no supply events.</summary>
    public TimeSpan SupplyRestockEvery { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Seed of the scenario: the same seed and the same step times give the same events.</summary>
    public int Seed { get; set; } = 20250601;

    /// <summary>Most events per POST (≤ IngestBatch.MaxBatch).</summary>
    public int BatchMaxSize { get; set; } = 500;

    /// <summary>How often the simulator asks the scenario for due events and sends them.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>An emergency drill (应急演练) starts every this many hours; 0 or less: no drills.</summary>
    public double DrillEveryHours { get; set; } = 3;

    /// <summary>Share of alarms nobody acknowledges (they escalate; the source clears them 1–3 h later).</summary>
    public double UnacknowledgedShare { get; set; } = 0.08;

    /// <summary>Share of cases held past their category's deadline (超期).</summary>
    public double OverdueShare { get; set; } = 0.1;

    /// <summary>The <c>source</c> written on every event.</summary>
    public string Source { get; set; } = "simulator";

    /// <summary>First retry delay after a failed send; doubles per failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Base address of the ingest API (the host sets it), e.g. http://127.0.0.1:5080/.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Sent as the <c>X-Api-Key</c> header. Secret: never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Why these options cannot run, or null when they can.</summary>
    public string? Problem() =>
        EventsPerSecond is <= 0 or double.NaN or double.PositiveInfinity ? "EventsPerSecond must be positive" :
        Workers < 0 || Sensors < 0 || Gauges < 0 ? "Workers, Sensors and Gauges must not be negative" :
        Gauges > 0 && GaugeInterval < TimeSpan.FromSeconds(1) ? "GaugeInterval must be at least 1 s" :
        SupplyRestockEvery < TimeSpan.Zero || SupplyRestockEvery > TimeSpan.Zero && SupplyRestockEvery < TimeSpan.FromSeconds(1) ? "SupplyRestockEvery must be 0 or at least 1 s" :
        BatchMaxSize is < 1 or > Ingest.IngestBatch.MaxBatch ? $"BatchMaxSize must be 1–{Ingest.IngestBatch.MaxBatch}" :
        FlushInterval <= TimeSpan.Zero ? "FlushInterval must be positive" :
        RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay ? "RetryBaseDelay must be positive and ≤ RetryMaxDelay" :
        AlarmShare < 0 || CaseShare < 0 || AlarmShare + CaseShare >= 1 ? "AlarmShare and CaseShare must be ≥ 0 and leave room for check-ins" :
        UnacknowledgedShare is < 0 or > 1 || OverdueShare is < 0 or > 1 ? "UnacknowledgedShare and OverdueShare must be within 0–1" :
        null;
}
