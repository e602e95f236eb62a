using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;

namespace CommandCenter.Simulation;

/// <summary>
/// The pure, deterministic model of a living county: grid workers on shifts checking in along their patrol
/// routes, alarms from sensors, video, 12345, 110 and workers, cases walking the closed loop, and periodic drills.
/// No threads, no clock: <see cref="Step"/> returns the events due by the time it is given (all stamped with that
/// time), and the same seed, map, options and step times always give the same events.
/// Only legal sequences are generated; <see cref="OnResults"/> stops the follow-ups of anything the server rejected.
/// Not thread-safe: one caller at a time.
/// </summary>
public sealed class CountyScenario
{
    private readonly ScenarioContext _ctx;
    private bool _started;
    private long _rejected;

    public CountyScenario(Random random, CountyMap map, SimulatorOptions options)
    {
        if (options.Problem() is { } problem) throw new ArgumentException(problem, nameof(options));
        _ctx = new ScenarioContext(random, map, options);
        _ctx.Roster = new WorkerRoster(_ctx, options.Workers);
        _ctx.Sensors = new SensorNetwork(_ctx, options.Sensors);
        _ctx.Gauges = new GaugeNetwork(_ctx, options.Gauges);
    }

    /// <summary>Events generated so far (ids "sim-{seed}-{start}-{n}" count up from 1).</summary>
    public long Generated => _ctx.Generated;
    public int OpenAlarms => _ctx.Alarms.Count;
    public int OpenCases => _ctx.Cases.Count;
    public int ActiveDrills => _ctx.Drills.Count;
    /// <summary>Events the server rejected, as reported through <see cref="OnResults"/>.</summary>
    public long Rejected => _rejected;
    public int RetiredWorkers => _ctx.Roster.All.Count(w => w.Dead);

    public int WorkerCount => _ctx.Roster.All.Count;

    /// <summary>The home grid of a worker, or null for an unknown id.</summary>
    public string? HomeGridOf(string workerId) =>
        _ctx.Roster.ById.TryGetValue(workerId, out var w) ? w.Grid.Code : null;

    /// <summary>Every event due by <paramref name="now"/>, in order; each has occurredAt = <paramref name="now"/>.</summary>
    public IReadOnlyList<WireEvent> Step(DateTimeOffset now)
    {
        if (!_started) Start(now);
        return _ctx.RunUntil(now);
    }

    /// <summary>
    /// Tells the scenario what the server made of a batch it generated. A rejected event ends its entity:
    /// an alarm or case makes no further moves, a drill gets no drill_ended and its drill alarms/cases stop,
    /// a worker whose check-in was refused is retired. Accepted and duplicate events need nothing.
    /// </summary>
    public void OnResults(IReadOnlyList<WireEvent> batch, IngestResponse response)
    {
        foreach (var result in response.Results)
        {
            if (result.Status != IngestStatus.Rejected || result.Index < 0 || result.Index >= batch.Count) continue;
            _rejected++;
            var e = batch[result.Index];
            SimEntity? entity = e.Type switch
            {
                EventType.PatrolCheckIn => e.WorkerId is { } w ? _ctx.Roster.ById.GetValueOrDefault(w) : null,
                EventType.AlarmRaised or EventType.AlarmAcknowledged or EventType.AlarmCleared =>
                    e.AlarmId is { } a ? _ctx.Alarms.GetValueOrDefault(a) : null,
                EventType.CaseChanged => e.CaseId is { } c ? _ctx.Cases.GetValueOrDefault(c) : null,
                EventType.DrillStarted or EventType.DrillEnded => e.DrillId is { } d ? _ctx.Drills.GetValueOrDefault(d) : null,
                _ => null,
            };
            if (entity is null) continue;
            entity.Dead = true;
            _ctx.Forget(entity);
        }
    }

    private void Start(DateTimeOffset now)
    {
        _started = true;
        _ctx.Start(now);
        new WorkerRoster.ShiftChange().Fire(_ctx, now);
        if (_ctx.Rates.AlarmsPerSecond > 0) _ctx.Schedule(new AlarmArrivals(), now + _ctx.NextArrival(_ctx.Rates.AlarmsPerSecond));
        if (_ctx.Rates.CasesPerSecond > 0) _ctx.Schedule(new CaseArrivals(), now + _ctx.NextArrival(_ctx.Rates.CasesPerSecond));
        _ctx.Gauges.Start(_ctx, now);
        if (_ctx.Options.SupplyRestockEvery > TimeSpan.Zero) new DepotStocks(_ctx).Start(_ctx, now);
        if (_ctx.Options.DrillEveryHours > 0)
            _ctx.Schedule(new DrillEntity(_ctx), now + DrillEntity.Every(_ctx.Options) / 4);
    }
}
