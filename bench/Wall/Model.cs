using System.Text.Json;

namespace CommandCenter.Bench.Wall;

/// <summary>One marked alarm_raised the bench sent, and when the wall showed it.</summary>
public sealed class Probe(string id, int grid, double sentAt, long sentMs)
{
    public string Id { get; } = id;
    public int Grid { get; } = grid;
    /// <summary>Seconds since the measured part began.</summary>
    public double SentAt { get; } = sentAt;
    /// <summary>Unix ms (DateTimeOffset.UtcNow) just before the POST: the same clock as the page's Date.now().</summary>
    public long SentMs { get; } = sentMs;
    public long? AnsweredMs { get; set; }
    public string? Problem { get; set; }
    public long? DomMs { get; set; }
    public long? PaintedMs { get; set; }
    public int Row { get; set; }
    public bool AckedWhenSeen { get; set; }
    public bool CleanedUp { get; set; }
    public double? LatencyMs => PaintedMs is { } p ? p - SentMs : null;
    public double? DomLatencyMs => DomMs is { } d ? d - SentMs : null;
    public double? PostMs => AnsweredMs is { } a ? a - SentMs : null;
}

/// <summary>One requestAnimationFrame interval, drained at <see cref="At"/> seconds since the measured part began.</summary>
public readonly record struct Frame(double At, double Ms);

/// <summary>What the page's __bench.state() returned.</summary>
public sealed record PageState(string Status, long Version, int Snapshots, int Reconnects, int Dropped, int Elements, int Alarms, int Unacked,
    int UnackedI, long AlarmsChars, int Pulses, int AlarmRows, long WsMessages, long WsChars)
{
    public static PageState From(JsonElement e) => new(
        e.GetProperty("status").GetString() ?? "?", e.GetProperty("version").GetInt64(), e.GetProperty("snapshots").GetInt32(),
        e.GetProperty("reconnects").GetInt32(), e.GetProperty("dropped").GetInt32(), e.GetProperty("elements").GetInt32(),
        e.GetProperty("alarms").GetInt32(), e.GetProperty("unacked").GetInt32(), e.GetProperty("unackedI").GetInt32(),
        e.GetProperty("alarmsChars").GetInt64(), e.GetProperty("pulses").GetInt32(), e.GetProperty("alarmRows").GetInt32(),
        e.GetProperty("wsMessages").GetInt64(), e.GetProperty("wsChars").GetInt64());
}

/// <summary>What /healthz said: events the silo applied, the simulator's counters.</summary>
public sealed record HostState(long EventsApplied, long SimGenerated, long SimAccepted, long SimPending, long SimFailed, long SimRejected);

/// <summary>A sample of memory, CPU and the page, every minute of the measured part (and at its start and end).</summary>
public sealed record Sample(
    double AtMinutes,
    double HeapUsed, double HeapUsedAfterGc, double HeapTotalAfterGc, double Nodes, double Listeners,
    double TaskSeconds, double ScriptSeconds, double LayoutSeconds, double StyleSeconds,
    long? HostRss, long? InfluxRss, long? ChromiumRss, long? RendererRss, long? GpuRss,
    TimeSpan? HostCpu, TimeSpan? InfluxCpu, TimeSpan ChromiumCpu, TimeSpan BenchCpu, SystemCpu System,
    PageState? Page, HostState? Host, Dictionary<string, TimeSpan> ChromiumThreads);

/// <summary>Everything a run measured, saved as JSON so the report can be rendered again (--render-from) without a new run.</summary>
public sealed record RawData(RunOptions Options, RunFacts Run, List<Probe> Probes, List<Frame> Frames, List<Sample> Samples)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        IncludeFields = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static RawData Load(string path) => JsonSerializer.Deserialize<RawData>(File.ReadAllText(path), Json)!;
}
