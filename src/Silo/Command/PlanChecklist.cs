using CommandCenter.Plans;

namespace CommandCenter.Command;

/// <summary>
/// One step of a plan activated on an incident (预案清单项): due <see cref="PlanStep.WithinMinutes"/> after activation;
/// done when a person marks it or when what it asks for happened (an order, a whistle, a supply order), with the ids
/// of what fulfilled it in <see cref="Links"/>.
/// </summary>
public sealed record StepProgress(PlanStep Step, DateTimeOffset DueAt)
{
    public const string Pending = "pending", Done = "done", Overdue = "overdue";

    public DateTimeOffset? DoneAt { get; init; }
    public string? DoneBy { get; init; }
    public IReadOnlyList<string>? Links { get; init; }
    public string? Note { get; init; }

    public bool IsDone => DoneAt is not null;
    public bool IsOverdue(DateTimeOffset now) => DoneAt is null && now > DueAt;
    /// <summary>Done after its deadline: the report counts it as missed in time.</summary>
    public bool WasLate => DoneAt > DueAt;
    public string State(DateTimeOffset now) => IsDone ? Done : IsOverdue(now) ? Overdue : Pending;

    /// <summary>
    /// Like an unacknowledged alarm (超时升级): 0 while in time, 1 once overdue, 2 once overdue by the step's own window
    /// again (at least 15 minutes) — a 10-minute step 15 minutes late is as urgent as a 2-hour step 2 hours late.
    /// </summary>
    public int Escalation(DateTimeOffset now)
    {
        if (!IsOverdue(now)) return 0;
        var second = TimeSpan.FromMinutes(Math.Max(15, Step.WithinMinutes));
        return now - DueAt > second ? 2 : 1;
    }
}

/// <summary>A response plan activated on an incident (启动预案): the version it was activated with, and its checklist.</summary>
public sealed record ActivePlan(string PlanId, int Version, string Name, DateTimeOffset ActivatedAt, string? ActivatedBy)
{
    public IReadOnlyList<StepProgress> Steps { get; init; } = [];

    public StepProgress? Find(string stepId) => Steps.FirstOrDefault(s => s.Step.Id == stepId);

    public ActivePlan With(StepProgress changed) =>
        this with { Steps = [.. Steps.Select(s => s.Step.Id == changed.Step.Id ? changed : s)] };
}
