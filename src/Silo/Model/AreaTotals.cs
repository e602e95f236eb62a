using CommandCenter.Geography;

namespace CommandCenter.Model;

/// <summary>
/// A parent in the hierarchy (community, street, county): the sum of its children's figures, kept by
/// the deltas they push, and the oldest unacknowledged alarm below it (a min over its children).
/// </summary>
public abstract class AreaTotals(string code, AreaLevel level, int gridCount)
{
    private readonly Dictionary<string, DateTimeOffset> _oldestUnackedByChild = new(StringComparer.Ordinal);

    public string Code { get; } = code;
    public AreaLevel Level { get; } = level;
    /// <summary>How many grids lie under this area (from the map, whether active or not).</summary>
    public int GridCount { get; } = gridCount;
    public Figures Figures { get; } = new();
    public DateTimeOffset? OldestUnackedAt { get; private set; }

    /// <summary>Makes this grain's sums and minimum equal to <paramref name="other"/>'s (replay checkpoints).</summary>
    public void CopyFrom(AreaTotals other)
    {
        Figures.Clear();
        Figures.Add(other.Figures);
        _oldestUnackedByChild.Clear();
        foreach (var (k, v) in other._oldestUnackedByChild) _oldestUnackedByChild[k] = v;
        OldestUnackedAt = other.OldestUnackedAt;
    }

    internal AreaSnapshot ToState() => new(Code, Figures.ToArray(), new Dictionary<string, DateTimeOffset>(_oldestUnackedByChild), OldestUnackedAt);

    internal void Restore(AreaSnapshot s)
    {
        Figures.Clear();
        Figures.Add(Figures.FromArray(s.Figures));
        _oldestUnackedByChild.Clear();
        foreach (var (k, v) in s.OldestByChild) _oldestUnackedByChild[k] = v;
        OldestUnackedAt = s.OldestUnackedAt;
    }

    /// <summary>A child's figures changed by <paramref name="delta"/>; its oldest unacknowledged alarm is now <paramref name="childOldest"/>.</summary>
    public void Receive(string childCode, Figures? delta, DateTimeOffset? childOldest)
    {
        if (delta is not null) Figures.Add(delta);
        var had = _oldestUnackedByChild.TryGetValue(childCode, out var before);
        if (childOldest is { } t) _oldestUnackedByChild[childCode] = t;
        else if (had) _oldestUnackedByChild.Remove(childCode);
        if (had && childOldest == before) return;
        OldestUnackedAt = Oldest(_oldestUnackedByChild);
    }

    private static DateTimeOffset? Oldest(Dictionary<string, DateTimeOffset> byChild)
    {
        DateTimeOffset? oldest = null;
        foreach (var t in byChild.Values)
            if (oldest is null || t < oldest) oldest = t;
        return oldest;
    }
}

/// <summary>社区/村: the sum of its grids.</summary>
public sealed class CommunityTotals(string code, int gridCount) : AreaTotals(code, AreaLevel.Community, gridCount);

/// <summary>街道/乡镇: the sum of its communities.</summary>
public sealed class StreetTotals(string code, int gridCount) : AreaTotals(code, AreaLevel.Street, gridCount);
