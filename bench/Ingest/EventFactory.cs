using System.Text.Json;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Ingest;
using CommandCenter.Live;

namespace CommandCenter.Bench.Ingest;

/// <summary>
/// Realistic live traffic for the demo county: patrol check-ins (网格员巡查打卡) at grid label points by a
/// roster of workers, and every <see cref="AlarmEvery"/>th event an alarm raised (unique alarm id) in a grid.
/// A worker patrols a home grid, as the simulator's do; <see cref="MovingShare"/> of the check-ins are in a random
/// other grid (a worker helping elsewhere: the county's worker rule then moves them, a cross-grid step).
/// Ids are unique per prefix. The same events can be produced as wire JSON (for the API) or as the
/// <see cref="CountyEvent"/>s the host would store (for the raw write ceiling).
/// </summary>
public sealed class EventFactory
{
    public const int AlarmEvery = 20;
    private const int Workers = 3000;
    private static readonly string[] AlarmKinds = ["smoke", "gas", "water_level", "manhole", "hydrant", "video"];

    private readonly CountyMap _map;
    private readonly Area[] _grids;
    private readonly Random _rng;

    /// <summary>The share of check-ins in a grid other than the worker's home grid (1 = every check-in anywhere).</summary>
    public double MovingShare { get; init; } = 0.02;

    public EventFactory(CountyMap map, int seed)
    {
        _map = map;
        _rng = new Random(seed);
        // Only grids whose label point locates back to the grid itself, so the host resolves exactly that grid.
        _grids = map.Grids.Where(g => map.LocateGrid(g.LabelPoint)?.Code == g.Code).ToArray();
        if (_grids.Length == 0) throw new InvalidOperationException("no grid label point locates to its grid");
    }

    public int GridCount => _grids.Length;

    /// <summary><paramref name="count"/> wire events with ids <c>{prefix}-{n}</c>, dated within the last minute.</summary>
    public List<WireEvent> Wire(string prefix, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var list = new List<WireEvent>(count);
        for (var n = 0; n < count; n++)
        {
            var grid = _grids[_rng.Next(_grids.Length)];
            var worker = _rng.Next(Workers);
            if (n % AlarmEvery != AlarmEvery - 1 && _rng.NextDouble() >= MovingShare) grid = _grids[worker % _grids.Length]; // at home
            var at = now.AddMilliseconds(-_rng.Next(60_000));
            list.Add(n % AlarmEvery == AlarmEvery - 1
                ? new WireEvent
                {
                    Id = $"{prefix}-{n:D7}", Type = EventType.AlarmRaised, OccurredAt = at,
                    Lon = grid.LabelPoint.Lon, Lat = grid.LabelPoint.Lat,
                    AlarmId = $"{prefix}-alarm-{n:D7}", Severity = 1 + _rng.Next(4), AlarmKind = AlarmKinds[_rng.Next(AlarmKinds.Length)],
                }
                : new WireEvent
                {
                    Id = $"{prefix}-{n:D7}", Type = EventType.PatrolCheckIn, OccurredAt = at,
                    Lon = grid.LabelPoint.Lon, Lat = grid.LabelPoint.Lat,
                    WorkerId = $"w{worker:D4}",
                });
        }
        return list;
    }

    /// <summary>The request bodies (<c>{"events":[…]}</c>, UTF-8 JSON) for <paramref name="events"/> in batches.</summary>
    public static List<byte[]> Bodies(List<WireEvent> events, int batchSize)
    {
        var bodies = new List<byte[]>((events.Count + batchSize - 1) / batchSize);
        for (var i = 0; i < events.Count; i += batchSize)
            bodies.Add(JsonSerializer.SerializeToUtf8Bytes(
                new IngestBatch(events.GetRange(i, Math.Min(batchSize, events.Count - i))), IngestJson.Options));
        return bodies;
    }

    /// <summary>
    /// What the host stores for these wire events once accepted: the validated <see cref="CountyEvent"/>
    /// (grid located from lon/lat, source from the API key) with a unique increasing Seq.
    /// </summary>
    public List<CountyEvent> Accepted(List<WireEvent> events, string source)
    {
        var clock = new SeqClock(TimeProvider.System);
        var list = new List<CountyEvent>(events.Count);
        foreach (var w in events)
        {
            var grid = _map.LocateGrid(new GeoPoint(w.Lon!.Value, w.Lat!.Value))!.Code;
            list.Add(new CountyEvent
            {
                Id = w.Id!, Type = w.Type!.Value, OccurredAt = w.OccurredAt!.Value, Source = source, GridCode = grid,
                Lon = w.Lon, Lat = w.Lat, WorkerId = w.WorkerId, AlarmId = w.AlarmId, Severity = w.Severity,
                AlarmKind = w.AlarmKind, Seq = clock.Next(),
            });
        }
        return list;
    }
}
