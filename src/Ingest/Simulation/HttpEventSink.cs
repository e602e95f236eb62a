using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Ingest;

namespace CommandCenter.Simulation;

/// <summary>
/// Posts batches to <c>POST api/v1/events</c> (relative to the client's BaseAddress) as
/// <c>{"events":[…]}</c> with <see cref="IngestJson.Options"/> and the <c>X-Api-Key</c> header.
/// 200 → the parsed response; 503 with a body → that response (Failed &gt; 0, so the caller retries);
/// anything else (network error, timeout, other status, unreadable body) → <see cref="EventSinkException"/>.
/// Never logs, so the key cannot leak.
/// </summary>
public sealed class HttpEventSink : IEventSink
{
    public const string ClientName = "CountySimulator";
    public const string RelativePath = "api/v1/events";

    private readonly Func<HttpClient> _client;
    private readonly string? _apiKey;

    public HttpEventSink(HttpClient client, string? apiKey) : this(() => client, apiKey) { }

    /// <summary>Takes a client per send (e.g. from IHttpClientFactory) so handlers can rotate.</summary>
    public HttpEventSink(Func<HttpClient> client, string? apiKey)
    {
        _client = client;
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
    }

    public async Task<IngestResponse> SendAsync(IReadOnlyList<WireEvent> batch, CancellationToken ct)
    {
        var client = _client();
        if (client.BaseAddress is null)
            throw new EventSinkException("the simulator has no BaseAddress for the ingest API");

        using var request = new HttpRequestMessage(HttpMethod.Post, RelativePath)
        {
            Content = JsonContent.Create(new IngestBatch(batch), options: IngestJson.Options),
        };
        if (_apiKey is not null) request.Headers.TryAddWithoutValidation("X-Api-Key", _apiKey);

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new EventSinkException($"ingest unreachable: {e.Message}", null, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new EventSinkException("ingest timed out", null, e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))
                throw new EventSinkException($"ingest answered HTTP {status}", status);

            IngestResponse? body;
            try
            {
                body = await response.Content.ReadFromJsonAsync<IngestResponse>(IngestJson.Options, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or HttpRequestException)
            {
                throw new EventSinkException($"ingest answered HTTP {status} with an unreadable body", status, e);
            }

            if (body is null)
                throw new EventSinkException($"ingest answered HTTP {status} without a body", status);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && body.Failed == 0)
                body = body with { Failed = Math.Max(1, batch.Count - body.Accepted - body.Duplicates - body.Rejected) };
            return body;
        }
    }
}
