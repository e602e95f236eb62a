namespace CommandCenter.Plans;

/// <summary>
/// One step of a response plan (预案步骤): a required action, due <see cref="WithinMinutes"/> after the plan is activated,
/// owned by a responsible role (责任岗位, e.g. 指挥长, 值班员, 街道应急办). Which of the action's fields apply depends on
/// <see cref="Action"/> (see <see cref="PlanActions"/>); the others are null.
/// </summary>
public sealed record PlanStep
{
    /// <summary>Stable within a plan (s1, s2, …): a checklist item and its completion event name it.</summary>
    public required string Id { get; init; }
    public required string Action { get; init; }
    /// <summary>What the step says, in the plan's words (Chinese in the demo county).</summary>
    public required string Title { get; init; }
    public required int WithinMinutes { get; init; }
    public required string Role { get; init; }
    public string? Department { get; init; }              // notify
    public string? UnitKind { get; init; }                // dispatch: police, fire, medical, urban, market, sanitation, worker, depot
    public int? Count { get; init; }                      // dispatch
    public string? Poi { get; init; }                     // shelter: a point of interest id
    public IReadOnlyList<string>? Streets { get; init; }  // warn: street codes (empty or null: the incident's scope)
    public string? Item { get; init; }                    // supplies: sandbags, pumps, tents, lifejackets, generators, water, …
    public int? Quantity { get; init; }                   // supplies
}

/// <summary>
/// A response plan (应急预案), one saved version of it. Applies to alarms of <see cref="AlarmKinds"/> on incidents of
/// <see cref="Levels"/> (1–4 = I–IV). Versions are never changed once saved: an incident keeps the version it activated.
/// </summary>
public sealed record PlanDefinition
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> AlarmKinds { get; init; }
    public required IReadOnlyList<int> Levels { get; init; }
    public required IReadOnlyList<PlanStep> Steps { get; init; }
    public DateTimeOffset SavedAt { get; init; }
    public string? SavedBy { get; init; }
    /// <summary>Retired (停用): this version marks the plan withdrawn — its history is kept, it is no longer current or proposed.</summary>
    public bool Retired { get; init; }

    /// <summary>Whether the plan applies to an alarm of this kind on an incident of this level.</summary>
    public bool AppliesTo(string alarmKind, int level) => AlarmKinds.Contains(alarmKind) && Levels.Contains(level);
}
