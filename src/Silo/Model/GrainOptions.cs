namespace CommandCenter.Model;

/// <summary>The thresholds the grains' timers use (config section "Grains").</summary>
public sealed class GrainOptions
{
    /// <summary>Unacknowledged longer than this → escalation level 1 (超时未确认), then level 2.</summary>
    public TimeSpan[] EscalationThresholds { get; set; } = [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)];

    /// <summary>A grid not patrolled for this long is uncovered (巡查覆盖窗口).</summary>
    public TimeSpan PatrolCoverageWindow { get; set; } = TimeSpan.FromHours(4);

    /// <summary>A worker counts as on duty for this long after a check-in (在岗判定).</summary>
    public TimeSpan OnDutyWindow { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Check-ins kept per grid for the map's recent-patrol dots.</summary>
    public TimeSpan RecentCheckInWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Per-category case deadlines overriding <see cref="Events.CaseCategories"/>.</summary>
    public Dictionary<string, TimeSpan> CaseDeadlines { get; set; } = new();

    public TimeSpan DeadlineOf(string? category) =>
        category is not null && CaseDeadlines.TryGetValue(category, out var d) ? d : Events.CaseCategories.DeadlineOf(category);

    /// <summary>风险预警 rules by sensor kind (defaults: <see cref="Warnings.WarningRules.Defaults"/>).</summary>
    public Warnings.WarningRule[] WarningRules { get; set; } = Warnings.WarningRules.Defaults;

    private Dictionary<string, Warnings.WarningRule>? _rulesByKind;
    public Warnings.WarningRule? WarningRuleFor(string kind) =>
        (_rulesByKind ??= WarningRules.ToDictionary(r => r.Kind, StringComparer.Ordinal)).GetValueOrDefault(kind);

    public int EscalationLevel(TimeSpan unacknowledgedFor)
    {
        var level = 0;
        foreach (var t in EscalationThresholds)
            if (unacknowledgedFor >= t) level++;
        return level;
    }
}
