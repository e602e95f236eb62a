namespace CommandCenter.Storage;

/// <summary>
/// Settings for <see cref="InfluxClient"/>, bound from the configuration section "Influx".
/// Works against InfluxDB 1.x (database + optional basic auth) and the v1-compatible API of
/// InfluxDB 2.x/3.x (set <see cref="Token"/> and turn <see cref="CreateDatabase"/> off).
/// </summary>
public sealed class InfluxOptions
{
    public const string SectionName = "Influx";

    /// <summary>Base address of the server, e.g. http://127.0.0.1:8086.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8086";

    /// <summary>Database (1.x) or the database name mapped to a bucket (2.x DBRP / 3.x).</summary>
    public string Database { get; set; } = "commandcenter";

    /// <summary>Retention policy sent as <c>rp</c>; null or empty means the database default.</summary>
    public string? RetentionPolicy { get; set; }

    /// <summary>Basic-auth user (sent in the Authorization header, never in the URL).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>API token: sent as <c>Authorization: Token …</c>. Wins over Username/Password.</summary>
    public string? Token { get; set; }

    /// <summary>Run <c>CREATE DATABASE</c> on start (1.x). Turn off for 2.x/3.x.</summary>
    public bool CreateDatabase { get; set; } = true;

    /// <summary>Lines per <c>POST /write</c> request; larger writes are split.</summary>
    public int MaxBatchLines { get; set; } = 5000;

    /// <summary>Retries after the first attempt on network errors, 5xx and 429.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First backoff delay; doubles per retry, with jitter, capped at 30 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time limit of one attempt (a write, or a query until its response headers arrive).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Secrets masked: safe to log.</summary>
    public override string ToString() =>
        $"Influx {{ Url = {Url}, Database = {Database}, RetentionPolicy = {RetentionPolicy ?? "(default)"}, " +
        $"Username = {Username ?? "(none)"}, Password = {Mask(Password)}, Token = {Mask(Token)}, " +
        $"CreateDatabase = {CreateDatabase}, MaxBatchLines = {MaxBatchLines}, MaxRetries = {MaxRetries}, " +
        $"RetryBaseDelay = {RetryBaseDelay.TotalMilliseconds} ms, Timeout = {Timeout.TotalSeconds} s }}";

    /// <summary>A copy, so a client's settings cannot change under it.</summary>
    public InfluxOptions Clone() => (InfluxOptions)MemberwiseClone();

    internal void Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw new ArgumentException($"Influx:Url must be an absolute http(s) address, got '{Url}'.");
        if (string.IsNullOrWhiteSpace(Database))
            throw new ArgumentException("Influx:Database must be set.");
        if (MaxBatchLines < 1) throw new ArgumentException("Influx:MaxBatchLines must be at least 1.");
        if (MaxRetries < 0) throw new ArgumentException("Influx:MaxRetries must not be negative.");
        if (RetryBaseDelay < TimeSpan.Zero) throw new ArgumentException("Influx:RetryBaseDelay must not be negative.");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentException("Influx:Timeout must be positive.");
    }

    private static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
