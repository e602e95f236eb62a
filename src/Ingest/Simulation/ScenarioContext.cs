using CommandCenter.Geography;
using CommandCenter.Ingest;

namespace CommandCenter.Simulation;

/// <summary>
/// The shared state of one <see cref="CountyScenario"/>: the random source, the timeline of scheduled moves,
/// the ids, the live alarms/cases/drills and the events of the current step. Single-threaded.
/// </summary>
internal sealed class ScenarioContext
{
    /// <summary>A move due more than this before the step's time acts at the step's time (no replay of long gaps).</summary>
    public static readonly TimeSpan MaxLag = TimeSpan.FromMinutes(1);

    private readonly PriorityQueue<SimEntity, (long Ticks, long Seq)> _timeline = new();
    private List<WireEvent> _output = [];
    private long _seq, _events, _alarms, _cases, _drills;

    public ScenarioContext(Random random, CountyMap map, SimulatorOptions options)
    {
        Random = random;
        Map = map;
        Options = options;
        Rates = ScenarioRates.From(options);
        Sampler = new AreaSampler(map, random);
    }

    public Random Random { get; }
    public CountyMap Map { get; }
    public SimulatorOptions Options { get; }
    public ScenarioRates Rates { get; }
    public AreaSampler Sampler { get; }
    public WorkerRoster Roster { get; set; } = null!;
    public SensorNetwork Sensors { get; set; } = null!;
    public GaugeNetwork Gauges { get; set; } = null!;

    /// <summary>"{seed}-{start in Unix seconds, hex}": makes ids unique across runs of the same seed.</summary>
    public string Tag { get; private set; } = "";
    public DateTimeOffset Now { get; private set; }
    public long Generated => _events;
    public int Scheduled => _timeline.Count;

    public Dictionary<string, AlarmEntity> Alarms { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, CaseEntity> Cases { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DrillEntity> Drills { get; } = new(StringComparer.Ordinal);

    public void Start(DateTimeOffset start) =>
        Tag = FormattableString.Invariant($"{Options.Seed}-{start.ToUnixTimeSeconds():x}");

    public string NextEventId() => FormattableString.Invariant($"sim-{Tag}-{++_events}");
    public string NextAlarmId() => FormattableString.Invariant($"alm-{Tag}-{++_alarms}");
    public string NextCaseId() => FormattableString.Invariant($"case-{Tag}-{++_cases}");
    public string NextDrillId() => FormattableString.Invariant($"drill-{Tag}-{++_drills}");

    public string Source => Options.Source;

    public void Emit(WireEvent e) => _output.Add(e);

    public void Schedule(SimEntity entity, DateTimeOffset at) => _timeline.Enqueue(entity, (at.UtcTicks, ++_seq));

    /// <summary>Runs every move due by <paramref name="now"/>, in time order; returns what they emitted.</summary>
    public List<WireEvent> RunUntil(DateTimeOffset now)
    {
        Now = now;
        var nowTicks = now.UtcTicks;
        var lagTicks = nowTicks - MaxLag.Ticks;
        while (_timeline.TryPeek(out var entity, out var due) && due.Ticks <= nowTicks)
        {
            _timeline.Dequeue();
            if (entity.Dead) { Forget(entity); continue; }
            var at = due.Ticks < lagTicks ? now : new DateTimeOffset(due.Ticks, TimeSpan.Zero);
            entity.Fire(this, at);
        }
        var result = _output;
        _output = new List<WireEvent>(Math.Max(16, result.Count));
        return result;
    }

    public void Forget(SimEntity entity)
    {
        switch (entity)
        {
            case AlarmEntity a: Alarms.Remove(a.Id); break;
            case CaseEntity c: Cases.Remove(c.Id); break;
            case DrillEntity d: Drills.Remove(d.Id); break;
        }
    }

    // ---- random helpers ----
    public double Uniform(double min, double max) => min + Random.NextDouble() * (max - min);
    public TimeSpan Minutes(double min, double max) => TimeSpan.FromMinutes(Uniform(min, max));
    public bool Chance(double p) => Random.NextDouble() < p;

    /// <summary>Exponential waiting time of a Poisson process with the given rate per second.</summary>
    public TimeSpan NextArrival(double perSecond) =>
        TimeSpan.FromSeconds(-Math.Log(1 - Random.NextDouble()) / perSecond);

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];
}
