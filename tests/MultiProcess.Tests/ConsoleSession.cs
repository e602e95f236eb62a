using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace CommandCenter.MultiProcess.Tests;

/// <summary>A signed-in console user against the dashboard process: cookies kept, antiforgery token read from /dispatch.</summary>
public sealed partial class ConsoleSession : IDisposable
{
    private readonly HttpClient _http;
    private string _csrf = "";

    public ConsoleSession(string baseUrl) =>
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };

    public async Task SignInAsync(string user, string password)
    {
        var form = FormToken().Match(await _http.GetStringAsync("/signin")).Groups[1].Value;
        using var r = await _http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user, ["password"] = password, ["returnUrl"] = "", ["__RequestVerificationToken"] = form,
        }));
        if (r.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in of {user} answered {r.StatusCode}");
        _csrf = MetaToken().Match(await _http.GetStringAsync("/dispatch")).Groups[1].Value;
    }

    public Task<string> GetStringAsync(string path) => _http.GetStringAsync(path);

    public Task<HttpResponseMessage> AcknowledgeAsync(string alarm, string requestId)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/console/alarms/{alarm}/acknowledge")
        {
            Content = JsonContent.Create(new { requestId, note = "已电话核实" }),
        };
        req.Headers.Add("X-CSRF-TOKEN", _csrf);
        return _http.SendAsync(req);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();

    public void Dispose() => _http.Dispose();
}
