using System.Net;

namespace CommandCenter.Shared.Tests.Storage;

/// <summary>An HttpMessageHandler that records requests and answers from a script.</summary>
internal sealed class StubInfluxHandler(Func<HttpRequestMessage, int, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<(HttpMethod Method, Uri Uri, string? Body, string? Authorization)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
        int n;
        lock (Requests)
        {
            Requests.Add((request.Method, request.RequestUri!, body, request.Headers.Authorization?.ToString()));
            n = Requests.Count;
        }
        return respond(request, n);
    }

    public static HttpResponseMessage Status(HttpStatusCode code, string? json = null) =>
        new(code) { Content = new StringContent(json ?? "") };
}
