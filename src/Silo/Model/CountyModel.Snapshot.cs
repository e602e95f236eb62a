using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using CommandCenter.Command;
using CommandCenter.Geography;

namespace CommandCenter.Model;

public sealed partial class CountyModel
{
    /// <summary>
    /// The version of the grain rules a snapshot was made under. Bump it whenever a change to the grain code
    /// would give a different state for the same events: older snapshots are then ignored (rebuild and replay
    /// read the log from the start until the new build has written its own).
    /// 2: incident timelines hold facts (TimelineEntry's fields), not sentences; workers keep their check-in name;
    ///    orders kept open by a close stay active.
    /// </summary>
    public const int RulesVersion = 4; // 3: sensor readings and warnings in the grids; 4: depot stocks and supply orders

    private static readonly JsonSerializerOptions SnapshotJson = new() { WriteIndented = false };

    /// <summary>Every grain's state (not the duplicate index). Cheap enough for the silo's loop only on a clone.</summary>
    public ModelState ToState()
    {
        var aggregates = new List<AreaSnapshot>(_parents.Count + 1) { County.ToState() };
        aggregates.AddRange(_parents.Values.Select(p => p.ToState()));
        return new ModelState(RulesVersion, LastSeq, Now, [.. _grids.Values.Select(g => g.ToState())], aggregates,
            [.. County.RunningDrills], [.. County.EndedDrills], _locator.ToState(), Board.ToState(), Supplies.ToState());
    }

    /// <summary>A model equal to the one <paramref name="state"/> was taken from, with an empty duplicate index.</summary>
    public static CountyModel FromState(ModelState state, CountyMap map, GrainOptions options, TimeSpan? dedupeWindow = null)
    {
        if (state.Rules != RulesVersion)
            throw new InvalidDataException($"snapshot made under grain rules {state.Rules}, this build runs {RulesVersion}");
        var m = new CountyModel(map, options, dedupeWindow)
        {
            LastSeq = state.LastSeq, Now = state.Now, _locator = EntityLocator.FromState(state.Locator), Board = CommandBoard.FromState(state.Board),
        };
        foreach (var g in state.Grids)
        {
            if (map.Find(g.Code) is not { Level: AreaLevel.Grid }) throw new InvalidDataException($"snapshot grid {g.Code} is not in this county map");
            m.Adopt(GridState.FromState(g, options));
        }
        foreach (var a in state.Aggregates)
        {
            var grain = m.FindAggregate(a.Code) ?? throw new InvalidDataException($"snapshot area {a.Code} is not in this county map");
            grain.Restore(a);
        }
        m.County.RestoreDrills(state.RunningDrills, state.EndedDrills);
        m.Supplies.Restore(state.Depots);
        return m;
    }

    /// <summary>
    /// What a snapshot's state depends on besides the events: the rules version, the thresholds (a case's deadline is
    /// fixed when it is reported) and the map. A snapshot is used only by a model with the same fingerprint.
    /// </summary>
    public long Fingerprint()
    {
        var text = $"{RulesVersion}\n{JsonSerializer.Serialize(_options)}\n{_map.County.Code}\n{string.Join(",", _map.Grids.Select(g => g.Code))}";
        return BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The model's state as gzipped JSON.</summary>
    public static byte[] Serialize(ModelState state)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gz, state, SnapshotJson);
        return buffer.ToArray();
    }

    public static ModelState Deserialize(byte[] gzippedJson)
    {
        using var gz = new GZipStream(new MemoryStream(gzippedJson), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<ModelState>(gz, SnapshotJson) ?? throw new InvalidDataException("empty snapshot");
    }

    /// <summary>
    /// Duplicate-index entries in a compact binary form: per entry the Seq as a delta from the previous one
    /// (7-bit varint) and the 16-byte key; gzipped (the deltas compress, the hashes do not).
    /// </summary>
    public static byte[] SerializeDedupe(IReadOnlyList<(long Seq, UInt128 Key)> entries)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            Span<byte> head = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(head, entries.Count);
            gz.Write(head);
            Span<byte> key = stackalloc byte[16];
            long previous = 0;
            foreach (var (seq, k) in entries)
            {
                var delta = (ulong)(seq - previous);
                previous = seq;
                while (delta >= 0x80) { gz.WriteByte((byte)(delta | 0x80)); delta >>= 7; }
                gz.WriteByte((byte)delta);
                BinaryPrimitives.WriteUInt128LittleEndian(key, k);
                gz.Write(key);
            }
        }
        return buffer.ToArray();
    }

    public static List<(long Seq, UInt128 Key)> DeserializeDedupe(byte[] data)
    {
        using var gz = new BufferedStream(new GZipStream(new MemoryStream(data), CompressionMode.Decompress), 1 << 16);
        Span<byte> head = stackalloc byte[4];
        gz.ReadExactly(head);
        var count = BinaryPrimitives.ReadInt32LittleEndian(head);
        var list = new List<(long, UInt128)>(count);
        Span<byte> key = stackalloc byte[16];
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            ulong delta = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = gz.ReadByte();
                if (b < 0) throw new EndOfStreamException("duplicate index segment is cut short");
                delta |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80) break;
            }
            previous += (long)delta;
            gz.ReadExactly(key);
            list.Add((previous, BinaryPrimitives.ReadUInt128LittleEndian(key)));
        }
        return list;
    }
}
