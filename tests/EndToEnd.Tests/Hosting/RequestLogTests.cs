using System.Net;
using System.Security.Cryptography;
using CommandCenter.Events;
using CommandCenter.Hosting;
using CommandCenter.TestSupport;
using Serilog.Events;

namespace CommandCenter.EndToEnd.Tests.Hosting;

/// <summary>
/// Issue 15 item 7: Serilog.AspNetCore request logging on the real host. A request line per request at the chosen level,
/// and never a secret in the log file — not the kiosk token (a query parameter of the wall's address), not an ingest API
/// key (a header, or pasted into a query) — even with ASP.NET Core's own request logs turned up to Information, whose
/// "Request starting" line carries the query string.
/// </summary>
public sealed class RequestLogTests(InfluxFixture influx) : IClassFixture<InfluxFixture>
{
    [Fact]
    public async Task Requests_are_logged_with_their_status_and_level_and_no_kiosk_token_or_api_key_reaches_the_log_file()
    {
        var kioskToken = "kiosk-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        await using var host = new HostProcess(influx.Server.Url, $"reqlog_{Guid.NewGuid():N}", new Dictionary<string, string>
        {
            ["Wall__KioskToken"] = kioskToken,
            ["Serilog__MinimumLevel__Default"] = "Debug",
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Information",
        });
        await host.StartAsync();

        using var plain = new HttpClient { BaseAddress = new Uri(host.BaseUrl + "/") };
        using (var wall = await plain.GetAsync($"wall?token={kioskToken}")) Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        using (var missing = await plain.GetAsync($"no-such-page?api_key={host.ApiKey}")) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var (posted, _) = await host.PostEventsAsync([Wire.CheckIn(1, "网格员-日志")]);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var log = await WaitForLogAsync(host, "HTTP GET /no-such-page responded 404");
        Assert.Contains("[WRN] Serilog.AspNetCore.RequestLoggingMiddleware: HTTP GET /no-such-page responded 404", log);
        Assert.Contains("[DBG] Serilog.AspNetCore.RequestLoggingMiddleware: HTTP GET /wall responded 200", log);
        Assert.Contains("[DBG] Serilog.AspNetCore.RequestLoggingMiddleware: HTTP POST /api/v1/events responded 200", log);
        Assert.DoesNotContain(kioskToken, log);
        Assert.DoesNotContain(host.ApiKey, log);
        // ASP.NET Core's own "Request starting" lines, which carry the query, were written: masked
        Assert.Contains("/wall?token=***", log);
        Assert.Contains("/no-such-page?api_key=***", log);
    }

    [Fact]
    public void A_server_error_or_a_failed_request_is_an_error_a_refusal_a_warning_and_the_rest_debug()
    {
        Assert.Equal(LogEventLevel.Error, Logging.RequestLevel(500, null));
        Assert.Equal(LogEventLevel.Error, Logging.RequestLevel(503, null));
        Assert.Equal(LogEventLevel.Error, Logging.RequestLevel(200, new InvalidOperationException()));
        Assert.Equal(LogEventLevel.Warning, Logging.RequestLevel(401, null));
        Assert.Equal(LogEventLevel.Warning, Logging.RequestLevel(404, null));
        Assert.Equal(LogEventLevel.Debug, Logging.RequestLevel(200, null));
        Assert.Equal(LogEventLevel.Debug, Logging.RequestLevel(302, null));
    }

    [Fact]
    public void Secret_query_values_are_masked_and_the_rest_of_the_text_kept()
    {
        Assert.Equal("?token=***", SecretRedaction.Mask("?token=abc"));
        Assert.Equal("/wall?view=a&Token=***&z=1", SecretRedaction.Mask("/wall?view=a&Token=s3cr3t&z=1"));
        Assert.Equal("?api_key=*** and password=*** ok", SecretRedaction.Mask("?api_key=K1 and password=p@ss ok"));
        Assert.Equal("?view=county&grid=12", SecretRedaction.Mask("?view=county&grid=12"));
    }

    private static async Task<string> WaitForLogAsync(HostProcess host, string line)
    {
        var text = "";
        for (var i = 0; i < 100; i++)
        {
            text = string.Join("\n", Directory.GetFiles(host.LogDir, "commandcenter-*.log").Select(Read));
            if (text.Contains(line)) return text;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"the log in {host.LogDir} has no \"{line}\":\n{text[Math.Max(0, text.Length - 4000)..]}");
    }

    private static string Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }
}
