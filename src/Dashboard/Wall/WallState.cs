using CommandCenter.Events;
using CommandCenter.Grains;
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
    private readonly LinkedList<WallCheckIn> _checkIns = new();
    private readonly Lock _gate = new();

    /// <summary>The version screens reload on when it changes: configured, or this build's id.</summary>
    public string Build { get; } = string.IsNullOrWhiteSpace(wallOptions.Value.Build)
        ? typeof(WallState).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12] : wallOptions.Value.Build;

    /// <summary>Remembers what the screens show of these events; returns the feed rows and dots they add.</summary>
    public (List<WallFeedItem> Feed, List<WallCheckIn> CheckIns) Record(IEnumerable<CountyEvent> events)
    {
        var feed = new List<WallFeedItem>();
        var dots = new List<WallCheckIn>();
        lock (_gate)
            foreach (var e in events)
            {
                if (WallFeed.CheckIn(e) is { } dot)
                {
                    dots.Add(dot);
                    _checkIns.AddFirst(dot);
                    if (_checkIns.Count > CheckInsKept) _checkIns.RemoveLast();
                    continue; // check-ins are dots, not feed rows: they would drown the feed
                }
                var item = WallFeed.Of(e);
                feed.Add(item);
                _feed.AddFirst(item);
                if (_feed.Count > FeedSize) _feed.RemoveLast();
            }
        return (feed, dots);
    }

    public WallSnapshot Snapshot(CountyModel m, long version, DateTimeOffset now)
    {
        lock (_gate)
            return new WallSnapshot(version, Build, now, AreaSummary.Of(m.County), Streets(m),
                m.ActiveGrids.Select(GridSummary.Of).ToList(), Alarms(m, now),
                _checkIns.Where(c => now - c.At < grainOptions.RecentCheckInWindow).ToList(), _feed.ToList(),
                Drills(m), grainOptions.EscalationThresholds.Select(t => t.TotalMinutes).ToArray(), Board(m));
    }

    public static List<AreaSummary> Streets(CountyModel m) => m.Map.Streets.Select(s => AreaSummary.Of(m.FindAggregate(s.Code)!)).ToList();

    public Dispatch.BoardView Board(CountyModel m) => Dispatch.BoardView.Of(m, units);

    public static List<DrillRecord> Drills(CountyModel m) => [.. m.County.RunningDrills, .. m.County.EndedDrills.Take(3)];

    /// <summary>Every open alarm: real before drill, unacknowledged first, then by severity and age.</summary>
    public List<WallAlarm> Alarms(CountyModel m, DateTimeOffset now) =>
        m.ActiveGrids.SelectMany(g => g.Alarms.Select(a => new WallAlarm(a.Id, g.Code, a.Severity, a.Kind, a.RaisedAt, a.IsAcknowledged,
                a.AcknowledgedBy, a.Position?.Lon ?? Label(m, g.Code).Lon, a.Position?.Lat ?? Label(m, g.Code).Lat, a.DrillId,
                a.IsAcknowledged ? 0 : grainOptions.EscalationLevel(now - a.RaisedAt))))
            .OrderBy(a => a.DrillId is not null).ThenBy(a => a.Acked).ThenBy(a => a.Severity).ThenBy(a => a.RaisedAt).Take(AlarmsSent).ToList();

    private static Geography.GeoPoint Label(CountyModel m, string grid) => m.Map.Find(grid)!.LabelPoint;
}
