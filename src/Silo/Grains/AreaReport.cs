namespace CommandCenter.Grains;

/// <summary>
/// What a grid or area grain tells its parent: its whole figure vector and oldest unacknowledged alarm, not a delta, so a
/// report can be repeated, lost or superseded without the parent drifting. Version grows within an activation and starts
/// above the last activation's (it begins at the activation's clock in ns): the parent keeps only the newest per child.
/// </summary>
/// Never changed after it is built, so Orleans passes it without copying ([Immutable]).
[Immutable]
public sealed record AreaReport(string Code, long[] Figures, DateTimeOffset? OldestUnackedAt, long Version);
