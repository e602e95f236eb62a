using CommandCenter.Grains;
using CommandCenter.Views;
using CommandCenter.Wall;

namespace CommandCenter.Replay;

/// <summary>
/// The county at one moment of a replay, drawn with the wall's own pieces. Full = every active grid
/// (the screen resets first); otherwise only the grids that changed since the previous frame.
/// </summary>
public sealed record ReplayFrame(DateTimeOffset At, bool Full, int Applied, AreaSummary County, IReadOnlyList<AreaSummary> Streets,
    IReadOnlyList<GridSummary> Grids, IReadOnlyList<WallAlarm> Alarms, IReadOnlyList<WallCheckIn> CheckIns,
    IReadOnlyList<WallFeedItem> Feed, IReadOnlyList<DrillRecord> Drills);
