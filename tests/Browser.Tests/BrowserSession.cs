using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>Playwright driving the Debian Chromium (never a downloaded browser), headless, WebGL on SwiftShader.</summary>
public static class BrowserSession
{
    public const string Chromium = "/usr/bin/chromium";

    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException("Debian chromium is not installed: run scripts/install.sh --tests");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    /// <summary>Where screenshots go: TestResults/screenshots under the repository (kept as CI artifacts).</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = Path.Combine(TestSupport.RepoPaths.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
