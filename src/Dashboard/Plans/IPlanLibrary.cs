namespace CommandCenter.Plans;

/// <summary>
/// The county's response plans (预案库): every saved version of every plan, append-only. An incident that activated a
/// plan keeps its version (<see cref="Find"/> with that version); the console proposes <see cref="Matching"/> plans.
/// </summary>
public interface IPlanLibrary
{
    /// <summary>The latest version of each plan that is not retired, by id.</summary>
    IReadOnlyList<PlanDefinition> Current();

    /// <summary>The latest version of every plan, retired ones too (the admin's list), by id.</summary>
    IReadOnlyList<PlanDefinition> All();

    /// <summary>One version of a plan (null: the latest, retired or not), or null when there is none.</summary>
    PlanDefinition? Find(string id, int? version = null);

    /// <summary>Every version of a plan, oldest first (empty for an unknown plan).</summary>
    IReadOnlyList<PlanDefinition> History(string id);

    /// <summary>
    /// Saves the plan as its next version (its Version, SavedAt, SavedBy and Retired are set here). <paramref name="expectedVersion"/>
    /// is the latest version the editor started from (0 for a new plan); another version saved meanwhile → <see cref="PlanSave.Stale"/>.
    /// A retired plan saved again from its latest version is current again.
    /// </summary>
    Task<PlanSave> SaveAsync(PlanDefinition plan, string by, int expectedVersion, CancellationToken ct = default);

    /// <summary>Retires a plan: a new version marked retired (history kept, no longer current or proposed). Null expectedVersion: whatever is latest.</summary>
    Task<PlanSave> RetireAsync(string id, string by, int? expectedVersion = null, CancellationToken ct = default);

    /// <summary>Current plans that apply to an alarm of any of these kinds on an incident of this level (1–4).</summary>
    IReadOnlyList<PlanDefinition> Matching(IEnumerable<string> alarmKinds, int level);
}

/// <summary>What a save or retire did.</summary>
public abstract record PlanSave
{
    /// <summary>The version written (or, retiring a plan already retired, its latest).</summary>
    public sealed record Saved(PlanDefinition Plan) : PlanSave;
    /// <summary>Someone saved another version meanwhile: nothing written; the latest version is <paramref name="CurrentVersion"/>.</summary>
    public sealed record Stale(int CurrentVersion) : PlanSave;
    public sealed record Invalid(IReadOnlyList<PlanError> Errors) : PlanSave;
    public sealed record NotFound(string Id) : PlanSave;
}
