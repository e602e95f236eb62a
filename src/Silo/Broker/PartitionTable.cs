using System.Collections.Concurrent;
using CommandCenter.Model;
using CommandCenter.Views;

namespace CommandCenter.Broker;

/// <summary>
/// What the live feed says about each partition: which silo last published for it, when, and its street
/// figures. The county figures "as the silos see them" are the sum of the latest figures of every street.
/// </summary>
public sealed class PartitionTable(TimeProvider time)
{
    private readonly ConcurrentDictionary<int, PartitionState> _partitions = new();
    private readonly ConcurrentDictionary<string, AreaSummary> _streets = new(StringComparer.Ordinal);

    /// <summary>
    /// One partition as this process saw it (times are when the message arrived here): its owner since when,
    /// when the owner's first stored events arrived, the last message, and the events seen in total.
    /// </summary>
    public sealed record PartitionState(int Partition, string Owner, DateTimeOffset OwnerSince, DateTimeOffset? OwnerFirstEventsAt,
        DateTimeOffset LastAt, long Events);

    public void Record(LiveBatch b)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? withEvents = b.Events.Count > 0 ? now : null;
        _partitions.AddOrUpdate(b.Partition,
            _ => new PartitionState(b.Partition, b.Silo, now, withEvents, now, b.Events.Count),
            (_, old) => old.Owner == b.Silo
                ? old with { OwnerFirstEventsAt = old.OwnerFirstEventsAt ?? withEvents, LastAt = now, Events = old.Events + b.Events.Count }
                : new PartitionState(b.Partition, b.Silo, now, withEvents, now, old.Events + b.Events.Count));
        foreach (var s in b.Streets) _streets[s.Code] = s;
    }

    public IReadOnlyList<PartitionState> Partitions => _partitions.Values.OrderBy(p => p.Partition).ToList();

    /// <summary>Sum of the latest street figures the silos published (every partition's street deltas combined).</summary>
    public IReadOnlyDictionary<string, long> CombinedFigures()
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var s in _streets.Values)
            foreach (var (k, v) in s.Figures) sum[k] = sum.GetValueOrDefault(k) + v;
        return sum;
    }

    public int StreetsReported => _streets.Count;
}
