using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommandCenter.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CommandCenter.Ingest.Api;

/// <summary>
/// Which source an API key belongs to. Keys from configuration, plus keys an admin issues at run time,
/// which are kept only as SHA-256 digests in Ingest:KeyFile (default api-keys.json in the data root, Data:Root). Compared in constant time.
/// </summary>
public sealed class ApiKeyRegistry
{
    private sealed record Stored(string Source, string Digest);
    private readonly List<(string Source, byte[] Digest, bool Issued)> _keys = [];
    private readonly string? _file;

    public ApiKeyRegistry(IOptions<IngestOptions> options, IConfiguration? config = null)
    {
        foreach (var s in options.Value.Sources)
            if (!string.IsNullOrWhiteSpace(s.Name) && !string.IsNullOrEmpty(s.Key)) _keys.Add((s.Name, Digest(s.Key), false));
        _file = config is null ? null : Path.GetFullPath(config["Ingest:KeyFile"] ?? Path.Combine(config["Data:Root"] ?? ".data", "api-keys.json"));
        if (_file is not null) SecretFile.Tighten(_file);
        if (_file is not null && File.Exists(_file))
            foreach (var k in JsonSerializer.Deserialize<List<Stored>>(File.ReadAllText(_file))!)
                _keys.Add((k.Source, Convert.FromHexString(k.Digest), true));
    }

    public int Count { get { lock (_keys) return _keys.Count; } }

    public void Add(string source, string key)
    {
        lock (_keys) _keys.Add((source, Digest(key), false));
    }

    /// <summary>Makes a new key for a source, keeps its digest, and returns the key: the only time it is ever shown.</summary>
    public string Issue(string source)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        lock (_keys) { _keys.Add((source, Digest(key), true)); Persist(); }
        return key;
    }

    /// <summary>Revokes every issued key of a source; keys from configuration stay (change the configuration for those).</summary>
    public int Revoke(string source)
    {
        lock (_keys)
        {
            var n = _keys.RemoveAll(k => k.Issued && k.Source == source);
            Persist();
            return n;
        }
    }

    public IReadOnlyList<(string Source, int Keys, bool FromConfig)> Sources()
    {
        lock (_keys)
            return _keys.GroupBy(k => k.Source).Select(g => (g.Key, g.Count(), g.Any(k => !k.Issued))).OrderBy(s => s.Key).ToList();
    }

    /// <summary>The source this key authenticates, or null.</summary>
    public string? SourceOf(string? key)
    {
        if (string.IsNullOrEmpty(key)) return null;
        var digest = Digest(key);
        string? found = null;
        lock (_keys)
            foreach (var (source, d, _) in _keys)
                if (CryptographicOperations.FixedTimeEquals(d, digest)) found = source;
        return found;
    }

    private void Persist()
    {
        if (_file is null) return;
        var issued = _keys.Where(k => k.Issued).Select(k => new Stored(k.Source, Convert.ToHexString(k.Digest))).ToList();
        SecretFile.WriteAllText(_file, JsonSerializer.Serialize(issued)); // owner-only: 0600 in a 0700 folder
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
