using CommandCenter.TestSupport;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>A real InfluxDB, the real host (simulator off, kiosk token set) and a Chromium, shared by the wall tests.</summary>
public sealed class WallFixture : IAsyncLifetime
{
    public const string Token = "kiosk-test-token";
    public InfluxServer Influx { get; private set; } = null!;
    public HostProcess Host { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static Dictionary<string, string> HostSettings => new()
    {
        ["Wall__KioskToken"] = Token,
        ["Wall__FlyToCritical"] = "false",
        ["Wall__FlushInterval"] = "00:00:00.100",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    public async Task InitializeAsync()
    {
        Influx = await InfluxServer.StartAsync();
        Host = new HostProcess(Influx.Url, "wall", HostSettings);
        await Host.StartAsync();
        (Playwright, Browser) = await BrowserSession.LaunchAsync();
    }

    /// <summary>A fresh page on /wall, waited until the map is loaded and the first snapshot applied.</summary>
    public async Task<IPage> OpenWallAsync(HostProcess? host = null, int width = 1920, int height = 1080, string query = "")
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        page.PageError += (_, e) => Console.WriteLine($"page error: {e}");
        await page.GotoAsync($"{(host ?? Host).BaseUrl}/wall?token={Token}{query}");
        await page.WaitForFunctionAsync("() => window.__wall && window.__wall.map.ready && window.__wall.live.status === 'live'", null, new() { Timeout = 30_000 });
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Host.DisposeAsync();
        await Influx.DisposeAsync();
    }
}

[CollectionDefinition("wall")]
public sealed class WallCollection : ICollectionFixture<WallFixture>;
