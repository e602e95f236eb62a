using CommandCenter.Events;
using CommandCenter.Geography;

namespace CommandCenter.Model;

/// <summary>县/区: the sum of its streets, and the register of drills (演练), running and recently ended.</summary>
public sealed class CountyState(string code, int gridCount) : AreaTotals(code, AreaLevel.County, gridCount)
{
    private const int EndedKept = 20;
    private readonly Dictionary<string, DrillRecord> _running = new(StringComparer.Ordinal);
    private readonly List<DrillRecord> _ended = [];

    public IReadOnlyCollection<DrillRecord> RunningDrills => _running.Values;
    public IReadOnlyList<DrillRecord> EndedDrills => _ended;

    public void CopyDrillsFrom(CountyState other)
    {
        _running.Clear();
        foreach (var (k, v) in other._running) _running[k] = v;
        _ended.Clear();
        _ended.AddRange(other._ended);
    }

    internal void RestoreDrills(IEnumerable<DrillRecord> running, IEnumerable<DrillRecord> ended)
    {
        _running.Clear();
        foreach (var d in running) _running[d.Id] = d;
        _ended.Clear();
        _ended.AddRange(ended);
    }

    public Refusal? Apply(CountyEvent e)
    {
        var id = e.DrillId!;
        switch (e.Type)
        {
            case EventType.DrillStarted:
                if (_running.ContainsKey(id) || _ended.Any(d => d.Id == id))
                    return new Refusal("drill_exists", $"drill {id} has already started");
                _running[id] = new DrillRecord(id, e.DrillName ?? id, e.DrillStreets ?? [], e.OccurredAt);
                return null;
            case EventType.DrillEnded:
                if (!_running.Remove(id, out var drill))
                    return new Refusal("unknown_drill", $"drill {id} is not running");
                _ended.Insert(0, drill with { EndedAt = e.OccurredAt });
                if (_ended.Count > EndedKept) _ended.RemoveAt(_ended.Count - 1);
                return null;
            default:
                return new Refusal("wrong_target", $"{e.Type} is not a county event");
        }
    }
}
