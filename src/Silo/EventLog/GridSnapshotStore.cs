using System.Text.Json;
using CommandCenter.Model;
using CommandCenter.Storage;

namespace CommandCenter.EventLog;

/// <summary>A grid's state after the event with <see cref="Seq"/>, and how many events it holds by then.</summary>
public sealed record GridSnapshotPoint(string Grid, long Seq, long Count, GridSnapshot State);

/// <summary>
/// Per-grid snapshots in InfluxDB (measurement <c>grid_snapshot</c>, tag <c>grid</c>; fields <c>state</c> — the grid's
/// state as JSON — <c>count</c> and <c>rules</c>; timestamp = the Seq the state is "after"). A grid grain writes one after
/// every <see cref="SiloOptions.GridSnapshotEvery"/> stored events, and on activation starts from its newest one instead of
/// its whole series. A snapshot made under other rules or thresholds (<see cref="Fingerprint"/>) is not used.
/// </summary>
public sealed class GridSnapshotStore(InfluxClient influx, GrainOptions rules)
{
    public const string Measurement = "grid_snapshot";
    private const int MaxStateChars = 60_000; // InfluxDB 1.x limits a string field to 64 KB; a grid that large reads its log instead
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>What a grid's snapshot depends on besides its events: the rules version and the thresholds.</summary>
    public long Fingerprint { get; } = BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes($"{CountyModel.RulesVersion}\n{JsonSerializer.Serialize(rules)}")));

    /// <summary>Stores the snapshot; false when the state is too large for one point (the grid then keeps reading its log).</summary>
    public async Task<bool> WriteAsync(GridSnapshotPoint p, CancellationToken ct)
    {
        var state = JsonSerializer.Serialize(p.State, Json);
        if (state.Length > MaxStateChars) return false;
        await influx.WriteAsync([new LinePoint(Measurement).Tag("grid", p.Grid).Field("state", state).Field("count", p.Count)
            .Field("rules", Fingerprint).At(p.Seq)], ct);
        return true;
    }

    /// <summary>The newest usable snapshot of each of these grids (grids without one are absent).</summary>
    public async Task<Dictionary<string, GridSnapshotPoint>> ReadNewestAsync(IReadOnlyCollection<string> grids, CancellationToken ct)
    {
        var found = new Dictionary<string, GridSnapshotPoint>(StringComparer.Ordinal);
        if (grids.Count == 0) return found;
        // LIMIT with GROUP BY is per series: the newest point of each grid; older rules' points are skipped by the filter
        var q = $"SELECT * FROM {Measurement} WHERE ({EventStore.GridFilter(grids)}) AND \"rules\" = {Fingerprint} " +
                "GROUP BY \"grid\" ORDER BY time DESC LIMIT 1";
        await foreach (var row in influx.QueryAsync(q, ct))
        {
            if (row.Tags.GetValueOrDefault("grid") is not { } grid || row.GetString("state") is not { } json) continue;
            var state = JsonSerializer.Deserialize<GridSnapshot>(json, Json);
            if (state is null || state.Code != grid) continue;
            found[grid] = new GridSnapshotPoint(grid, row.TimeNs, row.GetLong("count") ?? 0, state);
        }
        return found;
    }
}
