using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Live;
using CommandCenter.Model;
using Microsoft.Extensions.Logging;
using CommandCenter.Screens;
using Orleans.Concurrency;

namespace CommandCenter.Grains;

/// <summary>
/// 网格 grain: a thin shell over <see cref="GridState"/> (the rules, pure). On activation it rebuilds from its own series
/// of the event log, then re-claims its open alarm and case ids and tells each present worker's grain where they are, so
/// the county-wide directories converge after a restart without reading the whole log. After each stored batch it hands
/// its state to the screens; at each timer tick it reports its figures to its community when they changed.
/// </summary>
public sealed class GridGrain(CountyMap map, GridLogReader history, GridSnapshotStore snapshots, EventLogWriter writer, TimeProvider time, GrainOptions rules,
    SiloOptions options, ScreenOutbox screens, GrainRefs refs, ILogger<GridGrain> log) : Grain, IGridGrain
{
    private GridState _state = null!;
    private OwnedLog _log = null!;
    private long _version;
    private bool _broken;
    private bool _communityBehind; // figures changed since the community last heard; sent at the next tick
    private long _sinceSnapshot; // events stored since it

    private string Code => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        if (map.Find(Code) is not { Level: AreaLevel.Grid }) throw new ArgumentException($"{Code} is not a grid of the county");
        _log = new OwnedLog(writer, time, options.DedupeWindow);
        _version = time.GetUtcNow().UtcTicks * 100;
        var (snapshot, events) = await history.ReadAsync(Code, ct);
        _state = snapshot is null ? new GridState(Code, rules) : GridState.FromState(snapshot.State, rules);
        if (snapshot is not null) _log.Restored(snapshot.Seq, snapshot.Count);
        var snapshotSeq = snapshot?.Seq ?? 0;
        Rebuild(events, snapshotSeq);
        await TakeLateWritesAsync(snapshotSeq, ct);
        _state.Refresh(time.GetUtcNow());
        await Task.WhenAll(_state.Alarms.Select(a => Alarms(a.Id).Claim(a.Id, Code))
            .Concat(_state.Cases.Select(c => Cases(c.Id).Claim(c.Id, Code))));
        await Task.WhenAll(_state.Workers.ToList().Select(w => refs.Worker(w.WorkerId).CheckedIn(Code, w.CheckedInAt)));
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(options.TickInterval, options.TickInterval) { KeepAlive = true });
        ReportUp([]);
        ReportToCommunity();
    }

    /// <summary>Applies stored events on activation; <paramref name="onlyNew"/>: skip those already applied (a second read).</summary>
    private void Rebuild(IEnumerable<CountyEvent> events, long snapshotSeq, bool onlyNew = false)
    {
        foreach (var e in events)
        {
            if (!GridState.Handles(e.Type)) continue; // a board event placed in this grid lives on the board
            if (e.Seq <= snapshotSeq) { if (!onlyNew) _log.Remembered(e); continue; } // in the snapshot already
            if (onlyNew && _log.IsDuplicate(e)) continue;
            _state.Apply(e);
            _log.Replayed(e);
        }
    }

    /// <summary>
    /// A takeover: the grid's last event is recent, so its previous activation (on a silo that just died) may have had a
    /// write on its way to InfluxDB that landed after the read above. Such an event was answered "accepted" — or its sender
    /// will retry it — so it must be in this state before the grid serves: wait a moment and read again (batched like the
    /// first read), applying what was not there before. A grid whose last event is old (a cold start) does not wait.
    /// </summary>
    private async Task TakeLateWritesAsync(long snapshotSeq, CancellationToken ct)
    {
        if (_log.LastSeq == 0) return;
        var lastAt = DateTimeOffset.UnixEpoch.AddTicks(_log.LastSeq / 100);
        if (time.GetUtcNow() - lastAt > options.LateWriteWindow) return;
        await Task.Delay(options.LateWriteSettle, time, ct);
        var before = _log.Count;
        var (_, again) = await history.ReadAsync(Code, ct);
        Rebuild(again, snapshotSeq, onlyNew: true);
        if (_log.Count > before) log.LogInformation("grid {Grid}: {Count} event(s) of its previous activation landed late; applied", Code, _log.Count - before);
    }

    public async Task<Immutable<ApplyOutcome[]>> Apply(Immutable<CountyEvent[]> events)
    {
        var batch = events.Value;
        var outcomes = new ApplyOutcome[batch.Length];
        if (_broken)
        {
            Array.Fill(outcomes, OwnedLog.NotStored);
            return outcomes.AsImmutable();
        }
        var applied = new List<CountyEvent>(batch.Length);
        HashSet<string>? arrived = null; // workers not present here before this batch: only their grains need to hear
        var released = new List<(string Key, string Id, DateTimeOffset At)>();
        for (var i = 0; i < batch.Length; i++)
        {
            var e = batch[i];
            if (_log.IsDuplicate(e)) { outcomes[i] = ApplyOutcome.Duplicate; continue; }
            Refusal? taken;
            try { taken = await ClaimAsync(e); }
            catch (Exception ex)
            {
                // e.g. the id directory's silo just died. What was applied before this event is stored below and answered
                // (a retry of it must be a duplicate only because it is in the log); this one and the rest are not applied
                log.LogWarning("grid {Grid}: claiming {Id} failed ({Error}); {Count} event(s) of the batch answered failed", Code,
                    e.AlarmId ?? e.CaseId, ex.Message, batch.Length - i);
                Array.Fill(outcomes, Unclaimed, i, batch.Length - i);
                break;
            }
            if (taken is not null) { outcomes[i] = ApplyOutcome.Refused(taken); continue; }
            var stamped = _log.Stamp(e, Code);
            var arriving = e.Type == EventType.PatrolCheckIn && !e.IsDrill && _state.FindWorker(e.WorkerId!) is null;
            if (_state.Apply(stamped) is { } refusal) { outcomes[i] = ApplyOutcome.Refused(refusal); continue; }
            if (arriving) (arrived ??= new(StringComparer.Ordinal)).Add(e.WorkerId!);
            _log.Applied(stamped);
            applied.Add(stamped);
            outcomes[i] = ApplyOutcome.Accepted(Code);
            if (Releases(stamped) is { } key) released.Add((key, stamped.AlarmId ?? stamped.CaseId!, stamped.OccurredAt));
            _state.Refresh(stamped.AcceptedAt);
        }
        if (!await _log.StoreAsync(applied, outcomes))
        {
            // the state is ahead of the log: serve nothing more from it; the next call rebuilds from the log
            _broken = true;
            log.LogWarning("grid {Grid}: event log write failed; deactivating to rebuild from the log", Code);
            this.DeactivateOnIdle();
            return outcomes.AsImmutable();
        }
        _sinceSnapshot += applied.Count;
        if (_sinceSnapshot >= options.GridSnapshotEvery) SnapshotNow();
        ReportUp(applied);
        try
        {
            foreach (var (key, id, at) in released) await refs.Directory(key).Release(id, Code, at);
            await TellOthersAsync(applied, arrived);
        }
        catch (Exception ex)
        {
            // the events are stored and answered; a directory or worker that missed the news hears it again when its
            // silo's grains come back (a returning directory bucket asks the grids to claim again)
            log.LogWarning("grid {Grid}: telling other grains of stored events failed ({Error})", Code, ex.Message);
        }
        return outcomes.AsImmutable();
    }

    private static readonly ApplyOutcome Unclaimed = new(Ingest.IngestStatus.Failed, null,
        new Refusal("storage_unavailable", "the county's id directory could not be reached: retry"));

    /// <summary>
    /// Stores the state as it is after the newest stored event, without waiting: every event up to it is in the log (this
    /// runs after a successful store), so a later activation may start here. A lost write only means reading more later.
    /// </summary>
    private void SnapshotNow()
    {
        _sinceSnapshot = 0;
        var point = new EventLog.GridSnapshotPoint(Code, _log.LastSeq, _log.Count, _state.ToState());
        _ = Task.Run(async () =>
        {
            try
            {
                await snapshots.WriteAsync(point, CancellationToken.None);
            }
            catch (Exception ex) { log.LogDebug("grid {Grid}: snapshot not stored ({Error})", Code, ex.Message); }
        });
    }

    /// <summary>A raise or a report claims its id in the county; refused when another grid holds it open.</summary>
    private async Task<Refusal?> ClaimAsync(CountyEvent e)
    {
        if (e.Type == EventType.AlarmRaised)
        {
            var holder = await Alarms(e.AlarmId!).Claim(e.AlarmId!, Code);
            return holder == Code ? null : new Refusal("alarm_exists", $"alarm {e.AlarmId} is already open in grid {holder}");
        }
        if (e.Type == EventType.CaseChanged && e.CaseState == CaseState.Reported)
        {
            var holder = await Cases(e.CaseId!).Claim(e.CaseId!, Code);
            return holder == Code ? null : new Refusal("case_exists", $"case {e.CaseId} is already open in grid {holder}");
        }
        return null;
    }

    private static string? Releases(CountyEvent e) => e.Type switch
    {
        EventType.AlarmCleared => IdDirectory.AlarmKey(e.AlarmId!),
        EventType.CaseChanged when CaseTransitions.IsTerminal(e.CaseState!.Value) => IdDirectory.CaseKey(e.CaseId!),
        _ => null,
    };

    /// <summary>
    /// After storing: the grains of workers who arrived here learn it (a worker already present here stays where their grain
    /// has them: most check-ins are a worker patrolling their own grid, and a message each was the largest share of the
    /// grains' ingest cost); the board hears of acknowledgements, clears and case moves.
    /// </summary>
    private async Task TellOthersAsync(List<CountyEvent> stored, HashSet<string>? arrived)
    {
        List<CountyEvent>? observed = null;
        Dictionary<string, DateTimeOffset>? checkedIn = null; // worker → their latest check-in here (the worker grain keeps the newest anyway)
        foreach (var e in stored)
        {
            if (e.Type == EventType.PatrolCheckIn && !e.IsDrill && arrived?.Contains(e.WorkerId!) == true)
            {
                checkedIn ??= new(StringComparer.Ordinal);
                if (!checkedIn.TryGetValue(e.WorkerId!, out var had) || had < e.OccurredAt) checkedIn[e.WorkerId!] = e.OccurredAt;
            }
            else if (e.Type is EventType.AlarmAcknowledged or EventType.AlarmCleared or EventType.CaseChanged)
                (observed ??= []).Add(e);
        }
        var calls = new List<Task>();
        if (checkedIn is not null) calls.AddRange(checkedIn.Select(w => refs.Worker(w.Key).CheckedIn(Code, w.Value)));
        if (observed is not null) calls.Add(Board.Observe(observed.ToArray().AsImmutable()));
        await Task.WhenAll(calls);
    }

    public Task WorkerLeft(string workerId, DateTimeOffset supersededAt)
    {
        if (_state.WorkerLeft(workerId, supersededAt))
        {
            _state.Refresh(time.GetUtcNow());
            ReportUp([]);
        }
        else if (_state.FindWorker(workerId) is { } here && here.CheckedInAt > supersededAt)
        {
            // the worker's grain moved them away on a check-in older than theirs here (it had not heard of the later
            // check-ins of a worker already present here): tell it again, and it moves them back
            _ = refs.Worker(workerId).CheckedIn(Code, here.CheckedInAt);
        }
        return Task.CompletedTask;
    }

    public async Task Reclaim(string directoryKey)
    {
        foreach (var a in _state.Alarms.ToList())
            if (IdDirectory.AlarmKey(a.Id) == directoryKey) await Alarms(a.Id).Claim(a.Id, Code);
        foreach (var c in _state.Cases.ToList())
            if (IdDirectory.CaseKey(c.Id) == directoryKey) await Cases(c.Id).Claim(c.Id, Code);
        await refs.Directory(directoryKey).Reclaimed(Code);
    }

    public Task<AreaReport> Report() => Task.FromResult(Current());

    public Task<Immutable<GridSnapshot>> Capture()
    {
        if (_state.Refresh(time.GetUtcNow()) is not null) ReportUp([]);
        return Task.FromResult(_state.ToState().AsImmutable());
    }

    public Task<GridCapture?> CaptureAt(DateTimeOffset at)
    {
        if (!_log.HoldBefore(at)) return Task.FromResult<GridCapture?>(null);
        _state.Refresh(at);
        return Task.FromResult<GridCapture?>(new GridCapture(_state.ToState(), _log.LastSeq > 0, _log.LastSeq, _log.Count, _version));
    }

    private Task Tick(CancellationToken ct)
    {
        if (_state.HasTimers && _state.Refresh(time.GetUtcNow()) is not null) ReportUp([]);
        if (_communityBehind) ReportToCommunity();
        return Task.CompletedTask;
    }

    private AreaReport Current() => new(Code, _state.Figures.ToArray(), _state.OldestUnackedAt, _version);

    /// <summary>
    /// Hands the whole state, with the events just stored, to the screens of every silo (through this silo's outbox, before
    /// the caller is answered). The community hears the figures at the next tick: its sums are not what a screen reads, and
    /// one report per tick instead of one per batch keeps a busy grid from flooding its community.
    /// </summary>
    private void ReportUp(List<CountyEvent> stored)
    {
        _version++;
        _communityBehind = true;
        if (_log.LastSeq > 0) screens.Grid(_state.ToState(), _version, stored); // a grid that never had an event is not on any screen
    }

    /// <summary>The figures to the community, one-way: a grid never waits on its parents.</summary>
    private void ReportToCommunity()
    {
        _communityBehind = false;
        _ = refs.Community(map.CommunityOf(Code).Code).Receive(Current());
    }

    private IDirectoryGrain Alarms(string id) => refs.Directory(IdDirectory.AlarmKey(id));
    private IDirectoryGrain Cases(string id) => refs.Directory(IdDirectory.CaseKey(id));
    private ICommandBoardGrain Board => refs.Board(map.County.Code);
}
