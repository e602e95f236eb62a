using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace CommandCenter.Storage;

/// <summary>What one stored snapshot holds: its payloads (kind → parts, bytes, SHA-256) and a few numbers.</summary>
public sealed record SnapshotManifest(long Seq, Dictionary<string, SnapshotPayload> Payloads, Dictionary<string, long> Numbers)
{
    public long Number(string name) => Numbers.GetValueOrDefault(name);
}

public sealed record SnapshotPayload(int Parts, long Bytes, string Sha256);

/// <summary>
/// Snapshots in InfluxDB (measurement <c>snapshot</c>, see docs/storage.md): binary payloads split into
/// base64 parts of at most <see cref="PartChars"/> characters (InfluxDB 1.x limits a string field to 64 KB),
/// one point per part (tags <c>kind</c> and <c>part</c>, field <c>data</c>), all at timestamp = the Seq the
/// snapshot is "state after"; then one <c>kind=manifest</c> point at the same time naming the parts and their
/// digests. A snapshot counts only once its manifest is stored and every part matches it.
/// </summary>
public sealed class SnapshotStore(InfluxClient influx, string measurement = SnapshotStore.DefaultMeasurement)
{
    public const string DefaultMeasurement = "snapshot";
    public const int PartChars = 60_000;
    private const string Manifest = "manifest";

    public async Task WriteAsync(long seq, IReadOnlyDictionary<string, byte[]> payloads, IReadOnlyDictionary<string, long> numbers, CancellationToken ct)
    {
        var manifest = new SnapshotManifest(seq, [], new(numbers));
        foreach (var (kind, bytes) in payloads)
        {
            if (kind == Manifest) throw new ArgumentException("'manifest' is not a payload kind", nameof(payloads));
            var text = Convert.ToBase64String(bytes);
            var parts = new List<LinePoint>();
            for (var i = 0; i * PartChars < text.Length || i == 0; i++)
                parts.Add(new LinePoint(measurement).Tag("kind", kind).Tag("part", i.ToString("D5", CultureInfo.InvariantCulture))
                    .Field("data", text.Substring(i * PartChars, Math.Min(PartChars, text.Length - i * PartChars))).At(seq));
            // a few parts per request: each part is up to 60 KB of line protocol
            for (var i = 0; i < parts.Count; i += 64) await influx.WriteAsync(parts.GetRange(i, Math.Min(64, parts.Count - i)), ct);
            manifest.Payloads[kind] = new SnapshotPayload(parts.Count, bytes.Length, Convert.ToHexString(SHA256.HashData(bytes)));
        }
        await influx.WriteAsync([new LinePoint(measurement).Tag("kind", Manifest).Field("meta", JsonSerializer.Serialize(manifest)).At(seq)], ct);
    }

    /// <summary>The newest manifest with Seq ≤ <paramref name="atOrBefore"/> (any, when null) whose numbers pass <paramref name="accept"/>.</summary>
    public async Task<SnapshotManifest?> LatestAsync(long? atOrBefore, Func<SnapshotManifest, bool> accept, CancellationToken ct)
    {
        var q = $"SELECT meta FROM {measurement} WHERE kind = '{Manifest}'" + (atOrBefore is { } s ? $" AND time <= {s}" : "") + " ORDER BY time DESC LIMIT 50";
        await foreach (var m in ManifestsAsync(q, ct))
            if (accept(m)) return m;
        return null;
    }

    /// <summary>Manifests with Seq in [<paramref name="fromSeq"/>, <paramref name="untilSeq"/>], newest first.</summary>
    public IAsyncEnumerable<SnapshotManifest> ListAsync(long fromSeq, long untilSeq, CancellationToken ct) =>
        ManifestsAsync($"SELECT meta FROM {measurement} WHERE kind = '{Manifest}' AND time >= {fromSeq} AND time <= {untilSeq} ORDER BY time DESC", ct);

    private async IAsyncEnumerable<SnapshotManifest> ManifestsAsync(string q, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in influx.QueryAsync(q, ct))
        {
            SnapshotManifest? m = null;
            try { m = JsonSerializer.Deserialize<SnapshotManifest>(row.GetString("meta") ?? ""); }
            catch (JsonException) { }
            if (m is not null && m.Seq == row.TimeNs) yield return m;
        }
    }

    /// <summary>One payload of a snapshot, reassembled and checked against its manifest.</summary>
    public async Task<byte[]> ReadAsync(SnapshotManifest manifest, string kind, CancellationToken ct)
    {
        if (!manifest.Payloads.TryGetValue(kind, out var payload)) throw new InvalidDataException($"snapshot {manifest.Seq} has no '{kind}' payload");
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in influx.QueryAsync($"SELECT data, part FROM {measurement} WHERE kind = {InfluxClient.QuoteString(kind)} AND time = {manifest.Seq}", ct))
            if (row.GetString("part") is { } p && row.GetString("data") is { } d) parts[p] = d;
        if (parts.Count != payload.Parts) throw new InvalidDataException($"snapshot {manifest.Seq} '{kind}': {parts.Count} of {payload.Parts} parts stored");
        var bytes = Convert.FromBase64String(string.Concat(parts.Values));
        if (bytes.Length != payload.Bytes || Convert.ToHexString(SHA256.HashData(bytes)) != payload.Sha256)
            throw new InvalidDataException($"snapshot {manifest.Seq} '{kind}' does not match its digest");
        return bytes;
    }
}
