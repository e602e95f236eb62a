using CommandCenter.Events;

namespace CommandCenter.Model;

/// <summary>How a grid's figures and status level follow from its state and the time (the timers).</summary>
internal static class GridFigures
{
    /// <summary>
    /// Fills <paramref name="f"/> (whatever it held) with the grid's figures at <paramref name="now"/>; returns the raise
    /// time of its oldest unacknowledged real alarm (what the parents' minimum needs), found in the same pass.
    /// </summary>
    public static DateTimeOffset? Compute(Figures f, GridState g, DateTimeOffset now, GrainOptions o,
        long acknowledged, long ackMillis, long closed, long closedOnTime, long rejected, long drillCheckIns)
    {
        f.Clear();
        var escalatedTwice = false;
        DateTimeOffset? oldestUnacked = null;
        foreach (var a in g.Alarms)
        {
            if (a.DrillId is not null) { f[Figure.DrillAlarmsOpen]++; continue; }
            f[FigureExtensions.AlarmsOpen(a.Severity)]++;
            if (a.IsAcknowledged) continue;
            f[FigureExtensions.AlarmsUnacked(a.Severity)]++;
            if (oldestUnacked is null || a.RaisedAt < oldestUnacked) oldestUnacked = a.RaisedAt;
            var escalation = o.EscalationLevel(now - a.RaisedAt);
            if (escalation >= 1) f[Figure.AlarmsEscalated]++;
            if (escalation >= 2) escalatedTwice = true;
        }
        foreach (var c in g.Cases)
        {
            if (c.DrillId is not null) { f[Figure.DrillCasesOpen]++; continue; }
            f[OpenCaseFigure(c.State)]++;
            if (c.IsOverdue(now)) f[Figure.CasesOverdue]++;
        }
        foreach (var w in g.Workers)
            if (now - w.CheckedInAt < o.OnDutyWindow) f[Figure.WorkersOnDuty]++;
        if (g.LastPatrolledAt is { } p && now - p < o.PatrolCoverageWindow) f[Figure.GridsPatrolled] = 1;
        foreach (var s in g.Sensors)
            if (s.WarningAt(now, o.WarningRuleFor(s.Kind)) is { } w) f[FigureExtensions.Warnings(w.Level)]++;
        f[Figure.AlarmsAcknowledged] = acknowledged;
        f[Figure.AckMillisTotal] = ackMillis;
        f[Figure.CasesClosed] = closed;
        f[Figure.CasesClosedOnTime] = closedOnTime;
        f[Figure.CasesRejected] = rejected;
        f[Figure.DrillCheckIns] = drillCheckIns;

        switch (Classify(f, escalatedTwice))
        {
            case StatusLevel.Attention: f[Figure.GridsAttention] = 1; break;
            case StatusLevel.Alarm: f[Figure.GridsAlarm] = 1; break;
            case StatusLevel.Critical: f[Figure.GridsCritical] = 1; break;
        }
        return oldestUnacked;
    }

    /// <summary>
    /// critical (危急): an open level-I alarm, or an alarm unacknowledged past the second threshold;
    /// alarm (告警): an open level-II alarm, an escalated alarm, or an unacknowledged level-III one;
    /// attention (关注): any other open alarm or an overdue case; otherwise normal.
    /// Drill activity never changes the level.
    /// </summary>
    private static StatusLevel Classify(Figures f, bool escalatedTwice)
    {
        if (f[Figure.AlarmsOpenI] > 0 || escalatedTwice) return StatusLevel.Critical;
        if (f[Figure.AlarmsOpenII] > 0 || f[Figure.AlarmsEscalated] > 0 || f[Figure.AlarmsUnackedIII] > 0) return StatusLevel.Alarm;
        if (f.OpenAlarms > 0 || f[Figure.CasesOverdue] > 0) return StatusLevel.Attention;
        return StatusLevel.Normal;
    }

    public static StatusLevel LevelOf(Figures f) =>
        f[Figure.GridsCritical] > 0 ? StatusLevel.Critical :
        f[Figure.GridsAlarm] > 0 ? StatusLevel.Alarm :
        f[Figure.GridsAttention] > 0 ? StatusLevel.Attention : StatusLevel.Normal;

    private static Figure OpenCaseFigure(CaseState s) => s switch
    {
        CaseState.Reported => Figure.CasesReported,
        CaseState.Accepted => Figure.CasesAccepted,
        CaseState.Dispatched => Figure.CasesDispatched,
        CaseState.InProgress => Figure.CasesInProgress,
        CaseState.Handled => Figure.CasesHandled,
        CaseState.Verified => Figure.CasesVerified,
        CaseState.Returned => Figure.CasesReturned,
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, "terminal states are not open"),
    };
}
