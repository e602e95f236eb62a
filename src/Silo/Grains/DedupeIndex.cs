using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Grains;

/// <summary>
/// The idempotency keys (source, client id) of accepted events within a window (default 48 h) and at most
/// the last maxKeys events (default 5 million, about 250 MB): the same event sent again inside both is a
/// duplicate. Keys are 128-bit hashes. At realistic rates (tens of events/s) the window binds; under
/// sustained load the key count does, so memory stays bounded.
/// </summary>
public sealed class DedupeIndex(TimeSpan window, int maxKeys = 5_000_000)
{
    private readonly HashSet<UInt128> _keys = [];
    private readonly SegmentedQueue<(long Seq, UInt128 Key)> _byAge = new();
    private readonly long _windowNs = window.Ticks * 100;

    public int Count => _keys.Count;

    public bool Contains(string source, string id) => _keys.Contains(KeyOf(source, id));

    public bool Contains(UInt128 key) => _keys.Contains(key);

    public void Add(string source, string id, long seq) => Add(KeyOf(source, id), seq);

    /// <summary>Adds a key from <see cref="KeyOf"/> (compute it once when both checking and adding).</summary>
    public void Add(UInt128 key, long seq)
    {
        if (_keys.Add(key)) _byAge.Enqueue((seq, key));
        while (_byAge.Count > 0 && (_byAge.Peek().Seq < seq - _windowNs || _byAge.Count > maxKeys))
            _keys.Remove(_byAge.Dequeue().Key);
    }

    /// <summary>The keys held, oldest first, with the Seq of the event that added each one.</summary>
    public IEnumerable<(long Seq, UInt128 Key)> Entries => _byAge;

    /// <summary>The keys added after <paramref name="afterSeq"/>, oldest first (a snapshot's segment).</summary>
    public List<(long Seq, UInt128 Key)> EntriesAfter(long afterSeq)
    {
        var list = new List<(long, UInt128)>();
        foreach (var entry in _byAge)
            if (entry.Seq > afterSeq) list.Add(entry);
        return list;
    }

    /// <summary>
    /// Adds stored keys back (from snapshot segments, in Seq order), then drops those outside the window
    /// and the key limit as of <paramref name="lastSeq"/>, as if the events had been applied.
    /// </summary>
    public void Restore(IEnumerable<(long Seq, UInt128 Key)> entries, long lastSeq)
    {
        foreach (var (seq, key) in entries)
            if (_keys.Add(key)) _byAge.Enqueue((seq, key));
        while (_byAge.Count > 0 && (_byAge.Peek().Seq < lastSeq - _windowNs || _byAge.Count > maxKeys))
            _keys.Remove(_byAge.Dequeue().Key);
    }

    /// <summary>The window in ns.</summary>
    public long WindowNs => _windowNs;

    /// <summary>
    /// The key of (source, id): the first 128 bits of SHA-256 over UTF-8 "source\nid" (stored in snapshots, so it
    /// must not change). Encoded on the stack for ordinary ids: this runs for every event.
    /// </summary>
    public static UInt128 KeyOf(string source, string id)
    {
        var length = Encoding.UTF8.GetMaxByteCount(source.Length + 1 + id.Length);
        byte[]? rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var text = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            var n = Encoding.UTF8.GetBytes(source, text);
            text[n++] = (byte)'\n';
            n += Encoding.UTF8.GetBytes(id, text[n..]);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(text[..n], hash);
            return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
