using Microsoft.Playwright;

namespace CommandCenter.Bench;

/// <summary>Playwright driving the Debian Chromium headless, with the flags of tests/Browser.Tests/BrowserSession.cs (WebGL on SwiftShader).</summary>
public static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static readonly string[] Args = ["--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = Args });
        return (playwright, browser);
    }
}
