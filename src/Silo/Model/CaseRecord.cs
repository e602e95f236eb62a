using CommandCenter.Events;

namespace CommandCenter.Model;

/// <summary>An open case (案件) in a grid, with its deadline (处置时限) counted from the report.</summary>
public sealed record CaseRecord(string Id, string Category, DateTimeOffset ReportedAt, DateTimeOffset Deadline, string? DrillId)
{
    public CaseState State { get; init; } = CaseState.Reported;
    public DateTimeOffset ChangedAt { get; init; }
    public DateTimeOffset? FirstHandledAt { get; init; }
    public bool IsOverdue(DateTimeOffset now) => now > Deadline;
}
