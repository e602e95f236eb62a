using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Model.Warnings;

namespace CommandCenter.Model;

/// <summary>
/// The live state of one grid (网格): open alarms, open cases, who checked in, drill activity.
/// Deterministic: its state is a function of the events it was given and the times it was told.
/// Not thread-safe: its owner feeds it one message at a time.
/// </summary>
public sealed class GridState(string code, GrainOptions options)
{
    private readonly Dictionary<string, AlarmRecord> _alarms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CaseRecord> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkerPresence> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SensorTrack> _sensors = new(StringComparer.Ordinal); // 传感器 reporting in this grid
    private long _acknowledged, _ackMillis, _closed, _closedOnTime, _rejected, _drillCheckIns;

    public string Code { get; } = code;
    public DateTimeOffset? LastPatrolledAt { get; private set; }
    public StatusLevel Level { get; private set; }
    /// <summary>The oldest unacknowledged real (not drill) alarm's raise time, as of the last <see cref="Refresh"/>.</summary>
    public DateTimeOffset? OldestUnackedAt { get; private set; }
    /// <summary>The community and street grains above this grid, set by the model that holds it (their routing, looked up once).</summary>
    internal AreaTotals? Community { get; set; }
    internal AreaTotals? Street { get; set; }
    /// <summary>The figures as of the last <see cref="Refresh"/>; what the parents have summed.</summary>
    public Figures Figures { get; private set; } = new();

    // the dictionaries' own value collections, so a foreach over them (every refresh) boxes no enumerator
    public Dictionary<string, AlarmRecord>.ValueCollection Alarms => _alarms.Values;
    public Dictionary<string, CaseRecord>.ValueCollection Cases => _cases.Values;
    public Dictionary<string, WorkerPresence>.ValueCollection Workers => _workers.Values;
    public Dictionary<string, SensorTrack>.ValueCollection Sensors => _sensors.Values;
    public SensorTrack? FindSensor(string id) => _sensors.GetValueOrDefault(id);
    /// <summary>The thresholds and warning rules this grid runs by.</summary>
    public GrainOptions Options => options;

    /// <summary>The warnings up in this grid at <paramref name="now"/> (风险预警), most severe first.</summary>
    public List<SensorWarning> WarningsAt(DateTimeOffset now)
    {
        var up = new List<SensorWarning>();
        foreach (var s in _sensors.Values)
            if (s.WarningAt(now, options.WarningRuleFor(s.Kind)) is { } w) up.Add(w);
        up.Sort((a, b) => a.Level != b.Level ? a.Level.CompareTo(b.Level) : string.CompareOrdinal(a.SensorId, b.SensorId));
        return up;
    }
    public WorkerPresence? FindWorker(string workerId) => _workers.GetValueOrDefault(workerId);
    public AlarmRecord? FindAlarm(string id) => _alarms.GetValueOrDefault(id);
    public CaseRecord? FindCase(string id) => _cases.GetValueOrDefault(id);

    /// <summary>The event types a grid applies (the rest belong to the board or the county).</summary>
    public static bool Handles(EventType t) => t is EventType.PatrolCheckIn or EventType.AlarmRaised or EventType.AlarmAcknowledged
        or EventType.AlarmCleared or EventType.CaseChanged or EventType.SensorReading;

    /// <summary>Applies an event at its accept time, or refuses it and changes nothing.</summary>
    public Refusal? Apply(CountyEvent e) => e.Type switch
    {
        EventType.PatrolCheckIn => CheckIn(e),
        EventType.AlarmRaised => RaiseAlarm(e),
        EventType.AlarmAcknowledged => AcknowledgeAlarm(e),
        EventType.AlarmCleared => ClearAlarm(e),
        EventType.CaseChanged => ChangeCase(e),
        EventType.SensorReading => ReadSensor(e),
        _ => new Refusal("wrong_target", $"{e.Type} is not a grid event"),
    };

    private Refusal? CheckIn(CountyEvent e)
    {
        if (e.IsDrill) { _drillCheckIns++; return null; }
        var position = Position(e);
        // the latest check-in by its own time counts, whatever order check-ins arrive in (as across grids: WorkerMove)
        if (!_workers.TryGetValue(e.WorkerId!, out var held) || e.OccurredAt >= held.CheckedInAt)
            _workers[e.WorkerId!] = new WorkerPresence(e.WorkerId!, e.OccurredAt, position, e.Actor);
        if (LastPatrolledAt is null || e.OccurredAt > LastPatrolledAt) LastPatrolledAt = e.OccurredAt;
        return null;
    }

    /// <summary>
    /// The worker checked in somewhere else later: no longer counted here — unless the presence held here is newer than
    /// <paramref name="supersededAt"/> (the check-in the move replaced), which a late notice must not remove.
    /// </summary>
    public bool WorkerLeft(string workerId, DateTimeOffset supersededAt) =>
        _workers.TryGetValue(workerId, out var w) && w.CheckedInAt <= supersededAt && _workers.Remove(workerId);

    /// <summary>A reading of a sensor in this grid: its track and warning move (by the reading's own time). Drill readings change nothing live.</summary>
    private Refusal? ReadSensor(CountyEvent e)
    {
        if (e.IsDrill) return null;
        if (!_sensors.TryGetValue(e.SensorId!, out var track))
            _sensors[e.SensorId!] = track = new SensorTrack(e.SensorId!, e.SensorKind!, Position(e));
        else if (track.Kind != e.SensorKind)
            return new Refusal("sensor_kind_changed", $"sensor {e.SensorId} reports {track.Kind}, not {e.SensorKind}");
        track.Read(e.Value!.Value, e.OccurredAt, Position(e), options.WarningRuleFor(track.Kind));
        return null;
    }

    private Refusal? RaiseAlarm(CountyEvent e)
    {
        if (_alarms.ContainsKey(e.AlarmId!))
            return new Refusal("alarm_exists", $"alarm {e.AlarmId} is already open in grid {Code}");
        _alarms[e.AlarmId!] = new AlarmRecord(e.AlarmId!, e.Severity!.Value, e.AlarmKind ?? "unknown", e.OccurredAt, Position(e), e.DrillId);
        return null;
    }

    private Refusal? AcknowledgeAlarm(CountyEvent e)
    {
        if (!_alarms.TryGetValue(e.AlarmId!, out var alarm))
            return Refusal.About("unknown_alarm", e.AlarmId!, $"alarm {e.AlarmId} is not open in grid {Code}");
        if (alarm.IsAcknowledged)
            return new Refusal("already_acknowledged",
                $"alarm {alarm.Id} was already acknowledged by {alarm.AcknowledgedBy ?? "unknown"} at {alarm.AcknowledgedAt:O}",
                new Dictionary<string, string> { ["id"] = alarm.Id, ["by"] = alarm.AcknowledgedBy ?? "—", ["at"] = $"{alarm.AcknowledgedAt:O}" });
        var at = e.OccurredAt < alarm.RaisedAt ? alarm.RaisedAt : e.OccurredAt;
        _alarms[alarm.Id] = alarm with { AcknowledgedAt = at, AcknowledgedBy = e.Actor ?? e.Source, CaseId = e.CaseId ?? alarm.CaseId };
        if (alarm.DrillId is null)
        {
            _acknowledged++;
            _ackMillis += (long)(at - alarm.RaisedAt).TotalMilliseconds;
        }
        return null;
    }

    private Refusal? ClearAlarm(CountyEvent e) =>
        _alarms.Remove(e.AlarmId!) ? null : Refusal.About("unknown_alarm", e.AlarmId!, $"alarm {e.AlarmId} is not open in grid {Code}");

    private Refusal? ChangeCase(CountyEvent e)
    {
        var to = e.CaseState!.Value;
        if (!_cases.TryGetValue(e.CaseId!, out var c))
        {
            if (to != CaseState.Reported)
                return Refusal.About("unknown_case", e.CaseId!, $"case {e.CaseId} is not open in grid {Code}; a case starts with 'reported'");
            var category = e.Category ?? "unknown";
            _cases[e.CaseId!] = new CaseRecord(e.CaseId!, category, e.OccurredAt, e.OccurredAt + options.DeadlineOf(category), e.DrillId)
                { ChangedAt = e.OccurredAt };
            return null;
        }
        if (!CaseTransitions.IsLegal(c.State, to))
            return Refusal.Illegal("case", c.Id, c.State.ToWire(), to.ToWire(), CaseTransitions.From(c.State).Select(s => s.ToWire()));
        c = c with { State = to, ChangedAt = e.OccurredAt, FirstHandledAt = to == CaseState.Handled ? c.FirstHandledAt ?? e.OccurredAt : c.FirstHandledAt };
        if (!CaseTransitions.IsTerminal(to)) { _cases[c.Id] = c; return null; }
        _cases.Remove(c.Id);
        if (c.DrillId is not null) return null;
        if (to == CaseState.Rejected) _rejected++;
        else
        {
            _closed++;
            if (c.FirstHandledAt is { } handled && handled <= c.Deadline) _closedOnTime++;
        }
        return null;
    }

    /// <summary>
    /// Recomputes the figures and status level at <paramref name="now"/>; returns the change since the
    /// last refresh (to push up to the parents), or null when nothing changed. The figures are updated in
    /// place and the returned delta is a buffer reused by the next refresh on this thread: add it to the
    /// parents at once, do not keep it. Allocates nothing (this runs for every event and every tick).
    /// </summary>
    public Figures? Refresh(DateTimeOffset now)
    {
        var f = t_computed ??= new Figures();
        OldestUnackedAt = GridFigures.Compute(f, this, now, options, _acknowledged, _ackMillis, _closed, _closedOnTime, _rejected, _drillCheckIns);
        Level = GridFigures.LevelOf(f);
        if (f.Equals(Figures)) return null;
        var delta = t_delta ??= new Figures();
        delta.SetDifference(f, Figures);
        Figures.CopyFrom(f);
        return delta;
    }

    // Scratch vectors for Refresh, one pair per thread (models on different threads — live, replay — never share one).
    [ThreadStatic] private static Figures? t_computed;
    [ThreadStatic] private static Figures? t_delta;

    /// <summary>Whether a later refresh can change the figures without an event (a timer is pending).</summary>
    public bool HasTimers => _alarms.Count > 0 || _cases.Count > 0 || _workers.Count > 0 || _sensors.Count > 0 || LastPatrolledAt is not null;

    /// <summary>An independent copy (records are immutable, so copying the maps is enough): replay checkpoints.</summary>
    public GridState Clone()
    {
        var c = new GridState(Code, options)
        {
            LastPatrolledAt = LastPatrolledAt, Level = Level, Figures = Figures.Copy(), OldestUnackedAt = OldestUnackedAt,
            _acknowledged = _acknowledged, _ackMillis = _ackMillis, _closed = _closed, _closedOnTime = _closedOnTime,
            _rejected = _rejected, _drillCheckIns = _drillCheckIns,
        };
        foreach (var (k, v) in _alarms) c._alarms[k] = v;
        foreach (var (k, v) in _cases) c._cases[k] = v;
        foreach (var (k, v) in _workers) c._workers[k] = v;
        foreach (var (k, v) in _sensors) c._sensors[k] = SensorTrack.FromState(v.ToState()); // a track is mutable: a copy
        return c;
    }

    internal GridSnapshot ToState() => new(Code, LastPatrolledAt, Level, Figures.ToArray(),
        [_acknowledged, _ackMillis, _closed, _closedOnTime, _rejected, _drillCheckIns],
        [.. _alarms.Values], [.. _cases.Values], [.. _workers.Values], _sensors.Count == 0 ? null : [.. _sensors.Values.Select(s => s.ToState())]);

    internal static GridState FromState(GridSnapshot s, GrainOptions options)
    {
        var c = new GridState(s.Code, options)
        {
            LastPatrolledAt = s.LastPatrolledAt, Level = s.Level, Figures = Figures.FromArray(s.Figures),
            _acknowledged = s.Counters[0], _ackMillis = s.Counters[1], _closed = s.Counters[2], _closedOnTime = s.Counters[3],
            _rejected = s.Counters[4], _drillCheckIns = s.Counters[5],
        };
        foreach (var a in s.Alarms) c._alarms[a.Id] = a;
        foreach (var x in s.Cases) c._cases[x.Id] = x;
        foreach (var w in s.Workers) c._workers[w.WorkerId] = w;
        foreach (var x in s.Sensors ?? []) c._sensors[x.Id] = SensorTrack.FromState(x);
        return c;
    }

    private static GeoPoint? Position(CountyEvent e) => e.Lon is { } lon && e.Lat is { } lat ? new GeoPoint(lon, lat) : null;
}
