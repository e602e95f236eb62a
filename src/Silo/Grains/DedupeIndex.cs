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
    private readonly Queue<(long Seq, UInt128 Key)> _byAge = new();
    private readonly long _windowNs = window.Ticks * 100;

    public int Count => _keys.Count;

    public bool Contains(string source, string id) => _keys.Contains(Key(source, id));

    public void Add(string source, string id, long seq)
    {
        var key = Key(source, id);
        if (_keys.Add(key)) _byAge.Enqueue((seq, key));
        while (_byAge.Count > 0 && (_byAge.Peek().Seq < seq - _windowNs || _byAge.Count > maxKeys))
            _keys.Remove(_byAge.Dequeue().Key);
    }

    private static UInt128 Key(string source, string id)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + id), hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }
}
