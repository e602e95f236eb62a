namespace CommandCenter.Model;

/// <summary>An emergency drill (应急演练): its scenario, the streets in scope, when it ran.</summary>
public sealed record DrillRecord(string Id, string Name, IReadOnlyList<string> Streets, DateTimeOffset StartedAt)
{
    public DateTimeOffset? EndedAt { get; init; }
}
