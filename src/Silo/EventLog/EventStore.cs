using System.Runtime.CompilerServices;
using CommandCenter.Events;
using CommandCenter.Geography;
using CommandCenter.Storage;

namespace CommandCenter.EventLog;

/// <summary>
/// The event log in InfluxDB: every accepted event, the source the grains are rebuilt from and replay reads.
/// </summary>
public sealed class EventStore(InfluxClient influx, CountyMap map)
{
    public async Task AppendAsync(IReadOnlyList<CountyEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        await influx.WriteAsync(events, EventCodec.Measurement, (w, e) => EventCodec.Write(w, e, StreetOf(e.GridCode)), ct);
    }

    /// <summary>Every stored event with Seq in (afterSeq, untilSeq], in Seq order, streamed.</summary>
    public async IAsyncEnumerable<CountyEvent> ReadAsync(long afterSeq, long? untilSeq, [EnumeratorCancellation] CancellationToken ct)
    {
        var q = $"SELECT * FROM {EventCodec.Measurement} WHERE time > {afterSeq}" +
                (untilSeq is { } u ? $" AND time <= {u}" : "") + " ORDER BY time ASC";
        await foreach (var row in influx.QueryAsync(q, ct))
            yield return EventCodec.FromRow(row);
    }

    /// <summary>Every stored event of one grid (its series), in Seq order: what a grid grain is rebuilt from.</summary>
    public IAsyncEnumerable<CountyEvent> ReadGridAsync(string gridCode, CancellationToken ct) => ReadGridsAsync([gridCode], ct);

    /// <summary>Every stored event of these grids, in Seq order (the grids' series merged): one query for many grids.</summary>
    public IAsyncEnumerable<CountyEvent> ReadGridsAsync(IEnumerable<string> gridCodes, CancellationToken ct, long afterSeq = 0) =>
        Query($"SELECT * FROM {EventCodec.Measurement} WHERE ({GridFilter(gridCodes)})" +
              (afterSeq > 0 ? $" AND time > {afterSeq}" : "") + " ORDER BY time ASC", ct);

    /// <summary>An InfluxQL condition matching these grids' series: <c>"grid" = 'a' OR "grid" = 'b' …</c>.</summary>
    public static string GridFilter(IEnumerable<string> gridCodes) => string.Join(" OR ", gridCodes.Select(g => $"\"grid\" = '{Escape(g)}'"));

    /// <summary>Every stored event of these types, in Seq order (the board, the drills, the id directories).</summary>
    public IAsyncEnumerable<CountyEvent> ReadTypesAsync(IEnumerable<EventType> types, CancellationToken ct) =>
        Query($"SELECT * FROM {EventCodec.Measurement} WHERE " +
              string.Join(" OR ", types.Select(t => $"\"type\" = '{t.ToWire()}'")) + " ORDER BY time ASC", ct);

    /// <summary>Every stored stock change and supply-order move of one depot (in its grid's series), in Seq order: what a depot grain is rebuilt from.</summary>
    public async IAsyncEnumerable<CountyEvent> ReadDepotAsync(string depotId, string gridCode, [EnumeratorCancellation] CancellationToken ct)
    {
        var q = $"SELECT * FROM {EventCodec.Measurement} WHERE \"grid\" = '{Escape(gridCode)}' AND " +
                $"(\"type\" = '{EventType.StockChanged.ToWire()}' OR \"type\" = '{EventType.SupplyOrderChanged.ToWire()}') ORDER BY time ASC";
        await foreach (var e in Query(q, ct))
            if (e.DepotId == depotId) yield return e;
    }

    private async IAsyncEnumerable<CountyEvent> Query(string q, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in influx.QueryAsync(q, ct))
            yield return EventCodec.FromRow(row);
    }

    private static string Escape(string tagValue) => tagValue.Replace("\\", "\\\\").Replace("'", "\\'");

    /// <summary>Whether the event with this Seq is stored.</summary>
    public async Task<bool> ContainsAsync(long seq, CancellationToken ct)
    {
        await foreach (var _ in influx.QueryAsync($"SELECT id FROM {EventCodec.Measurement} WHERE time = {seq}", ct)) return true;
        return false;
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await foreach (var row in influx.QueryAsync($"SELECT COUNT(id) FROM {EventCodec.Measurement}", ct))
            return row.GetLong("count") ?? 0;
        return 0;
    }

    private string StreetOf(string gridCode) =>
        map.Find(gridCode) is { Level: >= AreaLevel.Street } ? map.StreetOf(gridCode).Code : map.County.Code;
}
