using System.Globalization;
using System.Text.Json;
using CommandCenter.TestSupport;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// Issue 13 item 10: after importing real district boundaries, neighbouring labels do not collide on the wall. A county
/// of 30 narrow neighbouring streets (far narrower on screen than their names) is loaded from GeoJSON; the area labels
/// shown on the wall (streets or, at this zoom, communities of the same shape) must not overlap, and as many as fit are still shown.
/// </summary>
[Collection("wall")]
public sealed class WallLabelTests(WallFixture f)
{
    private const int Strips = 30;
    private const double Lon0 = 119.5, Lat0 = 29.5, Width = 0.004, Height = 0.06;

    private static string Square(double x0, double y0, double x1, double y1)
    {
        string P(double x, double y) => string.Create(CultureInfo.InvariantCulture, $"[{x},{y}]");
        return $$"""{"type":"Polygon","coordinates":[[{{P(x0, y0)}},{{P(x1, y0)}},{{P(x1, y1)}},{{P(x0, y1)}},{{P(x0, y0)}}]]}""";
    }

    private static string Feature(string code, string name, string level, string? parent, string geometry) =>
        $$"""{"type":"Feature","properties":{"code":"{{code}}","name":"{{name}}","level":"{{level}}"{{(parent is null ? "" : $",\"parent\":\"{parent}\"")}}},"geometry":{{geometry}}}""";

    private static string NarrowStreetsCounty()
    {
        var features = new List<string> { Feature("900", "条带县", "county", null, Square(Lon0, Lat0, Lon0 + Strips * Width, Lat0 + Height)) };
        for (var i = 0; i < Strips; i++)
        {
            var shape = Square(Lon0 + i * Width, Lat0, Lon0 + (i + 1) * Width, Lat0 + Height);
            var street = $"900{i + 1:000}";
            features.Add(Feature(street, $"第{i + 1}街道", "street", "900", shape));
            features.Add(Feature(street + "001", $"第{i + 1}社区", "community", street, shape));
            features.Add(Feature(street + "001001", $"第{i + 1}网格", "grid", street + "001", shape));
        }
        return $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""";
    }

    [Fact]
    public async Task Labels_of_narrow_neighbouring_areas_do_not_overlap_on_the_wall()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("cc-labels-").FullName, "strips.geojson");
        await File.WriteAllTextAsync(file, NarrowStreetsCounty());
        var settings = WallFixture.HostSettings;
        settings["Geography__GeoJsonFiles__0"] = file;
        settings["Simulator__Enabled"] = "false";
        await using var host = new HostProcess(f.Influx.Url, "wall_labels", settings);
        await host.StartAsync();

        var page = await f.OpenWallAsync(host);
        await page.WaitForTimeoutAsync(3000); // the county fit (animated) and the labels placed after it
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("wall-narrow-street-labels.png") });
        var boxes = JsonDocument.Parse(await page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('.map-label')]
              .filter(el => !el.hidden && getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden')
              .map(el => { const r = el.getBoundingClientRect(); return { t: el.textContent, l: r.left, r: r.right, top: r.top, b: r.bottom }; }))
            """)).RootElement.EnumerateArray()
            .Select(e => (Text: e.GetProperty("t").GetString(), L: e.GetProperty("l").GetDouble(), R: e.GetProperty("r").GetDouble(),
                T: e.GetProperty("top").GetDouble(), B: e.GetProperty("b").GetDouble()))
            .ToList();
        Assert.InRange(boxes.Count, 5, Strips - 1); // some shown, not all: 30 names cannot fit side by side
        var overlaps = (from a in boxes from b in boxes
                        where string.CompareOrdinal(a.Text, b.Text) < 0 && a.L < b.R && a.R > b.L && a.T < b.B && a.B > b.T
                        select $"{a.Text} × {b.Text}").ToList();
        Assert.True(overlaps.Count == 0, "overlapping labels: " + string.Join(", ", overlaps));
        await page.CloseAsync();
    }
}
