namespace CommandCenter.Model;

/// <summary>
/// The summable figures every grain holds. A grid computes its own; every parent holds the sum of its
/// children's, kept up to date by deltas (never by re-scanning children).
/// Real and drill activity are kept apart: drill figures never feed the real ones.
/// </summary>
public enum Figure
{
    AlarmsOpenI, AlarmsOpenII, AlarmsOpenIII, AlarmsOpenIV,                  // 未解除告警, by level
    AlarmsUnackedI, AlarmsUnackedII, AlarmsUnackedIII, AlarmsUnackedIV,      // 未确认告警
    AlarmsEscalated,        // unacknowledged past the first escalation threshold (超时未确认)
    AlarmsAcknowledged,     // acknowledgements so far (for mean time to acknowledge)
    AckMillisTotal,         // sum of raise→acknowledge times, ms
    CasesReported, CasesAccepted, CasesDispatched, CasesInProgress, CasesHandled, CasesVerified, CasesReturned, // open cases by state
    CasesOverdue,           // open and past deadline (超期)
    CasesClosed,            // 结案
    CasesClosedOnTime,      // closed, handled within the deadline (按期处置)
    CasesRejected,          // 不予立案
    WorkersOnDuty,          // grid workers whose latest check-in is here and recent (在岗网格员)
    GridsPatrolled,         // grids patrolled within the coverage window (巡查覆盖)
    GridsAttention, GridsAlarm, GridsCritical, // grids by status level (normal = total − these)
    DrillAlarmsOpen, DrillCasesOpen, DrillCheckIns, // 演练: kept apart from the real figures
    WarningsI, WarningsII, WarningsIII, WarningsIV, // 风险预警 up, by colour (red I … blue IV)
}

public static class FigureExtensions
{
    public static readonly int Count = Enum.GetValues<Figure>().Length;

    public static Figure AlarmsOpen(int severity) => Figure.AlarmsOpenI + (severity - 1);
    public static Figure AlarmsUnacked(int severity) => Figure.AlarmsUnackedI + (severity - 1);
    public static Figure Warnings(int level) => Figure.WarningsI + (level - 1);
}
