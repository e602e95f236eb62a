using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;
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
        // the map's cards close by themselves after 5 s here (30 s in the product), so the tests see them go
        ["Wall__CardCloseAfter"] = "00:00:05",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    public async Task InitializeAsync()
    {
        Influx = await InfluxServer.StartAsync();
        Host = new HostProcess(Influx.Url, "wall", HostSettings);
        // Chromium starts while the host does: both take seconds
        var browser = BrowserSession.LaunchAsync();
        await Host.StartAsync();
        (Playwright, Browser) = await browser;
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

    /// <summary>A host of its own (simulator off, the kiosk token set) with one account, made as create-admin makes them; started.</summary>
    public async Task<HostProcess> StartHostWithAccountAsync(string name, string user, string displayName, string role, string password)
    {
        var users = Path.Combine(Directory.CreateTempSubdirectory($"cc-{name}-").FullName, "users.json");
        new Accounts.UserStore(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build()).Save(user, displayName, role, password);
        var settings = HostSettings;
        settings["Accounts__File"] = users;
        var host = new HostProcess(Influx.Url, name, settings);
        await host.StartAsync();
        return host;
    }

    /// <summary>A 1080p page signed in as <paramref name="user"/> (on the page the sign-in leads to).</summary>
    public async Task<IPage> SignInAsync(HostProcess host, string user, string password, Action<IPage>? before = null)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        before?.Invoke(page);
        await page.GotoAsync($"{host.BaseUrl}/signin");
        await page.FillAsync("input[name=userName]", user);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
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
