using CommandCenter.Model;
using CommandCenter.Views;
using CommandCenter.Wall;

namespace CommandCenter.Replay;

/// <summary>
/// The county at one moment of a replay, drawn with the wall's own pieces. Full = every active grid
/// (the screen resets first); otherwise only the grids that changed since the previous frame.
/// A diff frame (<see cref="Base"/> set: the page asked with since = its last frame's <see cref="Number"/> and the
/// server still had it) carries only what changed since that frame: grids whose drawn state changed, alarms added
/// or changed (<see cref="Alarms"/>) and removed (<see cref="AlarmsRemoved"/>) from the 400 most urgent, new
/// check-in dots as [lon, lat, unix ms, drill 0/1] (<see cref="Dots"/>), no feed.
/// </summary>
public sealed record ReplayFrame(DateTimeOffset At, bool Full, int Applied, AreaSummary County, IReadOnlyList<AreaSummary> Streets,
    IReadOnlyList<GridSummary> Grids, IReadOnlyList<WallAlarm> Alarms, IReadOnlyList<WallCheckIn>? CheckIns,
    IReadOnlyList<WallFeedItem>? Feed, IReadOnlyList<DrillRecord> Drills)
{
    public long Number { get; init; }
    public long? Base { get; init; }
    public IReadOnlyList<string>? AlarmsRemoved { get; init; }
    public IReadOnlyList<double[]>? Dots { get; init; }
    /// <summary>Every warning up at <see cref="At"/> (风险预警, as the wall draws them; whole in every frame: a short list).</summary>
    public IReadOnlyList<WallWarning> Warnings { get; init; } = [];
    /// <summary>Open incidents' activated plans with their checklists at <see cref="At"/> (预案执行; whole in every frame).</summary>
    public IReadOnlyList<Dispatch.BoardView.PlanCard> Plans { get; init; } = [];
}
