using SiloStatus = CommandCenter.Live.SiloStatus;
using System.Collections.Concurrent;
using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Live;
using CommandCenter.Views;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CommandCenter.Wall;

/// <summary>
/// Batches the silo's updates into one delta per flush interval (or a heartbeat when quiet) and sends it
/// to every screen. Deltas carry a version that increases by one; snapshots carry the version they follow.
/// </summary>
public sealed class WallBroadcaster(ILiveCounty silo, WallState state, IHubContext<LiveHub> hub, TimeProvider time,
    IOptions<WallOptions> options, ILogger<WallBroadcaster> log) : BackgroundService
{
    private readonly ConcurrentQueue<LiveUpdate> _pending = new();
    private long _version;

    public Task<WallSnapshot> SnapshotAsync(CancellationToken ct) =>
        silo.ReadAsync(m => state.Snapshot(m, Interlocked.Read(ref _version), time.GetUtcNow()), ct);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        silo.Updated += _pending.Enqueue;
        var lastSent = time.GetUtcNow();
        var worked = TimeSpan.Zero;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(NextPause(options.Value.FlushInterval, worked), time, ct);
                var started = time.GetTimestamp();
                worked = TimeSpan.Zero;
                var now = time.GetUtcNow();
                if (_pending.IsEmpty && now - lastSent < options.Value.HeartbeatInterval) continue;
                if (silo.Status is SiloStatus.Starting or SiloStatus.Rebuilding) continue;
                try
                {
                    var delta = await silo.ReadAsync(Build, ct);
                    await hub.Clients.All.SendAsync("delta", delta, ct);
                    lastSent = now;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    log.LogWarning("wall delta not sent: {Error}", ex.Message);
                }
                finally { worked = time.GetElapsedTime(started); }
            }
        }
        finally { silo.Updated -= _pending.Enqueue; }
    }

    /// <summary>
    /// The pause before the next delta: the interval less the time the last one took to build and send, so deltas keep a
    /// steady beat and an update waits at most about one interval (the pause used to come on top of the work: ~118 ms
    /// between deltas at 5,000 events/s on Orleans, bench/results/screen-orleans.md); never less than a quarter interval,
    /// so a slow build on an overloaded machine still leaves the silo room between deltas.
    /// </summary>
    internal static TimeSpan NextPause(TimeSpan interval, TimeSpan worked) =>
        interval - worked > interval / 4 ? interval - worked : interval / 4;

    private Dictionary<string, WallAlarm> _sentAlarms = new(StringComparer.Ordinal);

    /// <summary>Runs on the silo's loop, so the version order matches the state order.</summary>
    private WallDelta Build(CountyModel m)
    {
        var grids = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<CountyEvent>();
        var alarmsChanged = false;
        while (_pending.TryDequeue(out var u))
        {
            foreach (var g in u.Grids) grids.Add(g.Code);
            events.AddRange(u.Events);
            alarmsChanged |= u.Grids.Count > 0 || u.Events.Any(e => e.Type is EventType.AlarmRaised or EventType.AlarmAcknowledged or EventType.AlarmCleared);
        }
        var drillsChanged = events.Any(e => e.Type is EventType.DrillStarted or EventType.DrillEnded);
        // on Orleans the screens' board is replaced by each state the board grain publishes, which may come a batch after the
        // event that caused it (an acknowledgement, a supply order): a new board object is a change too
        var boardChanged = events.Any(e => Command.CommandBoard.Handles(e.Type) || e.Type is EventType.AlarmAcknowledged or EventType.AlarmCleared
            or EventType.CaseChanged or EventType.SupplyOrderChanged) || !ReferenceEquals(m.Board, _sentBoard);
        _sentBoard = m.Board;
        var suppliesChanged = events.Any(e => e.Type is EventType.StockChanged or EventType.SupplyOrderChanged);
        var (feed, dots) = state.Record(events);
        var now = time.GetUtcNow();
        var (alarmIds, alarmsDiff) = alarmsChanged ? DiffAlarms(state.Alarms(m, now)) : (null, null);
        var warnings = WarningsChanged(WallState.Warnings(m, now));
        return new WallDelta(Interlocked.Increment(ref _version), now, AreaSummary.Of(m.County), WallState.Streets(m),
            grids.Select(c => m.FindGrid(c) is { } g ? GridSummary.Of(g) : GridSummary.Idle(c)).ToList(),
            alarmIds, alarmsDiff, dots, feed, drillsChanged ? WallState.Drills(m) : null, boardChanged ? state.Board(m) : null, warnings,
            suppliesChanged ? WallState.Supplies(m) : null);
    }

    private Command.CommandBoard? _sentBoard;

    private List<WallWarning> _sentWarnings = [];

    /// <summary>The whole warning list when it differs from the one sent last (a new reading moves a sparkline), else null.</summary>
    private List<WallWarning>? WarningsChanged(List<WallWarning> now)
    {
        var same = now.Count == _sentWarnings.Count && now.Zip(_sentWarnings).All(p =>
            p.First with { Trend = [] } == p.Second with { Trend = [] } && p.First.Trend.AsSpan().SequenceEqual(p.Second.Trend));
        if (same) return null;
        _sentWarnings = now;
        return now;
    }

    /// <summary>The list's ids, and only the alarms that are new or changed since the previous delta (runs on the silo's loop).</summary>
    private (IReadOnlyList<string>, IReadOnlyList<WallAlarm>) DiffAlarms(IReadOnlyList<WallAlarm> list)
    {
        var changed = list.Where(a => !_sentAlarms.TryGetValue(a.Id, out var before) || before != a).ToList();
        _sentAlarms = list.ToDictionary(a => a.Id, StringComparer.Ordinal);
        return (list.Select(a => a.Id).ToList(), changed);
    }
}
