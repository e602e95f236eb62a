using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Storage;

/// <summary>
/// Sends requests to InfluxDB with authentication, a per-attempt timeout and retries with
/// exponential backoff plus jitter on network errors, timeouts, 5xx, 408 and 429. Other answers,
/// success or not, go back to the caller. Writes are safe to retry: the same point (series and
/// timestamp) written twice is stored once.
/// </summary>
internal sealed class InfluxTransport(HttpClient http, InfluxOptions options, ILogger? logger)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private readonly string _baseUrl = options.Url.TrimEnd('/');
    private readonly AuthenticationHeaderValue? _auth = CreateAuth(options);

    public Uri BuildUri(string path, params (string Name, string? Value)[] query)
    {
        var sb = new StringBuilder(_baseUrl).Append(path);
        var first = true;
        foreach (var (name, value) in query)
        {
            if (string.IsNullOrEmpty(value)) continue;
            sb.Append(first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }
        return new Uri(sb.ToString());
    }

    /// <summary>
    /// Sends with retries. Returns the response when it is not retryable (2xx, most 4xx); the caller
    /// disposes it. Throws <see cref="InfluxUnavailableException"/> once retries are used up.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest, HttpCompletionOption completion, string operation, CancellationToken ct)
    {
        var attempts = options.MaxRetries + 1;
        for (var attempt = 1; ; attempt++)
        {
            HttpStatusCode? status = null;
            string? serverError = null;
            Exception? error = null;
            TimeSpan? retryAfter = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(options.Timeout);
                try
                {
                    using var request = Authorize(createRequest());
                    var response = await http.SendAsync(request, completion, timeout.Token).ConfigureAwait(false);
                    if (!IsRetryable(response.StatusCode)) return response;
                    using (response)
                    {
                        status = response.StatusCode;
                        retryAfter = response.Headers.RetryAfter?.Delta;
                        serverError = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
                {
                    error = new TimeoutException($"No answer from InfluxDB within {options.Timeout.TotalSeconds} s.", e);
                }
                catch (HttpRequestException e)
                {
                    error = e;
                }
                catch (IOException e)
                {
                    error = e;
                }
            }

            var reason = error?.Message ?? $"HTTP {(int)status!} {serverError}";
            if (attempt >= attempts)
                throw new InfluxUnavailableException(
                    $"InfluxDB at {_baseUrl} unavailable for {operation} after {attempt} attempt(s): {reason}",
                    attempt, status, serverError, error);

            var delay = Backoff(attempt, retryAfter);
            logger?.LogWarning("InfluxDB {Operation} attempt {Attempt}/{Attempts} failed ({Reason}); retrying in {DelayMs} ms",
                operation, attempt, attempts, reason, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Adds the configured Authorization header (Token or Basic), if any.</summary>
    public HttpRequestMessage Authorize(HttpRequestMessage request)
    {
        if (_auth is not null) request.Headers.Authorization = _auth;
        return request;
    }

    /// <summary>The "error" member of an InfluxDB JSON answer, or the body text.</summary>
    public static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return $"(error body unreadable: {e.Message})";
        }
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                return e.GetString()!;
        }
        catch (JsonException)
        {
        }
        var header = response.Headers.TryGetValues("X-Influxdb-Error", out var v) ? string.Join(" ", v) : null;
        return string.IsNullOrWhiteSpace(body) ? header ?? response.ReasonPhrase ?? "" : body.Trim();
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exp = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = Math.Min(exp, MaxDelay.TotalMilliseconds);
        var jittered = capped * (0.5 + Random.Shared.NextDouble() * 0.5);
        var ms = Math.Max(jittered, Math.Min(retryAfter?.TotalMilliseconds ?? 0, MaxDelay.TotalMilliseconds));
        return TimeSpan.FromMilliseconds(ms);
    }

    private static AuthenticationHeaderValue? CreateAuth(InfluxOptions o)
    {
        if (!string.IsNullOrEmpty(o.Token)) return new AuthenticationHeaderValue("Token", o.Token);
        if (string.IsNullOrEmpty(o.Username)) return null;
        var raw = Encoding.UTF8.GetBytes($"{o.Username}:{o.Password}");
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
    }
}
