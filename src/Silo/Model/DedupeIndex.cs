using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Model;

/// <summary>
/// The idempotency keys (source, client id) of accepted events within a window (default 48 h) and at most
/// the last maxKeys events (default 5 million: about 45–65 bytes each, 16 in an open-addressing set, 24 in the age queue): the same event sent again inside both is a
/// duplicate. Keys are 128-bit hashes. At realistic rates (tens of events/s) the window binds; under
/// sustained load the key count does, so memory stays bounded.
/// </summary>
public sealed class DedupeIndex(TimeSpan window, int maxKeys = 5_000_000)
{
    private readonly KeySet _keys = new();
    private readonly SegmentedQueue<Aged> _byAge = new();
    private readonly long _windowNs = window.Ticks * 100;

    /// <summary>A key and the Seq of the event that added it, as two 64-bit halves: 24 bytes (a <see cref="UInt128"/> is 16-byte aligned, which would make it 32).</summary>
    private readonly record struct Aged(long Seq, ulong Hi, ulong Lo)
    {
        public UInt128 Key => new(Hi, Lo);
    }

    public int Count => _keys.Count;

    public bool Contains(string source, string id) => Contains(KeyOf(source, id));

    public bool Contains(UInt128 key) => _keys.Contains((ulong)(key >> 64), (ulong)key);

    public void Add(string source, string id, long seq) => Add(KeyOf(source, id), seq);

    /// <summary>Adds a key from <see cref="KeyOf"/> (compute it once when both checking and adding).</summary>
    public void Add(UInt128 key, long seq)
    {
        Hold(seq, key);
        DropOld(seq);
    }

    /// <summary>The keys held, oldest first, with the Seq of the event that added each one.</summary>
    public IEnumerable<(long Seq, UInt128 Key)> Entries => _byAge.Select(a => (a.Seq, a.Key));

    /// <summary>The keys added after <paramref name="afterSeq"/>, oldest first (a snapshot's segment).</summary>
    public List<(long Seq, UInt128 Key)> EntriesAfter(long afterSeq)
    {
        var list = new List<(long, UInt128)>();
        foreach (var a in _byAge)
            if (a.Seq > afterSeq) list.Add((a.Seq, a.Key));
        return list;
    }

    /// <summary>
    /// Adds stored keys back (from snapshot segments, in Seq order), then drops those outside the window
    /// and the key limit as of <paramref name="lastSeq"/>, as if the events had been applied.
    /// </summary>
    public void Restore(IEnumerable<(long Seq, UInt128 Key)> entries, long lastSeq)
    {
        foreach (var (seq, key) in entries) Hold(seq, key);
        DropOld(lastSeq);
    }

    private void Hold(long seq, UInt128 key)
    {
        var (hi, lo) = ((ulong)(key >> 64), (ulong)key);
        if (_keys.Add(hi, lo)) _byAge.Enqueue(new Aged(seq, hi, lo));
    }

    /// <summary>Drops the keys outside the window as of <paramref name="seq"/> and beyond the key limit, oldest first.</summary>
    private void DropOld(long seq)
    {
        while (_byAge.Count > 0 && (_byAge.Peek().Seq < seq - _windowNs || _byAge.Count > maxKeys))
        {
            var old = _byAge.Dequeue();
            _keys.Remove(old.Hi, old.Lo);
        }
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
