using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;

namespace CommandCenter.Basemap;

/// <summary>
/// PMTiles v3 (one file of tiles on a Hilbert curve, found through directories of varint-packed entries): the tile id
/// of (z, x, y) and the directory format, shared by the reader and the writer.
/// </summary>
public static class PmTiles
{
    public const int HeaderLength = 127;
    public const byte CompressionNone = 1, CompressionGzip = 2, TileTypeMvt = 1;

    public sealed record Entry(ulong TileId, ulong Offset, uint Length, uint RunLength);

    /// <summary>Tiles of all lower zooms first, then the Hilbert index of (x, y) at zoom z.</summary>
    public static ulong TileId(int z, int x, int y)
    {
        ulong acc = 0;
        for (var i = 0; i < z; i++) acc += 1UL << (2 * i);
        long n = 1L << z, tx = x, ty = y;
        ulong d = 0;
        for (var s = n / 2; s > 0; s /= 2)
        {
            long rx = (tx & s) > 0 ? 1 : 0, ry = (ty & s) > 0 ? 1 : 0;
            d += (ulong)(s * s * ((3 * rx) ^ ry));
            if (ry == 0)
            {
                if (rx == 1) { tx = n - 1 - tx; ty = n - 1 - ty; }
                (tx, ty) = (ty, tx);
            }
        }
        return acc + d;
    }

    public static byte[] EncodeDirectory(IReadOnlyList<Entry> entries)
    {
        var s = new MemoryStream();
        void V(ulong v) { while (v >= 0x80) { s.WriteByte((byte)(v | 0x80)); v >>= 7; } s.WriteByte((byte)v); }
        V((ulong)entries.Count);
        ulong last = 0;
        foreach (var e in entries) { V(e.TileId - last); last = e.TileId; }
        foreach (var e in entries) V(e.RunLength);
        foreach (var e in entries) V(e.Length);
        for (var i = 0; i < entries.Count; i++)
            V(i > 0 && entries[i].Offset == entries[i - 1].Offset + entries[i - 1].Length ? 0 : entries[i].Offset + 1);
        return s.ToArray();
    }

    public static List<Entry> DecodeDirectory(byte[] data)
    {
        var pos = 0;
        ulong V()
        {
            ulong v = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[pos++];
                v |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80) return v;
            }
        }
        var n = (int)V();
        var ids = new ulong[n];
        ulong last = 0;
        for (var i = 0; i < n; i++) ids[i] = last += V();
        var runs = new uint[n];
        for (var i = 0; i < n; i++) runs[i] = (uint)V();
        var lengths = new uint[n];
        for (var i = 0; i < n; i++) lengths[i] = (uint)V();
        var entries = new List<Entry>(n);
        for (var i = 0; i < n; i++)
        {
            var o = V();
            var offset = o == 0 && i > 0 ? entries[i - 1].Offset + entries[i - 1].Length : o - 1;
            entries.Add(new Entry(ids[i], offset, lengths[i], runs[i]));
        }
        return entries;
    }
}

/// <summary>
/// Reads tiles from a PMTiles v3 archive: the header and root directory once, leaf directories on first use (cached),
/// each tile with one positioned read (thread-safe). Internal compression none or gzip; brotli/zstd archives are refused.
/// </summary>
public sealed class PmTilesReader : ITileSource
{
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _file;
    private readonly List<PmTiles.Entry> _root;
    private readonly ConcurrentDictionary<ulong, List<PmTiles.Entry>> _leaves = new();
    private readonly ulong _leafOffset, _dataOffset;
    private readonly byte _internal;

    public PmTilesReader(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"PMTiles file not found: {path}", path);
        Path = System.IO.Path.GetFullPath(path);
        _file = File.OpenHandle(Path);
        var h = Read(0, PmTiles.HeaderLength);
        if (h.Length < PmTiles.HeaderLength || System.Text.Encoding.ASCII.GetString(h, 0, 7) != "PMTiles" || h[7] != 3)
            throw new InvalidDataException($"{Path} is not a PMTiles v3 archive");
        ulong U(int at) => BinaryPrimitives.ReadUInt64LittleEndian(h.AsSpan(at));
        double E7(int at) => BinaryPrimitives.ReadInt32LittleEndian(h.AsSpan(at)) / 1e7;
        _internal = h[97];
        if (_internal is not (PmTiles.CompressionNone or PmTiles.CompressionGzip) || h[98] is not (0 or PmTiles.CompressionNone or PmTiles.CompressionGzip))
            throw new InvalidDataException($"{Path}: compression {h[97]}/{h[98]} (only none and gzip are read)");
        _leafOffset = U(40);
        _dataOffset = U(56);
        _root = PmTiles.DecodeDirectory(Unpack(Read(U(8), (int)U(16))));
        string? name = null, attribution = null, layers = null;
        if (U(32) > 0)
        {
            using var meta = JsonDocument.Parse(Unpack(Read(U(24), (int)U(32))));
            var m = meta.RootElement;
            if (m.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String) name = n.GetString();
            if (m.TryGetProperty("attribution", out var a) && a.ValueKind == JsonValueKind.String) attribution = a.GetString();
            if (m.TryGetProperty("vector_layers", out var l)) layers = l.GetRawText();
        }
        var type = h[99] switch { 1 => "pbf", 2 => "png", 3 => "jpg", 4 => "webp", 5 => "avif", _ => "unknown" };
        Info = new MbTilesInfo(name ?? System.IO.Path.GetFileNameWithoutExtension(Path), type, h[100], h[101],
            [E7(102), E7(106), E7(110), E7(114)], [E7(119), E7(123), h[118]], layers, attribution);
    }

    public string Path { get; }
    public MbTilesInfo Info { get; }

    public byte[]? Tile(int z, int x, int y)
    {
        var id = PmTiles.TileId(z, x, y);
        var dir = _root;
        for (var depth = 0; depth < 4; depth++)
        {
            var e = Find(dir, id);
            if (e is null) return null;
            if (e.RunLength > 0) return Read(_dataOffset + e.Offset, (int)e.Length);
            dir = _leaves.GetOrAdd(e.Offset, o => PmTiles.DecodeDirectory(Unpack(Read(_leafOffset + o, (int)e.Length))));
        }
        return null;
    }

    /// <summary>The entry holding the id: the last with TileId ≤ id, a leaf pointer, or a run covering it.</summary>
    private static PmTiles.Entry? Find(List<PmTiles.Entry> dir, ulong id)
    {
        int lo = 0, hi = dir.Count - 1, at = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (dir[mid].TileId <= id) { at = mid; lo = mid + 1; } else hi = mid - 1;
        }
        if (at < 0) return null;
        var e = dir[at];
        return e.RunLength == 0 || id < e.TileId + e.RunLength ? e : null;
    }

    private byte[] Read(ulong offset, int length)
    {
        var buffer = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(_file, buffer.AsSpan(read), (long)offset + read);
            if (n == 0) break;
            read += n;
        }
        return read == length ? buffer : buffer[..read];
    }

    private byte[] Unpack(byte[] data) => _internal == PmTiles.CompressionGzip ? MbTilesReader.Gunzip(data) : data;
}

/// <summary>Writes a PMTiles v3 archive of vector tiles: one root directory, tiles in Hilbert order (clustered).</summary>
public static class PmTilesWriter
{
    /// <summary>An MBTiles file's tiles, as stored, into a PMTiles archive (what `pmtiles convert` does).</summary>
    public static void FromMbTiles(string mbtiles, string pmtiles)
    {
        var reader = new MbTilesReader(mbtiles);
        var tiles = reader.AllTiles().ToList();
        Write(pmtiles, tiles, reader.Info, tiles.Count > 0 && MbTilesReader.IsGzip(tiles[0].Tile));
    }

    /// <summary>Tiles as they are to be stored; gzipped says whether they are gzip'd (the header's tile compression).</summary>
    public static void Write(string path, IEnumerable<(int Z, int X, int Y, byte[] Tile)> tiles, MbTilesInfo info, bool gzipped)
    {
        var gzip = gzipped;
        var sorted = tiles.Select(t => (Id: PmTiles.TileId(t.Z, t.X, t.Y), Data: t.Tile)).OrderBy(t => t.Id).ToList();
        var entries = new List<PmTiles.Entry>();
        ulong offset = 0;
        foreach (var (id, data) in sorted) { entries.Add(new(id, offset, (uint)data.Length, 1)); offset += (ulong)data.Length; }
        var root = MbTilesWriter.Gzip(PmTiles.EncodeDirectory(entries));
        if (PmTiles.HeaderLength + root.Length > 16_384) throw new InvalidOperationException("too many tiles for one root directory");
        var meta = MbTilesWriter.Gzip(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["name"] = info.Name, ["attribution"] = info.Attribution,
            ["vector_layers"] = info.VectorLayersJson is null ? null : JsonDocument.Parse(info.VectorLayersJson).RootElement,
        })));
        var h = new byte[PmTiles.HeaderLength];
        System.Text.Encoding.ASCII.GetBytes("PMTiles").CopyTo(h, 0);
        h[7] = 3;
        void U(int at, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(h.AsSpan(at), v);
        void E7(int at, double v) => BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(at), (int)Math.Round(v * 1e7));
        ulong rootAt = PmTiles.HeaderLength, metaAt = rootAt + (ulong)root.Length, dataAt = metaAt + (ulong)meta.Length;
        U(8, rootAt); U(16, (ulong)root.Length); U(24, metaAt); U(32, (ulong)meta.Length);
        U(40, dataAt); U(48, 0); U(56, dataAt); U(64, offset);
        U(72, (ulong)entries.Count); U(80, (ulong)entries.Count); U(88, (ulong)entries.Count);
        h[96] = 1; // clustered
        h[97] = PmTiles.CompressionGzip;
        h[98] = gzip ? PmTiles.CompressionGzip : PmTiles.CompressionNone;
        h[99] = PmTiles.TileTypeMvt;
        h[100] = (byte)info.MinZoom; h[101] = (byte)info.MaxZoom;
        E7(102, info.Bounds[0]); E7(106, info.Bounds[1]); E7(110, info.Bounds[2]); E7(114, info.Bounds[3]);
        h[118] = (byte)(info.Center is { Length: > 2 } c ? c[2] : info.MinZoom);
        E7(119, info.Center?[0] ?? (info.Bounds[0] + info.Bounds[2]) / 2); E7(123, info.Center?[1] ?? (info.Bounds[1] + info.Bounds[3]) / 2);
        using var f = File.Create(path);
        f.Write(h); f.Write(root); f.Write(meta);
        foreach (var (_, data) in sorted) f.Write(data);
    }
}
