using System.Collections.Concurrent;
using CommandCenter.Grains;
using CommandCenter.Views;

namespace CommandCenter.Broker;

/// <summary>
/// What the live feed says about each partition: which silo last published for it, when, and its street
/// figures. The county figures "as the silos see them" are the sum of the latest figures of every street.
/// </summary>
public sealed class PartitionTable
{
    private readonly ConcurrentDictionary<int, PartitionState> _partitions = new();
    private readonly ConcurrentDictionary<string, AreaSummary> _streets = new(StringComparer.Ordinal);

    public sealed record PartitionState(int Partition, string Owner, DateTimeOffset LastAt, DateTimeOffset? LastEventsAt, long Events);

    public void Record(LiveBatch b)
    {
        _partitions.AddOrUpdate(b.Partition,
            _ => new PartitionState(b.Partition, b.Silo, b.At, b.Events.Count > 0 ? b.At : null, b.Events.Count),
            (_, old) => new PartitionState(b.Partition, b.Silo, b.At, b.Events.Count > 0 ? b.At : old.LastEventsAt, old.Events + b.Events.Count));
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
