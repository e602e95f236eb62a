using System.Diagnostics;
using CommandCenter.EventLog;
using CommandCenter.Events;
using CommandCenter.Grains;
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
        var manifest = await snapshots.LatestAsync(fromNs, m => m.Number("config") == fingerprint && m.Number("rules") == CountyModel.RulesVersion, ct);
        if (manifest is null) return null;
        try
        {
            return models.FromState(CountyModel.Deserialize(await snapshots.ReadAsync(manifest, CountySilo.ModelPayload, ct)), TimeSpan.FromHours(1));
        }
        catch (InvalidDataException) { return null; }
    }

    /// <summary>Moves the cursor to <paramref name="at"/> (forward by applying, backward from a checkpoint) and draws it.</summary>
    public async Task<ReplayFrame> FrameAsync(DateTimeOffset at, bool forceFull, CancellationToken ct)
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
            for (; _cursorIndex < target; _cursorIndex++) _cursor.Apply(_events[_cursorIndex]);
            _cursor.Tick(at);
            var changed = _cursor.TakeChangedGrids();
            var grids = full ? _cursor.ActiveGrids.Select(GridSummary.Of).ToList()
                : changed.Select(c => GridSummary.Of(_cursor.FindGrid(c)!)).ToList();
            return new ReplayFrame(at, full, _cursorIndex, AreaSummary.Of(_cursor.County), WallState.Streets(_cursor), grids,
                wall.Alarms(_cursor, at), CheckInsBefore(at), FeedBefore(target), WallState.Drills(_cursor));
        }
        finally { _gate.Release(); }
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
