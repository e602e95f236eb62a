using CommandCenter.Geography;

namespace CommandCenter.Plans;

/// <summary>
/// The plan library kept as files under the data folder (Plans:Folder, default <c>plans/</c> in the data root), one file
/// per version (see <see cref="PlanFiles"/>). Read once at start into an immutable snapshot that readers use without a
/// lock; saves are serialised, re-read the plan's folder first (another host may share the data folder) and publish a new
/// snapshot. An empty library is seeded with the demo county's plans (<see cref="PlanSeed"/>) as version 1 by "system".
/// </summary>
public sealed class FilePlanLibrary : IPlanLibrary
{
    public const string SeedAuthor = "system";
    private readonly string _folder;
    private readonly CountyMap _map;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Dictionary<string, IReadOnlyList<PlanDefinition>> _plans;

    public FilePlanLibrary(IConfiguration config, CountyMap map, TimeProvider time, ILogger<FilePlanLibrary> log)
        : this(Path.GetFullPath(config["Plans:Folder"] ?? Path.Combine(config[Hosting.DataRoot.Key] ?? ".data", "plans")), map, time, log) { }

    public FilePlanLibrary(string folder, CountyMap map, TimeProvider time, ILogger log)
    {
        (_folder, _map, _time, _log) = (folder, map, time, log);
        Directory.CreateDirectory(folder);
        if (!PlanFiles.PlanIds(folder).Any()) Seed();
        _plans = PlanFiles.PlanIds(folder).Select(Read).Where(v => v.Count > 0).ToDictionary(v => v[0].Id, v => (IReadOnlyList<PlanDefinition>)v);
    }

    public IReadOnlyList<PlanDefinition> Current() => All().Where(p => !p.Retired).ToList();

    public IReadOnlyList<PlanDefinition> All() => _plans.Values.Select(v => v[^1]).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    public PlanDefinition? Find(string id, int? version = null) =>
        _plans.GetValueOrDefault(id) is not { } versions ? null
        : version is { } n ? versions.FirstOrDefault(p => p.Version == n) : versions[^1];

    public IReadOnlyList<PlanDefinition> Matching(IEnumerable<string> alarmKinds, int level)
    {
        var kinds = alarmKinds.ToList();
        return Current().Where(p => kinds.Any(k => p.AppliesTo(k, level))).ToList();
    }

    public IReadOnlyList<PlanDefinition> History(string id) => _plans.GetValueOrDefault(id) ?? [];

    public Task<PlanSave> SaveAsync(PlanDefinition plan, string by, int expectedVersion, CancellationToken ct = default)
    {
        var errors = PlanValidator.Validate(plan, _map);
        if (errors.Count > 0) return Task.FromResult<PlanSave>(new PlanSave.Invalid(errors));
        return AppendAsync(plan.Id, expectedVersion, latest => plan with { Retired = false }, by, ct);
    }

    public async Task<PlanSave> RetireAsync(string id, string by, int? expectedVersion = null, CancellationToken ct = default)
    {
        if (!PlanValidator.IsSlug(id, PlanVocabulary.MaxIdLength)) return new PlanSave.NotFound(id); // never a path outside the folder
        if (Find(id) is null && PlanFiles.ReadPlan(_folder, id, Skipped).Count == 0) return new PlanSave.NotFound(id);
        return await AppendAsync(id, expectedVersion, latest => latest is { Retired: false } ? latest with { Retired = true } : null, by, ct);
    }

    /// <summary>Under the lock: the plan's versions re-read, the expected version checked, the next version written and published.</summary>
    private async Task<PlanSave> AppendAsync(string id, int? expectedVersion, Func<PlanDefinition?, PlanDefinition?> next, string by, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var versions = Read(id);
            var latest = versions.Count > 0 ? versions[^1] : null;
            var current = latest?.Version ?? 0;
            if (expectedVersion is { } expected && expected != current) return Publish(id, versions, new PlanSave.Stale(current));
            if (next(latest) is not { } plan) return latest is null ? new PlanSave.NotFound(id) : Publish(id, versions, new PlanSave.Saved(latest));
            var number = Math.Max(current, PlanFiles.HighestFileVersion(_folder, id)) + 1; // past an unreadable file's number too
            plan = plan with { Id = id, Version = number, SavedAt = _time.GetUtcNow(), SavedBy = by };
            if (!PlanFiles.TryAppend(_folder, plan)) // another host on this data folder wrote it meanwhile
                return Read(id) is var now && now.Count > 0 ? Publish(id, now, new PlanSave.Stale(now[^1].Version)) : new PlanSave.Stale(number);
            _log.LogInformation("plan {Plan} saved as version {Version} by {By}{Retired}", id, plan.Version, by, plan.Retired ? " (retired)" : "");
            return Publish(id, [.. versions, plan], new PlanSave.Saved(plan));
        }
        finally { _gate.Release(); }
    }

    /// <summary>Publishes a plan's versions as read (a new snapshot; readers keep the one they hold) and returns the outcome.</summary>
    private PlanSave Publish(string id, List<PlanDefinition> versions, PlanSave outcome)
    {
        if (versions.Count > 0) _plans = new(_plans) { [id] = versions };
        return outcome;
    }

    private List<PlanDefinition> Read(string id) => PlanFiles.ReadPlan(_folder, id, Skipped);

    private void Skipped(string file, Exception? ex) => _log.LogError(ex, "plan file {File} is not a readable plan version: skipped", file);

    private void Seed()
    {
        var at = _time.GetUtcNow();
        foreach (var plan in PlanSeed.For(_map))
        {
            var v1 = plan with { Version = 1, SavedAt = at, SavedBy = SeedAuthor };
            if (PlanValidator.Validate(v1, _map) is { Count: > 0 } errors)
                throw new InvalidOperationException($"seed plan {plan.Id} is invalid: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
            PlanFiles.TryAppend(_folder, v1);
        }
        _log.LogInformation("plan library at {Folder} was empty: seeded the demo county's plans", _folder);
    }
}
