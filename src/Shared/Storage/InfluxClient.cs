using Microsoft.Extensions.Logging;

namespace CommandCenter.Storage;

/// <summary>
/// The project's InfluxDB client over the v1 HTTP API (<c>/ping</c>, <c>/write</c>, <c>/query</c>),
/// which InfluxDB 1.x, 2.x (v1 compatibility) and 3.x accept. Thread-safe; one per process is enough.
/// The <see cref="HttpClient"/> is not owned (not disposed) by the client.
/// </summary>
public sealed partial class InfluxClient
{
    private readonly HttpClient _http;
    private readonly InfluxTransport _transport;
    private readonly ILogger<InfluxClient>? _logger;

    public InfluxClient(HttpClient http, InfluxOptions options, ILogger<InfluxClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        Options = options.Clone();
        _logger = logger;
        _transport = new InfluxTransport(http, Options, logger);
    }

    /// <summary>The settings in use (a copy of those given; do not change them).</summary>
    public InfluxOptions Options { get; }

    /// <summary>
    /// GET /ping: true when the server answers 2xx (204 on 1.x/2.x; 3.x may answer 200). Never retries,
    /// never throws for network errors or timeouts.
    /// </summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            using var request = _transport.Authorize(new HttpRequestMessage(HttpMethod.Get, _transport.BuildUri("/ping")));
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or IOException ||
                                  (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>
    /// <c>CREATE DATABASE</c> for <see cref="InfluxOptions.Database"/> when
    /// <see cref="InfluxOptions.CreateDatabase"/> is on (idempotent on 1.x); otherwise nothing.
    /// </summary>
    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken = default)
    {
        if (!Options.CreateDatabase) return;
        await ExecuteCoreAsync($"CREATE DATABASE {QuoteIdentifier(Options.Database)}", withDatabase: false, cancellationToken)
            .ConfigureAwait(false);
        _logger?.LogInformation("InfluxDB database {Database} ready at {Url}", Options.Database, Options.Url);
    }

    /// <summary>Runs statements for their effect (CREATE, DROP, DELETE, …) with POST; results are discarded.</summary>
    public Task ExecuteAsync(string influxQl, CancellationToken cancellationToken = default) =>
        ExecuteCoreAsync(influxQl, withDatabase: true, cancellationToken);

    private async Task ExecuteCoreAsync(string influxQl, bool withDatabase, CancellationToken cancellationToken)
    {
        await foreach (var _ in QueryCoreAsync(influxQl, forcePost: true, withDatabase, cancellationToken).ConfigureAwait(false))
        {
        }
    }
}
