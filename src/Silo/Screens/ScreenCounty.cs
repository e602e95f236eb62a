using CommandCenter.Geography;
using CommandCenter.Grains;
using CommandCenter.Live;
using CommandCenter.Model;
using CommandCenter.Views;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using SiloStatus = CommandCenter.Live.SiloStatus;

namespace CommandCenter.Screens;

/// <summary>
/// The county as this silo's screens see it, on Orleans: a copy of the grains' published state (grids, board, drills) that
/// every silo keeps, fed by the <see cref="IScreenRelayGrain"/>. It is a view, never the authority: the rules run in the
/// grains, and an exact capture asks them (<see cref="CaptureAsync"/>). On start it pulls every grid from its grain (which
/// activates and rebuilds the whole county), then applies what the grains push; a grid's state is replaced only by a
/// newer version of it, so a late batch never winds a grid back.
/// </summary>
public sealed class ScreenCounty(IGrainFactory grains, ScreenOutbox outbox, CountyMap map, GrainOptions rules, TimeProvider time,
    SiloOptions options, ILogger<ScreenCounty> log) : ILiveCounty, IScreenObserver
{
    private readonly Lock _lock = new();
    private readonly GrainRefs _refs = new(grains);
    private readonly CountyModel _model = new(map, rules);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private long _version = time.GetUtcNow().UtcTicks * 100; // an epoch: a restarted silo's versions start above its last
    private long _events;

    public SiloStatus Status { get; private set; } = SiloStatus.Starting;
    public long EventsApplied => Interlocked.Read(ref _events);
    public DateTimeOffset? LastTickAt { get; private set; }
    public event Action<LiveUpdate>? Updated;

    /// <summary>Subscribes to the relay (again every so often), pulls the whole county, then ticks until stopped.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var self = grains.CreateObjectReference<IScreenObserver>(this);
        var relay = grains.GetGrain<IScreenRelayGrain>(map.County.Code);
        outbox.Local = this;
        long relayActivation = 0;
        while (true)
        {
            try
            {
                relayActivation = await relay.Subscribe(self, outbox.SiloKey);
                await PullAsync(ct);
                break;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogWarning("cannot load the county from its grains yet ({Error}); retrying", ex.Message);
                await Task.Delay(options.RecoveryRetry, time, ct);
            }
        }
        Tick(); // ticking from the moment it is ready (health asks for a recent tick), not one interval later
        Status = SiloStatus.Ready;
        var lastSubscribe = time.GetUtcNow();
        using var ticker = new PeriodicTimer(options.TickInterval, time);
        while (await ticker.WaitForNextTickAsync(ct))
        {
            Tick();
            if (time.GetUtcNow() - lastSubscribe < ScreenRelayGrain.Resubscribe) continue;
            try
            {
                var activation = await relay.Subscribe(self, outbox.SiloKey);
                lastSubscribe = time.GetUtcNow();
                if (activation != relayActivation)
                {
                    // the relay came back elsewhere (its silo died): what other silos published meanwhile is lost; read it all again
                    log.LogWarning("screen relay restarted: reloading the county from its grains");
                    await PullOnceAsync(ct);
                    relayActivation = activation;
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested) { log.LogWarning("screen relay unreachable: {Error}", ex.Message); }
        }
    }

    /// <summary>Every grid, the board and the drills, from their grains (activating them all: the whole county rebuilds).</summary>
    private async Task PullAsync(CancellationToken ct)
    {
        // the first round activates every grid; while activating, grids re-announce their workers and the worker grains
        // tell the grids a worker left (one-way). Those notices are queued before the second round's calls, so it reads
        // the county settled.
        var started = time.GetTimestamp();
        await CaptureGrainsAsync(ct);
        var activated = time.GetElapsedTime(started);
        await PullOnceAsync(ct);
        log.LogInformation("county loaded from its grains in {Seconds:0.00} s ({Activated:0.00} s activating {Grids} grids)",
            time.GetElapsedTime(started).TotalSeconds, activated.TotalSeconds, map.Grids.Count);
    }

    /// <summary>Every grid with events, the board, the drills and the depots as their grains hold them now.</summary>
    private async Task PullOnceAsync(CancellationToken ct)
    {
        var (at, grids, board, drills, depots) = await CaptureGrainsAsync(ct);
        Interlocked.Exchange(ref _events, grids.Sum(g => g.Events) + board.Events + drills.Events + depots.Sum(d => d.Events));
        lock (_lock)
        {
            foreach (var g in grids.Where(g => g.Active))
            {
                // a newer state pushed while this pull ran wins
                if (_versions.TryGetValue(g.State.Code, out var had) && had > g.Version) continue;
                _versions[g.State.Code] = g.Version;
                _model.ReplaceGrid(g.State, time.GetUtcNow());
            }
            _model.ReplaceBoard(board.State);
            _model.ReplaceDrills(drills.Running, drills.Ended);
            foreach (var d in depots) _model.ReplaceDepot(d.State);
        }
        Publish(time.GetUtcNow(), []);
    }

    public Task Changed(Immutable<ScreenBatch> batch)
    {
        var b = batch.Value;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var g in b.Grids)
            {
                if (_versions.TryGetValue(g.State.Code, out var had) && had >= g.Version) continue;
                _versions[g.State.Code] = g.Version;
                _model.ReplaceGrid(g.State, now);
            }
            if (b.Board is { } board) _model.ReplaceBoard(board);
            if (b.RunningDrills is { } running) _model.ReplaceDrills(running, b.EndedDrills ?? []);
            foreach (var d in b.Depots ?? []) _model.ReplaceDepot(d);
        }
        Interlocked.Add(ref _events, b.Events.Count);
        Publish(now, [.. b.Events.OrderBy(e => e.Seq)]);
        return Task.CompletedTask;
    }

    private void Tick()
    {
        var now = time.GetUtcNow();
        lock (_lock) _model.Tick(now);
        LastTickAt = now;
        Publish(now, []);
    }

    /// <summary>Raises <see cref="Updated"/> under the lock, so updates leave in version order (handlers only hand them on).</summary>
    private void Publish(DateTimeOffset at, IReadOnlyList<Events.CountyEvent> events)
    {
        lock (_lock)
        {
            var changed = _model.TakeChangedGrids();
            if (events.Count == 0 && changed.Count == 0) return;
            var grids = changed.Select(c => GridSummary.Of(_model.FindGrid(c)!)).ToList();
            var streets = map.Streets.Select(s => AreaSummary.Of(_model.FindAggregate(s.Code)!)).ToList();
            Updated?.Invoke(new LiveUpdate(++_version, at, events, grids, streets, AreaSummary.Of(_model.County)));
        }
    }

    /// <summary>Reads after this silo's grains' latest changes have arrived (what was answered before the read is in it).</summary>
    public async Task<T> ReadAsync<T>(Func<CountyModel, T> read, CancellationToken ct = default)
    {
        await outbox.FlushAsync().WaitAsync(ct);
        lock (_lock) return read(_model);
    }

    /// <summary>
    /// The county at one moment, from the grains themselves: a moment a little ahead is picked, every grid, the board and
    /// the drills are read as of it (each makes its later events come after it), and the parts are put together.
    /// </summary>
    public async Task<(DateTimeOffset AsOf, T Value)> CaptureAsync<T>(Func<CountyModel, T> read, CancellationToken ct = default)
    {
        var (at, grids, board, drills, depots) = await CaptureGrainsAsync(ct);
        var lastSeq = Math.Max(grids.Max(g => g.LastSeq), Math.Max(board.LastSeq, Math.Max(drills.LastSeq, depots.Select(d => d.LastSeq).DefaultIfEmpty().Max())));
        var model = CountyModel.FromParts(map, rules, grids.Where(g => g.Active).Select(g => g.State), board.State, drills.Running, drills.Ended, lastSeq, at,
            depots.Select(d => d.State));
        return (at, read(model));
    }

    private async Task<(DateTimeOffset At, GridCapture[] Grids, BoardCapture Board, DrillsCapture Drills, DepotCapture[] Depots)> CaptureGrainsAsync(CancellationToken ct)
    {
        for (var ahead = TimeSpan.FromMilliseconds(250); ; ahead *= 2)
        {
            var at = time.GetUtcNow() + ahead;
            var gridCalls = map.Grids.Select(g => _refs.Grid(g.Code).CaptureAt(at)).ToArray();
            var boardCall = _refs.Board(map.County.Code).CaptureAt(at);
            var drillsCall = _refs.County(map.County.Code).CaptureDrillsAt(at);
            var depotCalls = map.Pois.Where(p => p.Kind == PoiKind.SupplyDepot).Select(p => _refs.Depot(p.Id).CaptureAt(at)).ToArray();
            var grids = await Task.WhenAll(gridCalls).WaitAsync(ct);
            var board = await boardCall;
            var drills = await drillsCall;
            var depots = await Task.WhenAll(depotCalls).WaitAsync(ct);
            if (grids.All(g => g is not null) && board is not null && drills is not null && depots.All(d => d is not null))
                return (at, grids!, board, drills, depots!);
            if (ahead > TimeSpan.FromSeconds(30)) throw new TimeoutException("the grains kept stamping events past every capture moment");
        }
    }
}
