using System.Net;
using System.Text.RegularExpressions;
using CommandCenter.TestSupport;

namespace CommandCenter.EndToEnd.Tests.Accounts;

/// <summary>A browser-like HTTP session against the host: cookies kept, redirects not followed, antiforgery tokens read from pages.</summary>
public sealed partial class Session : IDisposable
{
    private readonly CookieContainer _cookies = new();
    public HttpClient Http { get; }

    public Session(HostProcess host)
    {
        Http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
    }

    /// <summary>Signs in through the real form; returns where the sign-in redirected.</summary>
    public async Task<string> SignInAsync(string user, string password)
    {
        var token = FormToken(await Http.GetStringAsync("/signin"));
        using var r = await Http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user, ["password"] = password, ["returnUrl"] = "", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return r.Headers.Location!.ToString();
    }

    /// <summary>The request token the console page carries for JSON calls.</summary>
    public async Task<string> CsrfAsync()
    {
        var html = await Http.GetStringAsync("/dispatch");
        return MetaToken().Match(html).Groups[1].Value;
    }

    /// <summary>The request token of a page with a csrf-token meta tag (/dispatch, /admin).</summary>
    public async Task<string> CsrfAsync(string page) => MetaToken().Match(await Http.GetStringAsync(page)).Groups[1].Value;

    public static string FormToken(string html) => FormTokenRegex().Match(html).Groups[1].Value;

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex FormTokenRegex();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();

    public void Dispose() => Http.Dispose();
}
