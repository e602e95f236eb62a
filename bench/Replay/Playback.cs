using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.Playwright;

namespace CommandCenter.Bench.Replay;

/// <summary>What the page did while playing, measured over the playing window (play clicked → playback stopped or the time ran out).</summary>
public sealed class PlaybackResult
{
    public string ChromiumVersion = "";
    public double OpenSeconds;               // goto → state ready and the first frame drawn (includes the page's own replay load)
    public double PlayingSeconds;            // first rAF with playing → last rAF with playing
    public bool ReachedEnd;                  // playback stopped by itself at the end of the range
    public double CursorAdvancedHours;       // how far the replay cursor moved while playing
    public double CursorAtEndHours;          // cursor − from when the measurement ended
    public double RangeHours;
    public int Frames;                       // rAF callbacks in the playing window
    public double[] FrameIntervalsMs = [];   // sorted
    public int ReplayFramesDrawn;            // window.__replay.state.frames delta
    public int FrameRequests, EventsRequests;
    public double[] FrameRequestMs = [];     // sorted: the page's frame requests, start → response end
    public double FrameRequestMeanKb, FrameRequestMaxKb;
    public double[] IdleIntervalsMs = [];    // sorted: rAF intervals after playback stopped (the same page, not playing)
    public double IdleSeconds;
    public Dictionary<string, double> Cores = [];
    public string OtherTop = "";
    public List<(string Thread, double Cores)> ChromiumThreads = [];  // top Chromium threads while playing
    public double LongTaskSeconds;           // main-thread long tasks (> 50 ms) inside the playing window
    public int LongTasks;
    public double LongTaskMaxMs;
    public long? HostRssAfterOpen, HostRssAfterPlay, ChromiumRss;
    public List<string> Errors = [];
    public string? Problem;

    public double FramesPerSecond => PlayingSeconds > 0 ? Frames / PlayingSeconds : 0;
    public double ReplayFramesPerSecond => PlayingSeconds > 0 ? ReplayFramesDrawn / PlayingSeconds : 0;
    public double FrameRequestsPerSecond => PlayingSeconds > 0 ? FrameRequests / PlayingSeconds : 0;
    public int Over50 => FrameIntervalsMs.Count(v => v > 50);
}

/// <summary>
/// /replay?from=…&amp;to=… in the Debian Chromium (Playwright, headless, the flags of tests/Browser.Tests/BrowserSession.cs,
/// WebGL on SwiftShader) at 1920×1080: the page opens its own replay of the range, then plays at <c>speed</c>× for
/// <c>seconds</c> of wall time while a requestAnimationFrame loop records frame intervals, the cursor and frames drawn.
/// </summary>
public static class Playback
{
    public static async Task<PlaybackResult> RunAsync(string baseUrl, string token, DateTimeOffset from, DateTimeOffset to, int speed, double seconds,
        int? hostPid, int? influxPid, Action<string> say)
    {
        var result = new PlaybackResult { RangeHours = (to - from).TotalHours };
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        result.ChromiumVersion = browser.Version;
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        using (var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("replay-probe.js")!)
        using (var reader = new StreamReader(stream))
            await page.AddInitScriptAsync(await reader.ReadToEndAsync());
        page.PageError += (_, e) => { lock (result.Errors) if (result.Errors.Count < 5) result.Errors.Add($"page error: {e}"); };
        page.Console += (_, m) => { if (m.Type == "error") lock (result.Errors) if (result.Errors.Count < 5) result.Errors.Add($"console error: {m.Text}"); };

        var url = $"{baseUrl}/replay?token={token}&from={Uri.EscapeDataString(ApiReplay.Iso(from))}&to={Uri.EscapeDataString(ApiReplay.Iso(to))}";
        var opened = Stopwatch.StartNew();
        await page.GotoAsync(url, new() { Timeout = 120_000 });
        try
        {
            await page.WaitForFunctionAsync("() => window.__replay && window.__replay.state.status === 'ready' && window.__replay.state.frames >= 1",
                null, new() { Timeout = 600_000, PollingInterval = 250 });
        }
        catch (TimeoutException)
        {
            result.Problem = "the page did not get ready within 600 s";
            return result;
        }
        result.OpenSeconds = opened.Elapsed.TotalSeconds;
        result.HostRssAfterOpen = Procs.Rss(hostPid);
        say($"  page ready in {result.OpenSeconds:0.0} s (Chromium {browser.Version}); host RSS {Mb(result.HostRssAfterOpen)}");
        await Task.Delay(3000); // let the report, events and histogram requests of the opening settle

        await page.SelectOptionAsync("#speed", speed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var meter = new CpuMeter(() => new()
        {
            ["host"] = hostPid is { } h ? [h] : [],
            ["influxd"] = influxPid is { } i ? [i] : [],
            ["chromium"] = Procs.OurChromiumPids(),
            ["bench"] = [Environment.ProcessId],
        });
        var t0 = await page.EvaluateAsync<double>("() => window.__bench.start()");
        var chromium = Procs.OurChromium();
        var threadsBefore = Procs.ThreadCpu(chromium);
        meter.Start();
        var clock = Stopwatch.StartNew();
        await page.ClickAsync("#play");
        Dictionary<string, double>? coresWhilePlaying = null;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await Task.Delay(250);
            if (coresWhilePlaying is null && clock.Elapsed.TotalSeconds > 2 &&
                !await page.EvaluateAsync<bool>("() => window.__replay.state.playing"))
            {
                coresWhilePlaying = meter.Stop();
                result.ChromiumThreads = TopThreads(threadsBefore, Procs.ThreadCpu(chromium), clock.Elapsed.TotalSeconds);
                say($"  playback stopped by itself after {clock.Elapsed.TotalSeconds:0.0} s; measuring on until {seconds:0} s");
            }
        }
        if (coresWhilePlaying is null)
        {
            coresWhilePlaying = meter.Stop();
            result.ChromiumThreads = TopThreads(threadsBefore, Procs.ThreadCpu(chromium), clock.Elapsed.TotalSeconds);
        }
        result.Cores = coresWhilePlaying;
        result.OtherTop = meter.OtherTop;
        var samples = await page.EvaluateAsync<JsonElement>("() => window.__bench.stop()");
        var requests = await page.EvaluateAsync<JsonElement>($"() => window.__bench.requests({t0.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        var longtasks = await page.EvaluateAsync<JsonElement>($"() => window.__bench.longtasksSince({t0.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        var state = await page.EvaluateAsync<JsonElement>("() => ({ cursor: window.__replay.state.cursor, from: window.__replay.state.from, playing: window.__replay.state.playing })");
        result.HostRssAfterPlay = Procs.Rss(hostPid);
        result.ChromiumRss = Procs.Rss(Procs.OurChromiumPids());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "replay-bench-after-play.png") });

        Analyse(result, samples, requests, longtasks, state);
        await context.CloseAsync();
        return result;
    }

    private static List<(string, double)> TopThreads(Dictionary<string, TimeSpan> before, Dictionary<string, TimeSpan> after, double seconds) =>
        after.Select(a => (a.Key, (a.Value - before.GetValueOrDefault(a.Key)).TotalSeconds / seconds))
            .Where(t => t.Item2 >= 0.02).OrderByDescending(t => t.Item2).Take(6).ToList();

    private static void Analyse(PlaybackResult r, JsonElement samples, JsonElement requests, JsonElement longtasks, JsonElement state)
    {
        var s = samples.EnumerateArray().Select(x => (T: x[0].GetDouble(), Cursor: x[1].GetDouble(), Frames: x[2].GetInt32(), Playing: x[3].GetInt32() == 1)).ToList();
        var first = s.FindIndex(x => x.Playing);
        if (first < 0) { r.Problem = "the page never played"; return; }
        var last = s.FindLastIndex(x => x.Playing);
        r.ReachedEnd = last < s.Count - 1;
        // the window runs to the first sample after the last playing one (that callback saw the final seek), or the end
        var end = Math.Min(last + 1, s.Count - 1);
        r.PlayingSeconds = (s[end].T - s[first].T) / 1000;
        var intervals = new List<double>();
        for (var i = first + 1; i <= end; i++) intervals.Add(s[i].T - s[i - 1].T);
        r.Frames = intervals.Count;
        r.FrameIntervalsMs = intervals.Order().ToArray();
        var idle = new List<double>();
        for (var i = end + 1; i < s.Count; i++) idle.Add(s[i].T - s[i - 1].T);
        r.IdleIntervalsMs = idle.Order().ToArray();
        r.IdleSeconds = idle.Sum() / 1000;
        r.ReplayFramesDrawn = s[end].Frames - s[first].Frames;
        var from = state.GetProperty("from").GetDouble();
        r.CursorAdvancedHours = (s[end].Cursor - s[first].Cursor) / 3_600_000;
        r.CursorAtEndHours = (state.GetProperty("cursor").GetDouble() - from) / 3_600_000;

        double t0 = s[first].T, t1 = s[end].T;
        var inWindow = requests.EnumerateArray()
            .Select(x => (Kind: x[0].GetString(), Start: x[1].GetDouble(), End: x[2].GetDouble(), Bytes: x[3].GetDouble()))
            .Where(x => x.Start >= t0 - 50 && x.Start <= t1).ToList();
        var frames = inWindow.Where(x => x.Kind == "frame").ToList();
        r.FrameRequests = frames.Count;
        r.EventsRequests = inWindow.Count(x => x.Kind == "events");
        r.FrameRequestMs = frames.Select(x => x.End - x.Start).Order().ToArray();
        r.FrameRequestMeanKb = frames.Count == 0 ? 0 : frames.Average(x => x.Bytes) / 1024;
        r.FrameRequestMaxKb = frames.Count == 0 ? 0 : frames.Max(x => x.Bytes) / 1024;

        // long tasks clipped to the playing window
        foreach (var t in longtasks.EnumerateArray())
        {
            double start = t[0].GetDouble(), stop = start + t[1].GetDouble();
            var inside = Math.Min(stop, t1) - Math.Max(start, t0);
            if (inside <= 0) continue;
            r.LongTasks++;
            r.LongTaskSeconds += inside / 1000;
            r.LongTaskMaxMs = Math.Max(r.LongTaskMaxMs, t[1].GetDouble());
        }
    }

    public static string Mb(long? bytes) => bytes is { } b ? $"{b / 1024.0 / 1024.0:N0} MB" : "?";
}
