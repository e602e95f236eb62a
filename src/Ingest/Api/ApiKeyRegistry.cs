using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CommandCenter.Ingest.Api;

/// <summary>Which source an API key belongs to. Keys are held as SHA-256 digests and compared in constant time.</summary>
public sealed class ApiKeyRegistry
{
    private readonly List<(string Source, byte[] Digest)> _keys = [];

    public ApiKeyRegistry(IOptions<IngestOptions> options)
    {
        foreach (var s in options.Value.Sources)
            if (!string.IsNullOrWhiteSpace(s.Name) && !string.IsNullOrEmpty(s.Key)) Add(s.Name, s.Key);
    }

    public int Count => _keys.Count;

    public void Add(string source, string key)
    {
        lock (_keys) _keys.Add((source, Digest(key)));
    }

    /// <summary>The source this key authenticates, or null.</summary>
    public string? SourceOf(string? key)
    {
        if (string.IsNullOrEmpty(key)) return null;
        var digest = Digest(key);
        string? found = null;
        lock (_keys)
            foreach (var (source, d) in _keys)
                if (CryptographicOperations.FixedTimeEquals(d, digest)) found = source;
        return found;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
