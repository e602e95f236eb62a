using System.Globalization;
using CommandCenter.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// The wall's status colours as a colour-blind viewer sees them: Chromium's own vision deficiency emulation (DevTools
/// protocol) applied to the real rendered map, pixels sampled inside grids of every status level.
/// </summary>
[Collection("wall")]
public sealed class WallPaletteTests(WallFixture f, ITestOutputHelper output)
{
    private const int Within = 8_000;

    /// <summary>CIE76 ΔE between any two grid levels, under every emulation: about twice a "clearly different" step.</summary>
    private const double MinDeltaE = 20;

    // four grids near the end of the demo county that no other wall test touches: normal, attention, alarm, critical
    private static readonly int[] Grids = [2393, 2394, 2395, 2396];

    [Theory]
    [InlineData(1920, 1080, "1080p")]
    [InlineData(3840, 2160, "4k")]
    public async Task Grid_status_levels_stay_apart_for_deuteranopia_protanopia_and_tritanopia(int width, int height, string size)
    {
        var page = await f.OpenWallAsync(width: width, height: height);
        // attention: an open level-IV alarm; alarm: level II; critical: level I (GridFigures.Classify)
        // (raised again for the second size: the grids keep their levels, the new alarms only add to them)
        await f.Host.PostEventsAsync([Wire.Raise(Grids[1], Wire.Id("pal"), 4), Wire.Raise(Grids[2], Wire.Id("pal"), 2), Wire.Raise(Grids[3], Wire.Id("pal"), 1)]);
        for (var level = 0; level < 4; level++)
            await page.WaitForFunctionAsync($"() => (window.__wall.map.gridStates.get('{Wire.Grid(Grids[level])}')?.level ?? 0) === {level}", null, new() { Timeout = 20_000 }); // a 4K page renders slowly on a busy CPU

        // frame the four grids; hide what is drawn over them (alarm dots, pulse rings, labels, legend, banner) to read the fills
        var inv = CultureInfo.InvariantCulture;
        var areas = Grids.Select(i => Wire.Map.Grids[i]).ToArray();
        var corners = areas.SelectMany(a => a.Shape.Polygons.SelectMany(p => p).SelectMany(r => r)).ToArray();
        var bounds = string.Format(inv, "[[{0},{1}],[{2},{3}]]", corners.Min(p => p.Lon), corners.Min(p => p.Lat), corners.Max(p => p.Lon), corners.Max(p => p.Lat));
        var labels = "[" + string.Join(",", areas.Select(a => string.Format(inv, "[{0},{1}]", a.LabelPoint.Lon, a.LabelPoint.Lat))) + "]";
        var points = await page.EvaluateAsync<double[][]>($$"""
            async () => {
              const m = window.__wall.map.map;
              m.fitBounds({{bounds}}, { padding: 120, duration: 0 });
              m.setLayoutProperty('alarms', 'visibility', 'none');
              // inline styles through the CSSOM: the page's content security policy refuses a <style> element
              for (const e of document.querySelectorAll('.maplibregl-marker, .legend, .urgent-banner')) e.style.visibility = 'hidden';
              await new Promise(r => m.once('idle', r));
              const box = m.getContainer().getBoundingClientRect();
              return {{labels}}.map(ll => { const p = m.project(ll); return [box.left + p.x, box.top + p.y]; });
            }
            """);
        Assert.Equal(4, points.Length);

        var cdp = await page.Context.NewCDPSessionAsync(page);
        // screenshots are decoded on a blank page: the wall's content security policy rightly refuses data: URLs
        var decoder = await f.Browser.NewPageAsync();
        var seen = new Dictionary<string, (int R, int G, int B)[]>();
        foreach (var deficiency in new[] { "none", "deuteranopia", "protanopia", "tritanopia" })
        {
            await cdp.SendAsync("Emulation.setEmulatedVisionDeficiency", new() { ["type"] = deficiency });
            var png = await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath($"wall-levels-{deficiency}-{size}.png") });
            var colours = await SampleAsync(decoder, png, points, width);
            seen[deficiency] = colours;
            var labs = colours.Select(Lab).ToArray();
            var least = Enumerable.Range(0, 4).SelectMany(i => Enumerable.Range(i + 1, 3 - i).Select(j => DeltaE(labs[i], labs[j]))).Min();
            output.WriteLine($"{size} {deficiency}: {string.Join(" ", colours.Select(c => $"rgb{c}"))}, least ΔE {least:0.0}");
            for (var i = 0; i < 4; i++)
                for (var j = i + 1; j < 4; j++)
                {
                    var d = DeltaE(labs[i], labs[j]);
                    Assert.True(d >= MinDeltaE, $"{size} {deficiency}: levels {i} rgb{colours[i]} and {j} rgb{colours[j]} only ΔE {d:0.0} apart");
                }
        }
        await cdp.SendAsync("Emulation.setEmulatedVisionDeficiency", new() { ["type"] = "none" });
        // the emulation really changed what was captured (else the test would measure the plain colours four times)
        Assert.NotEqual(seen["none"][3], seen["deuteranopia"][3]);
        Assert.NotEqual(seen["none"][1], seen["tritanopia"][1]);
        await decoder.CloseAsync();
        await page.CloseAsync();
    }

    /// <summary>The mean colour of a 5×5 patch of the screenshot around each point (decoded by the page's own canvas).</summary>
    internal static async Task<(int R, int G, int B)[]> SampleAsync(IPage decoder, byte[] png, double[][] points, int cssWidth)
    {
        var rgb = await decoder.EvaluateAsync<int[][]>("""
            async ([b64, points, cssWidth]) => {
              const img = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
              const c = document.createElement('canvas');
              c.width = img.width; c.height = img.height;
              const g = c.getContext('2d');
              g.drawImage(img, 0, 0);
              const scale = img.width / cssWidth;
              return points.map(([x, y]) => {
                const d = g.getImageData(Math.round(x * scale) - 2, Math.round(y * scale) - 2, 5, 5).data;
                const s = [0, 0, 0];
                for (let i = 0; i < d.length; i += 4) { s[0] += d[i]; s[1] += d[i + 1]; s[2] += d[i + 2]; }
                return s.map(v => Math.round(v / 25));
              });
            }
            """, new object[] { Convert.ToBase64String(png), points, cssWidth });
        return rgb.Select(c => (c[0], c[1], c[2])).ToArray();
    }

    /// <summary>sRGB (D65) to CIE L*a*b*.</summary>
    public static (double L, double A, double B) Lab((int R, int G, int B) c)
    {
        static double Lin(int v) { var x = v / 255.0; return x <= 0.04045 ? x / 12.92 : Math.Pow((x + 0.055) / 1.055, 2.4); }
        var (r, g, b) = (Lin(c.R), Lin(c.G), Lin(c.B));
        var x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        var y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        var z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : 7.787 * t + 16.0 / 116;
        return (116 * F(y) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));
    }

    public static double DeltaE((double L, double A, double B) p, (double L, double A, double B) q) =>
        Math.Sqrt(Math.Pow(p.L - q.L, 2) + Math.Pow(p.A - q.A, 2) + Math.Pow(p.B - q.B, 2));
}
