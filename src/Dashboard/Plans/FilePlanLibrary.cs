using CommandCenter.Geography;

namespace CommandCenter.Plans;

/// <summary>
/// The plan library kept as files under the data folder (Plans:Folder, default <c>plans/</c> in the data root), one file
/// per version (see <see cref="PlanFiles"/>). Read at start into an immutable snapshot that readers use without a lock;
/// saves are serialised, re-read the plan's folder first and publish a new snapshot. Hosts of one cluster share the data
/// folder, so another host's saves are picked up: a read re-scans the folder when the last scan is older than
/// <c>rescanEvery</c> (2 s; only plans whose highest file number grew are read), and a version asked for by number that is
/// not held yet (an incident activated on another host) is read at once. An empty library is seeded with the demo
/// county's plans (<see cref="PlanSeed"/>) as version 1 by "system".
/// </summary>
public sealed class FilePlanLibrary : IPlanLibrary
{
    public const string SeedAuthor = "system";
    private readonly string _folder;
    private readonly CountyMap _map;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _publish = new();
    private readonly TimeSpan _rescanEvery;
    private long _scannedAt;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _filesSeen = new(); // per plan: the highest file number read
    private volatile Dictionary<string, IReadOnlyList<PlanDefinition>> _plans;

    public FilePlanLibrary(IConfiguration config, CountyMap map, TimeProvider time, ILogger<FilePlanLibrary> log)
        : this(Path.GetFullPath(config["Plans:Folder"] ?? Path.Combine(config[Hosting.DataRoot.Key] ?? ".data", "plans")), map, time, log) { }

    public FilePlanLibrary(string folder, CountyMap map, TimeProvider time, ILogger log, TimeSpan? rescanEvery = null)
    {
        (_folder, _map, _time, _log, _rescanEvery) = (folder, map, time, log, rescanEvery ?? TimeSpan.FromSeconds(2));
        Directory.CreateDirectory(folder);
        if (!PlanFiles.PlanIds(folder).Any()) Seed();
        _plans = PlanFiles.PlanIds(folder).Select(Read).Where(v => v.Count > 0).ToDictionary(v => v[0].Id, v => (IReadOnlyList<PlanDefinition>)v);
        _scannedAt = _time.GetTimestamp();
    }

    public IReadOnlyList<PlanDefinition> Current() => All().Where(p => !p.Retired).ToList();

    public IReadOnlyList<PlanDefinition> All()
    {
        RescanIfStale();
        return _plans.Values.Select(v => v[^1]).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
    }

    public PlanDefinition? Find(string id, int? version = null)
    {
        RescanIfStale();
        var versions = _plans.GetValueOrDefault(id);
        if (version is { } n && n > _filesSeen.GetValueOrDefault(id) && PlanValidator.IsSlug(id, PlanVocabulary.MaxIdLength)
            && n <= PlanFiles.HighestFileVersion(_folder, id))
            versions = Merge(id, Read(id)); // saved by another host since the last scan
        return versions is null ? null : version is { } v ? versions.FirstOrDefault(p => p.Version == v) : versions[^1];
    }

    public IReadOnlyList<PlanDefinition> Matching(IEnumerable<string> alarmKinds, int level)
    {
        var kinds = alarmKinds.ToList();
        return Current().Where(p => kinds.Any(k => p.AppliesTo(k, level))).ToList();
    }

    public IReadOnlyList<PlanDefinition> History(string id)
    {
        RescanIfStale();
        return _plans.GetValueOrDefault(id) ?? [];
    }

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
            _filesSeen.AddOrUpdate(id, number, (_, seen) => Math.Max(seen, number));
            _log.LogInformation("plan {Plan} saved as version {Version} by {By}{Retired}", id, plan.Version, by, plan.Retired ? " (retired)" : "");
            return Publish(id, [.. versions, plan], new PlanSave.Saved(plan));
        }
        finally { _gate.Release(); }
    }

    /// <summary>Publishes a plan's versions as read and returns the outcome.</summary>
    private PlanSave Publish(string id, List<PlanDefinition> versions, PlanSave outcome)
    {
        Merge(id, versions);
        return outcome;
    }

    /// <summary>A new snapshot with these versions of the plan unless the one held is as new (readers keep the snapshot they hold); the versions now held.</summary>
    private IReadOnlyList<PlanDefinition>? Merge(string id, List<PlanDefinition> versions)
    {
        lock (_publish)
        {
            var held = _plans.GetValueOrDefault(id);
            if (versions.Count == 0 || (held is not null && held[^1].Version >= versions[^1].Version)) return held;
            _plans = new(_plans) { [id] = versions };
            return versions;
        }
    }

    /// <summary>Plans another host saved: every plan whose highest file number is above the version held is read again.</summary>
    private void RescanIfStale()
    {
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(Interlocked.Read(ref _scannedAt), now) < _rescanEvery) return;
        Interlocked.Exchange(ref _scannedAt, now);
        foreach (var id in PlanFiles.PlanIds(_folder))
            if (PlanFiles.HighestFileVersion(_folder, id) > _filesSeen.GetValueOrDefault(id))
                Merge(id, Read(id));
    }

    /// <summary>A plan's versions from disk; the highest file number there is remembered as seen (an unreadable file is reported once).</summary>
    private List<PlanDefinition> Read(string id)
    {
        var highest = PlanFiles.HighestFileVersion(_folder, id);
        var versions = PlanFiles.ReadPlan(_folder, id, Skipped);
        _filesSeen.AddOrUpdate(id, highest, (_, seen) => Math.Max(seen, highest));
        return versions;
    }

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
