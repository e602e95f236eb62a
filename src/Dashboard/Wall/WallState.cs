using CommandCenter.Events;
using CommandCenter.Model;
using CommandCenter.Views;

namespace CommandCenter.Wall;

/// <summary>
/// The wall's picture, read from the grains on the silo's loop: the full snapshot for a screen that
/// (re)connects, and the pieces a delta carries. Recent check-ins and the feed are kept here, bounded.
/// </summary>
public sealed class WallState(GrainOptions grainOptions, Microsoft.Extensions.Options.IOptions<WallOptions> wallOptions, Dispatch.UnitCatalogue units)
{
    public const int FeedSize = 60, CheckInsKept = 1500;

    /// <summary>
    /// The most alarms a screen is sent, most urgent first. Grid colours and every count still cover all of
    /// them; beyond a few hundred a list or a marker per alarm helps nobody and cost the wall its frame rate
    /// (bench/results/wall.md: 21,000 open alarms at 2,000 events/s).
    /// </summary>
    public const int AlarmsSent = 400;
    private readonly LinkedList<WallFeedItem> _feed = new();
    private readonly WallCheckIn?[] _checkIns = new WallCheckIn?[CheckInsKept]; // a ring: _checkInNext is where the next goes
    private int _checkInNext, _checkInCount;
    private readonly Lock _gate = new();

    /// <summary>The version screens reload on when it changes: configured, or this build's id.</summary>
    public string Build { get; } = string.IsNullOrWhiteSpace(wallOptions.Value.Build)
        ? typeof(WallState).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12] : wallOptions.Value.Build;

    /// <summary>
    /// Remembers what the screens show of these events; returns the feed rows and the dots they add, newest dot first
    /// (as the snapshot lists them). At most <see cref="CheckInsKept"/> dots — a screen keeps no more, and on a busy
    /// flush (thousands of check-ins in 100 ms) only the newest are made at all: this runs on the silo's loop.
    /// </summary>
    public (List<WallFeedItem> Feed, List<WallCheckIn> CheckIns) Record(IReadOnlyList<CountyEvent> events)
    {
        var feed = new List<WallFeedItem>();
        var checkIns = 0;
        foreach (var e in events)
            if (WallFeed.IsCheckIn(e)) checkIns++;
        var skip = Math.Max(0, checkIns - CheckInsKept);
        var dots = new List<WallCheckIn>(checkIns - skip);
        lock (_gate)
        {
            foreach (var e in events)
            {
                if (WallFeed.IsReading(e)) continue;
                if (WallFeed.IsCheckIn(e))
                {
                    if (skip > 0) { skip--; continue; }
                    var dot = WallFeed.CheckIn(e)!;
                    dots.Add(dot);
                    _checkIns[_checkInNext] = dot;
                    _checkInNext = (_checkInNext + 1) % CheckInsKept;
                    _checkInCount = Math.Min(CheckInsKept, _checkInCount + 1);
                    continue; // check-ins are dots, not feed rows: they would drown the feed
                }
                var item = WallFeed.Of(e);
                feed.Add(item);
                _feed.AddFirst(item);
                if (_feed.Count > FeedSize) _feed.RemoveLast();
            }
        }
        dots.Reverse();
        return (feed, dots);
    }

    /// <summary>The check-ins kept, newest first, younger than <paramref name="window"/> (call under the lock).</summary>
    private List<WallCheckIn> RecentCheckIns(DateTimeOffset now, TimeSpan window)
    {
        var list = new List<WallCheckIn>(_checkInCount);
        for (var k = 1; k <= _checkInCount; k++)
        {
            var c = _checkIns[(_checkInNext - k + CheckInsKept) % CheckInsKept]!;
            if (now - c.At < window) list.Add(c);
        }
        return list;
    }

    public WallSnapshot Snapshot(CountyModel m, long version, DateTimeOffset now)
    {
        lock (_gate)
            return new WallSnapshot(version, Build, now, AreaSummary.Of(m.County), Streets(m),
                m.ActiveGrids.Select(GridSummary.Of).ToList(), Alarms(m, now),
                RecentCheckIns(now, grainOptions.RecentCheckInWindow), _feed.ToList(),
                Drills(m), grainOptions.EscalationThresholds.Select(t => t.TotalMinutes).ToArray(), Board(m), Warnings(m, now), Supplies(m));
    }

    public static List<AreaSummary> Streets(CountyModel m) => m.Map.Streets.Select(s => AreaSummary.Of(m.FindAggregate(s.Code)!)).ToList();

    public Dispatch.BoardView Board(CountyModel m) => Dispatch.BoardView.Of(m, units);

    /// <summary>应急物资: the county's stock by item, each depot's, and what is below its minimum.</summary>
    public static Dispatch.SupplyView Supplies(CountyModel m) => Dispatch.SupplyView.Of(m, m.Map);

    /// <summary>Every warning up in the county at <paramref name="now"/>, most severe first (grids with none are skipped by their figures).</summary>
    public static List<WallWarning> Warnings(CountyModel m, DateTimeOffset now)
    {
        var list = new List<WallWarning>();
        foreach (var g in m.ActiveGrids)
        {
            if (g.Figures[Figure.WarningsI] + g.Figures[Figure.WarningsII] + g.Figures[Figure.WarningsIII] + g.Figures[Figure.WarningsIV] == 0) continue;
            foreach (var w in g.WarningsAt(now))
            {
                var s = g.FindSensor(w.SensorId)!;
                // a reading that named only its grid is drawn at the grid's label point
                var at = s.Position ?? m.Map.Find(g.Code)?.LabelPoint;
                list.Add(new WallWarning(w.SensorId, w.SensorKind, g.Options.WarningRuleFor(w.SensorKind)?.Unit ?? "", w.Level,
                    w.Cause.ToString().ToLowerInvariant(), w.Since, w.Value, w.ReadAt, g.Code, at?.Lon, at?.Lat,
                    s.Trend.Select(p => p.Value).ToArray()));
            }
        }
        list.Sort((a, b) => a.Level != b.Level ? a.Level.CompareTo(b.Level) : a.Since.CompareTo(b.Since));
        return list;
    }

    public static List<DrillRecord> Drills(CountyModel m) => [.. m.County.RunningDrills, .. m.County.EndedDrills.Take(3)];

    /// <summary>
    /// The <see cref="AlarmsSent"/> most urgent open alarms: real before drill, unacknowledged first, then by severity and
    /// age (ties in grid order). Picked with a bounded heap before anything is built: on a bad day thousands of alarms are
    /// open and this runs on every flush that changed one.
    /// </summary>
    public List<WallAlarm> Alarms(CountyModel m, DateTimeOffset now)
    {
        var kept = new PriorityQueue<(GridState Grid, AlarmRecord Alarm), AlarmRank>(AlarmsSent + 1, LeastUrgentFirst);
        long order = 0;
        foreach (var g in m.ActiveGrids)
            foreach (var a in g.Alarms)
            {
                var rank = new AlarmRank(a.DrillId is not null, a.IsAcknowledged, a.Severity, a.RaisedAt, order++);
                if (kept.Count < AlarmsSent) kept.Enqueue((g, a), rank);
                else if (kept.TryPeek(out _, out var least) && rank.CompareTo(least) < 0) kept.EnqueueDequeue((g, a), rank);
            }
        var chosen = new List<(GridState Grid, AlarmRecord Alarm, AlarmRank Rank)>(kept.Count);
        while (kept.TryDequeue(out var item, out var rank)) chosen.Add((item.Grid, item.Alarm, rank));
        chosen.Sort((x, y) => x.Rank.CompareTo(y.Rank));
        return chosen.ConvertAll(c =>
        {
            var (g, a) = (c.Grid, c.Alarm);
            return new WallAlarm(a.Id, g.Code, a.Severity, a.Kind, a.RaisedAt, a.IsAcknowledged,
                a.AcknowledgedBy, a.Position?.Lon ?? Label(m, g.Code).Lon, a.Position?.Lat ?? Label(m, g.Code).Lat, a.DrillId,
                a.IsAcknowledged ? 0 : grainOptions.EscalationLevel(now - a.RaisedAt));
        });
    }

    /// <summary>An alarm's place in the wall's list: smaller is more urgent (false before true, as the list always sorted).</summary>
    private readonly record struct AlarmRank(bool Drill, bool Acked, int Severity, DateTimeOffset RaisedAt, long Order) : IComparable<AlarmRank>
    {
        public int CompareTo(AlarmRank o)
        {
            var c = Drill.CompareTo(o.Drill);
            if (c == 0) c = Acked.CompareTo(o.Acked);
            if (c == 0) c = Severity.CompareTo(o.Severity);
            if (c == 0) c = RaisedAt.CompareTo(o.RaisedAt);
            return c != 0 ? c : Order.CompareTo(o.Order);
        }
    }

    private static readonly Comparer<AlarmRank> LeastUrgentFirst = Comparer<AlarmRank>.Create((x, y) => y.CompareTo(x));

    private static Geography.GeoPoint Label(CountyModel m, string grid) => m.Map.Find(grid)!.LabelPoint;
}
