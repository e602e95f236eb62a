using System.Diagnostics;
using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Live;
using CommandCenter.Storage;
using CommandCenter.Views;
using CommandCenter.Wall;

namespace CommandCenter.Replay;

/// <summary>
/// One leader's replay of a time range: the stored events fed through the same grain code the live silo
/// runs (never a second implementation of the rules). Loading builds the state at From from the newest stored snapshot
/// at or before From (or the start of the log) plus the events after it,
/// keeps the range's events in memory, and clones the grains at checkpoints so any seek replays at most one
/// checkpoint interval. Read-only: the live silo is never touched.
/// </summary>
public sealed class ReplaySession(string id, DateTimeOffset from, DateTimeOffset to, CountyModelFactory models, WallState wall)
{
    public const int Checkpoints = 48;
    private readonly List<CountyEvent> _events = [];
    private readonly List<long> _seqs = [];
    private readonly List<(int Index, CountyModel Model)> _checkpoints = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CountyModel _cursor = null!;
    private int _cursorIndex;

    public string Id { get; } = id;
    public DateTimeOffset From { get; } = from;
    public DateTimeOffset To { get; } = to;
    public string Status { get; private set; } = "loading";
    public double Progress { get; private set; }
    public string? Error { get; private set; }
    public DateTimeOffset LastUsed { get; private set; } = DateTimeOffset.UtcNow;
    public long LoadMillis { get; private set; }
    public IReadOnlyList<CountyEvent> Events => _events;

    /// <summary>The Seq of the stored snapshot the load started from (0: the start of the log).</summary>
    public long SnapshotSeq { get; private set; }
    /// <summary>Why no stored snapshot could be used, when one was there but failed to load.</summary>
    public string? SnapshotError { get; private set; }
    /// <summary>Events read and applied between the start (snapshot or log start) and From.</summary>
    public long EventsBefore { get; private set; }

    public async Task LoadAsync(EventStore store, SnapshotStore? snapshots, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var fromNs = Ns(From);
            var toNs = Ns(To);
            var model = snapshots is null ? null : await FromSnapshotAsync(snapshots, fromNs, ct);
            model ??= models.Create();
            model.FoldsStoredEvents = true; // the log holds accepted events: a link stored by the board grain is a fact
            SnapshotSeq = model.LastSeq;
            long firstSeq = 0, n = 0;
            await foreach (var e in store.ReadAsync(model.LastSeq, fromNs, ct))
            {
                if (firstSeq == 0) firstSeq = e.Seq;
                model.Apply(e);
                if (++n % 5000 == 0) Progress = 0.5 * (e.Seq - firstSeq) / Math.Max(1.0, toNs - firstSeq);
            }
            EventsBefore = n;
            model.Tick(From);
            _checkpoints.Add((0, model.Clone()));
            var interval = Math.Max(1, (toNs - fromNs) / Checkpoints);
            var nextCheckpoint = fromNs + interval;
            await foreach (var e in store.ReadAsync(fromNs, toNs, ct))
            {
                if (e.Seq > nextCheckpoint)
                {
                    _checkpoints.Add((_events.Count, model.Clone()));
                    while (nextCheckpoint < e.Seq) nextCheckpoint += interval;
                }
                model.Apply(e);
                _events.Add(e);
                _seqs.Add(e.Seq);
                if (_events.Count % 5000 == 0) Progress = 0.5 + 0.5 * (e.Seq - fromNs) / Math.Max(1.0, toNs - fromNs);
            }
            _cursor = _checkpoints[0].Model.Clone();
            _cursorIndex = 0;
            Progress = 1;
            Status = "ready";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Error = ex.Message;
            Status = "failed";
        }
        LoadMillis = sw.ElapsedMilliseconds;
    }

    /// <summary>
    /// The grains as the newest stored snapshot at or before From holds them (same rules, thresholds and map),
    /// or null. Replay needs no duplicate index: stored events are unique.
    /// </summary>
    private async Task<CountyModel?> FromSnapshotAsync(SnapshotStore snapshots, long fromNs, CancellationToken ct)
    {
        var fingerprint = models.Create().Fingerprint();
        try
        {
            var manifest = await snapshots.LatestAsync(fromNs, m => m.Number("config") == fingerprint && m.Number("rules") == CountyModel.RulesVersion, ct);
            if (manifest is null) return null;
            return models.FromState(CountyModel.Deserialize(await snapshots.ReadAsync(manifest, CountySilo.ModelPayload, ct)), TimeSpan.FromHours(1));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SnapshotError = ex.Message; // unusable snapshot: build the state from the log's start instead
            return null;
        }
    }

    // what the last frame drew, for diff frames: its number, cursor index, alarms sent and grids' drawn state
    private long _frameNo;
    private int _frameIndex;
    private Dictionary<string, WallAlarm> _sentAlarms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Model.StatusLevel, bool, bool, bool)> _drawn = new(StringComparer.Ordinal);

    private static (Model.StatusLevel, bool, bool, bool) Drawn(GridSummary g) => (g.Level, g.CasesOverdue > 0, g.Patrolled, g.DrillActive > 0);

    /// <summary>
    /// Moves the cursor to <paramref name="at"/> (forward by applying, backward from a checkpoint) and draws it.
    /// With <paramref name="since"/> = the number of the last frame this session answered and the cursor moving
    /// forward, the answer is a diff frame (see <see cref="ReplayFrame"/>); otherwise a whole picture.
    /// </summary>
    public async Task<ReplayFrame> FrameAsync(DateTimeOffset at, bool forceFull, CancellationToken ct, long? since = null)
    {
        if (Status != "ready") throw new InvalidOperationException($"replay {Id} is {Status}");
        at = at < From ? From : at > To ? To : at;
        await _gate.WaitAsync(ct);
        try
        {
            LastUsed = DateTimeOffset.UtcNow;
            var target = IndexAfter(Ns(at));
            var full = forceFull;
            var checkpoint = _checkpoints.Last(c => c.Index <= target);
            if (target < _cursorIndex || checkpoint.Index > _cursorIndex)
            {
                _cursor = checkpoint.Model.Clone();
                _cursorIndex = checkpoint.Index;
                full = true;
            }
            var diff = since is { } b && b == _frameNo && _frameNo > 0 && !forceFull && target >= _frameIndex;
            for (; _cursorIndex < target; _cursorIndex++) _cursor.Apply(_events[_cursorIndex]);
            _cursor.Tick(at);
            var changed = _cursor.TakeChangedGrids();
            var alarms = wall.Alarms(_cursor, at);
            var number = ++_frameNo;
            var previousIndex = _frameIndex;
            _frameIndex = target;
            if (diff)
            {
                // the page holds the previous frame: send what changed on screen since it
                var grids = new List<GridSummary>();
                // after a restart from a later checkpoint the changed set misses what changed before it: compare every grid
                foreach (var code in full ? _cursor.ActiveGrids.Select(g => g.Code) : changed)
                {
                    var g = GridSummary.Of(_cursor.FindGrid(code)!);
                    if (_drawn.TryGetValue(code, out var d) && d == Drawn(g)) continue;
                    _drawn[code] = Drawn(g);
                    grids.Add(g);
                }
                var now = alarms.ToDictionary(a => a.Id, StringComparer.Ordinal);
                var removed = _sentAlarms.Keys.Where(id => !now.ContainsKey(id)).ToList();
                var added = alarms.Where(a => !_sentAlarms.TryGetValue(a.Id, out var was) || was != a).ToList();
                _sentAlarms = now;
                return new ReplayFrame(at, false, _cursorIndex, AreaSummary.Of(_cursor.County), WallState.Streets(_cursor), grids,
                    added, null, null, WallState.Drills(_cursor))
                {
                    Number = number, Base = since, AlarmsRemoved = removed, Dots = Dots(CheckInsBetween(previousIndex, at)),
                    Warnings = WallState.Warnings(_cursor, at), Plans = Dispatch.BoardView.PlanCards(_cursor),
                };
            }
            {
                var grids = full ? _cursor.ActiveGrids.Select(GridSummary.Of).ToList()
                    : changed.Select(c => GridSummary.Of(_cursor.FindGrid(c)!)).ToList();
                if (full) _drawn.Clear();
                foreach (var g in grids) _drawn[g.Code] = Drawn(g);
                _sentAlarms = alarms.ToDictionary(a => a.Id, StringComparer.Ordinal);
                return new ReplayFrame(at, full, _cursorIndex, AreaSummary.Of(_cursor.County), WallState.Streets(_cursor), grids,
                    alarms, CheckInsBefore(at), FeedBefore(target), WallState.Drills(_cursor)) { Number = number, Warnings = WallState.Warnings(_cursor, at), Plans = Dispatch.BoardView.PlanCards(_cursor) };
            }
        }
        finally { _gate.Release(); }
    }

    private static List<double[]> Dots(List<WallCheckIn> checkIns) =>
        checkIns.Select(c => new[] { Math.Round(c.Lon, 5), Math.Round(c.Lat, 5), c.At.ToUnixTimeMilliseconds(), c.Drill ? 1.0 : 0.0 }).ToList();

    /// <summary>Check-in dots of events after index <paramref name="fromIndex"/> up to <paramref name="at"/>, newest first (at most what a screen keeps).</summary>
    private List<WallCheckIn> CheckInsBetween(int fromIndex, DateTimeOffset at)
    {
        var list = new List<WallCheckIn>();
        var cutoff = at.AddMinutes(-30);
        for (var i = IndexAfter(Ns(at)) - 1; i >= fromIndex && list.Count < WallState.CheckInsKept; i--)
        {
            var e = _events[i];
            if (e.AcceptedAt < cutoff) break;
            if (WallFeed.CheckIn(e) is { } dot) list.Add(dot);
        }
        return list;
    }

    /// <summary>
    /// The next (or previous) event that is not a check-in: after/before the event with Seq <paramref name="seq"/> when
    /// given (exact: a step always moves), else after the time <paramref name="at"/> (or before the event at it).
    /// </summary>
    public CountyEvent? Step(long? seq, DateTimeOffset? at, bool back)
    {
        int i;
        if (seq is { } s)
        {
            var k = _seqs.BinarySearch(s);
            i = back ? (k >= 0 ? k : ~k) : (k >= 0 ? k + 1 : ~k); // back: events before i; forward: from i on
        }
        else i = back ? Math.Max(0, IndexAfter(Ns(at!.Value)) - 1) : IndexAfter(Ns(at!.Value));
        if (back)
        {
            for (var j = i - 1; j >= 0; j--) if (_events[j].Type != EventType.PatrolCheckIn) return _events[j];
            return null;
        }
        for (var j = i; j < _events.Count; j++) if (_events[j].Type != EventType.PatrolCheckIn) return _events[j];
        return null;
    }

    /// <summary>How many events have Seq ≤ ns (the index of the first one after).</summary>
    public int IndexAfter(long ns)
    {
        var i = _seqs.BinarySearch(ns);
        return i >= 0 ? i + 1 : ~i;
    }

    private List<WallCheckIn> CheckInsBefore(DateTimeOffset at)
    {
        var list = new List<WallCheckIn>();
        var cutoff = at.AddMinutes(-30);
        for (var i = IndexAfter(Ns(at)) - 1; i >= 0 && list.Count < WallState.CheckInsKept; i--)
        {
            var e = _events[i];
            if (e.AcceptedAt < cutoff) break;
            if (WallFeed.CheckIn(e) is { } dot) list.Add(dot);
        }
        return list;
    }

    private List<WallFeedItem> FeedBefore(int index)
    {
        var feed = new List<WallFeedItem>();
        for (var i = index - 1; i >= 0 && feed.Count < 40; i--)
            if (_events[i].Type != EventType.PatrolCheckIn) feed.Add(WallFeed.Of(_events[i]));
        return feed;
    }

    public static long Ns(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).Ticks * 100;
}
