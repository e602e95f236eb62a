using System.Text;
using CommandCenter.Command;
using CommandCenter.Events;
using CommandCenter.Geography;

namespace CommandCenter.Broker;

/// <summary>
/// Which partition owns an event: a stable hash (FNV-1a) of its street code mod the partition count.
/// County-level events (drills) and the command board (incidents, orders, whistles: they span streets)
/// belong to partition 0, as does anything whose street cannot be known before the grains see it.
/// </summary>
public sealed class StreetPartitioner(CountyMap map, BrokerOptions options)
{
    public int Count => options.Partitions;

    public int OfStreet(string streetCode)
    {
        if (streetCode == map.County.Code) return 0;
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(streetCode)) hash = (hash ^ b) * 16777619u;
        return (int)(hash % (uint)options.Partitions);
    }

    /// <summary>The partition of an event whose grid is known (or that is county-level); null when the grid is not given.</summary>
    public int? OfEvent(CountyEvent e)
    {
        if (e.Type is EventType.DrillStarted or EventType.DrillEnded || CommandBoard.Handles(e.Type)) return 0;
        return OfGrid(e.GridCode);
    }

    public int? OfGrid(string? gridCode) =>
        !string.IsNullOrEmpty(gridCode) && map.Find(gridCode) is { Level: >= AreaLevel.Street } ? OfStreet(map.StreetOf(gridCode).Code) : null;

    /// <summary>The street codes a partition holds (partition 0 also holds the county code).</summary>
    public IReadOnlyList<string> StreetsOf(int partition)
    {
        var streets = map.Streets.Select(s => s.Code).Where(s => OfStreet(s) == partition).ToList();
        if (partition == 0) streets.Add(map.County.Code);
        return streets;
    }
}
