namespace CommandCenter.Ingest.Api;

/// <summary>Config section "Ingest".</summary>
public sealed class IngestOptions
{
    /// <summary>The outside systems allowed to post events, each with its own API key (from config or environment, never committed).</summary>
    public List<IngestSource> Sources { get; set; } = [];

    /// <summary>An event dated further ahead than this is refused (clock skew allowance).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An event older than this is refused (too late to be live).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Largest request body accepted.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;
}

public sealed class IngestSource
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public override string ToString() => $"{Name} (key ****)";
}
