using CommandCenter.Model;

namespace CommandCenter.Views;

/// <summary>A grid's headline state for the map: level, open/unacknowledged alarms, overdue cases, coverage.</summary>
public sealed record GridSummary(string Code, StatusLevel Level, long AlarmsOpen, long AlarmsUnacked, long CasesOpen,
    long CasesOverdue, long WorkersOnDuty, bool Patrolled, DateTimeOffset? LastPatrolledAt, long DrillActive)
{
    public static GridSummary Of(GridState g) => new(g.Code, g.Level, g.Figures.OpenAlarms, g.Figures.UnackedAlarms,
        g.Figures.OpenCases, g.Figures[Figure.CasesOverdue], g.Figures[Figure.WorkersOnDuty],
        g.Figures[Figure.GridsPatrolled] > 0, g.LastPatrolledAt,
        g.Figures[Figure.DrillAlarmsOpen] + g.Figures[Figure.DrillCasesOpen]);

    public static GridSummary Idle(string code) => new(code, StatusLevel.Normal, 0, 0, 0, 0, 0, false, null, 0);
}
