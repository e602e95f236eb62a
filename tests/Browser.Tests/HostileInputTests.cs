using System.Collections.Concurrent;
using System.Net;
using CommandCenter.Accounts;
using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;

namespace CommandCenter.Browser.Tests;

/// <summary>
/// Issue 13's hostile-input suite: hostile strings in every text field an ingest key or a coordinator can fill,
/// then every page opened in Chromium. Each string must show as text, and nothing may run: the payloads set
/// window.__pwned or ask for /pwned if they ever execute, injected markup would carry on* attributes, and the
/// Content-Security-Policy would report what it had to block. Every failure is collected, so one run names
/// every page that fails.
/// </summary>
[Collection("wall")]
public sealed class HostileInputTests(WallFixture f)
{
    private const string Password = "hostile-password-1";

    /// <summary>The corpus. All within the field limits (the longest is 98 characters: names, kinds and actors may have 100).</summary>
    public static readonly string[] Corpus =
    [
        "<img src=x onerror=\"window.__pwned=1;fetch('/pwned')\">",
        "<script>window.__pwned=1;fetch('/pwned')</script>",
        "\"><svg onload=\"window.__pwned=1;fetch('/pwned')\">",
        "' onmouseover='window.__pwned=1' x='",
        "javascript:window.__pwned=1;fetch('/pwned')//",
        "<a href=\"javascript:window.__pwned=1\">点我</a>",
        "${window.__pwned=1}{{constructor.constructor('window.__pwned=1')()}}",
        "</script><script>window.__pwned=1</script>",
        "\u202Egnp.exe\u202C 右向左覆盖",
        "烟感报警「三号楼」'单引号' \"双引号\" & 符号",
        "🔥🚒 火警 👩‍🚒",
        "=cmd|'/c calc'!A1",
        "+SUM(1,2)",
        "@HYPERLINK(\"http://x/pwned\")",
        "null",
        "undefined",
        "__proto__",
        new string('长', 90) + "<b>尾</b>",
    ];

    [Fact]
    public async Task Hostile_text_in_every_field_shows_as_text_on_every_page_and_runs_nothing()
    {
        var dir = Directory.CreateTempSubdirectory("cc-hostile-").FullName;
        var users = Path.Combine(dir, "users.json");
        var store = new UserStore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:File"] = users }).Build());
        store.Save("coord", Corpus[0], Roles.Coordinator, Password);
        store.Save("root", Corpus[2], Roles.Admin, Password);
        var settings = WallFixture.HostSettings;
        settings["Accounts__File"] = users;
        settings["Ingest__KeyFile"] = Path.Combine(dir, "api-keys.json");
        await using var host = new HostProcess(f.Influx.Url, "hostile_pages", settings);
        await host.StartAsync();

        // through the real ingest API: alarm kind and note, acknowledging actor and note, case category, actor and note, drill name
        var street = Wire.Map.Streets[0].Code;
        var raised = new List<WireEvent>();
        var followUps = new List<WireEvent>();
        for (var i = 0; i < Corpus.Length; i++)
        {
            var s = Corpus[i];
            var alarm = Wire.Id("hostile");
            raised.Add(Wire.Raise(100 + i, alarm, 1 + i % 4) with { AlarmKind = s, Note = s });
            raised.Add(Wire.Case(100 + i, Wire.Id("case"), CaseState.Reported, category: s) with { Actor = s, Note = s });
            raised.Add(Wire.Drill(Wire.Id("drill"), EventType.DrillStarted, s, street));
            if (i % 2 == 0) followUps.Add(Wire.Ack(alarm, actor: s) with { Note = s });
        }
        var (r1, b1) = await host.PostEventsAsync(raised);
        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        Assert.True(b1!.Accepted == raised.Count, string.Join("; ", b1.Results.Where(x => x.Reason != null).Select(x => x.Reason)));
        await Task.Delay(500);
        var (r2, b2) = await host.PostEventsAsync(followUps);
        Assert.Equal(HttpStatusCode.OK, r2.StatusCode);
        Assert.True(b2!.Accepted == followUps.Count, string.Join("; ", b2.Results.Where(x => x.Reason != null).Select(x => x.Reason)));

        var failures = new ConcurrentQueue<string>();
        var pwnedRequests = new ConcurrentQueue<string>();

        // the wall (kiosk token)
        var kiosk = await f.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        Watch(kiosk, pwnedRequests);
        var wall = await OpenAsync(kiosk, $"{host.BaseUrl}/wall?token={WallFixture.Token}", "() => window.__wall && window.__wall.map.ready && window.__wall.live.status === 'live'");
        await ExpectTextAsync(wall, "#alarms", Corpus, "/wall active alarms (alarm kind)", failures);
        await ExpectTextAsync(wall, "#drill-names", Corpus, "/wall drill banner (drill name)", failures);
        await ExpectTextAsync(wall, "#feed", Corpus.Where((_, i) => i % 2 == 0), "/wall live events (acknowledging actor)", failures);
        await wall.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("hostile-wall.png") });
        await CheckAsync(wall, "/wall", failures);

        // through the console: a coordinator opens an incident per string (title, commander), adds a note and closes it with a summary
        var coord = await SignedInAsync("coord", pwnedRequests, failures, host);
        var coordPage = await OpenAsync(coord, $"{host.BaseUrl}/dispatch", "() => window.__console && window.__console.live.status === 'live'");
        var titles = Corpus;
        for (var i = 0; i < Corpus.Length; i++)
        {
            var status = await coordPage.EvaluateAsync<string>(ConsoleScript, new { title = titles[i], note = Corpus[i], close = i % 3 == 0, grid = Wire.Grid(100 + i) });
            if (status != "ok") failures.Enqueue($"console action with {Show(Corpus[i])}: {status}");
        }
        await Task.Delay(1500);
        // the wall, live, with the incidents' notes in its feed
        await CheckAsync(wall, "/wall after the console actions", failures);

        // replay of the last minutes
        var replay = await OpenAsync(kiosk, $"{host.BaseUrl}/replay?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"))}",
            "() => window.__replay && window.__replay.state.status === 'ready'");
        await replay.WaitForFunctionAsync("() => document.querySelectorAll('#events li').length > 0 && document.querySelectorAll('#incident option').length > 1",
            null, new() { Timeout = 20_000 });
        await ExpectTextAsync(replay, "#incident", Corpus, "/replay incident list (drill name)", failures);
        await ExpectTextAsync(replay, "#incident", titles, "/replay incident list (incident title)", failures);
        await replay.Locator("#incident-report:not([hidden])").WaitForAsync(new() { Timeout = 10_000 });
        await ExpectTextAsync(replay, "#incident-report", titles, "/replay response report (incident title)", failures);
        await replay.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("hostile-replay.png") });
        await CheckAsync(replay, "/replay", failures);

        // the console page again, now with every incident on the board
        await coordPage.ReloadAsync();
        try { await coordPage.WaitForFunctionAsync("() => window.__console && window.__console.live.status === 'live'", null, new() { Timeout = 30_000 }); }
        catch (TimeoutException)
        {
            failures.Enqueue("/dispatch (with the hostile incidents on the board) never went live: " +
                await coordPage.EvaluateAsync<string>("() => window.__console ? 'status ' + window.__console.live.status : 'window.__console is not set'"));
        }
        await ExpectTextAsync(coordPage, "#queue", Corpus, "/dispatch alarm queue (alarm kind)", failures);
        await coordPage.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("hostile-dispatch.png") });
        await CheckAsync(coordPage, "/dispatch", failures);
        foreach (var tab in await coordPage.Locator("#tabs button").AllAsync())
        {
            await tab.ClickAsync();
            await CheckAsync(coordPage, "/dispatch incident board", failures);
        }
        var audit = await OpenAsync(coord, $"{host.BaseUrl}/audit", null);
        await CheckAsync(audit, "/audit", failures);

        // the admin pages: account display names
        var admin = await SignedInAsync("root", pwnedRequests, failures, host);
        var adminPage = await OpenAsync(admin, $"{host.BaseUrl}/admin", null);
        try { await adminPage.Locator("#users tr[data-user=coord]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 10_000 }); }
        catch (TimeoutException)
        {
            failures.Enqueue($"/admin: the accounts list did not show 'coord' ({adminPage.Url}): {await adminPage.EvaluateAsync<string>("() => document.querySelector('#users')?.outerHTML.slice(0, 400) ?? 'no #users'")}");
        }
        await adminPage.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath("hostile-admin.png") });
        await ExpectTextAsync(adminPage, "#users", [Corpus[0], Corpus[2]], "/admin accounts (display name)", failures);
        await CheckAsync(adminPage, "/admin", failures);
        await CheckAsync(await OpenAsync(admin, $"{host.BaseUrl}/audit", null), "/audit (admin)", failures);

        // every page answered with the security headers
        using (var head = await host.Http.GetAsync("wall"))
        {
            var csp = string.Join(";", head.Headers.TryGetValues("Content-Security-Policy", out var v) ? v : []);
            foreach (var part in new[] { "default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'" })
                if (!csp.Contains(part)) failures.Enqueue($"Content-Security-Policy lacks {part}: '{csp}'");
            if (!head.Headers.TryGetValues("X-Content-Type-Options", out var n) || !n.Contains("nosniff")) failures.Enqueue("no X-Content-Type-Options: nosniff");
        }

        // the live pages go with their contexts: left open they would keep rendering and retrying through the next tests
        foreach (var context in new[] { kiosk, coord, admin }) await context.CloseAsync();
        foreach (var req in pwnedRequests) failures.Enqueue($"a payload ran: the page asked for {req}");
        Assert.True(failures.IsEmpty, "hostile input was not handled as text:\n" + string.Join("\n", failures.Distinct()));
    }

    // open an incident with the string as title and commander, a note, and (every third) close it with the string as the summary
    private const string ConsoleScript = """
        async ({ title, note, close, grid }) => {
          const csrf = document.querySelector('meta[name="csrf-token"]').content;
          const post = (url, body) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf }, body: JSON.stringify(body) });
          let r = await post('api/v1/console/incidents', { requestId: crypto.randomUUID(), title, level: 2, gridCode: grid, commander: title });
          if (!r.ok) return `open: ${r.status} ${await r.text()}`;
          const j = await r.json();
          const id = j.target ?? j.incidentId ?? j.extra?.incidentId;
          r = await post(`api/v1/console/incidents/${encodeURIComponent(id)}/note`, { requestId: crypto.randomUUID(), note });
          if (!r.ok) return `note: ${r.status} ${await r.text()}`;
          if (close) {
            r = await post(`api/v1/console/incidents/${encodeURIComponent(id)}/close`, { requestId: crypto.randomUUID(), note });
            if (!r.ok) return `close: ${r.status} ${await r.text()}`;
          }
          return 'ok';
        }
        """;

    // records what the CSP blocked, in every page of the context, before any of the page's scripts run
    private const string CspRecorder = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));";

    private async Task<IBrowserContext> SignedInAsync(string user, ConcurrentQueue<string> pwned, ConcurrentQueue<string> failures, HostProcess host)
    {
        var context = await f.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        Watch(context, pwned);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/signin");
        await page.FillAsync("input[name=userName]", user);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await CheckAsync(page, "/signin", failures);
        await page.CloseAsync();
        return context;
    }

    private static void Watch(IBrowserContext context, ConcurrentQueue<string> pwned)
    {
        context.AddInitScriptAsync(CspRecorder).GetAwaiter().GetResult();
        context.Request += (_, r) => { if (r.Url.Contains("pwned", StringComparison.OrdinalIgnoreCase)) pwned.Enqueue(r.Url); };
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string url, string? ready)
    {
        var page = await context.NewPageAsync();
        var console = new ConcurrentQueue<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) console.Enqueue(m.Text); };
        page.PageError += (_, e) => console.Enqueue("page error: " + e);
        Messages.Set(page, console);
        await page.GotoAsync(url);
        if (ready is not null) await page.WaitForFunctionAsync(ready, null, new() { Timeout = 30_000 });
        else await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }

    private static readonly ConditionalWeakTableOf<IPage, ConcurrentQueue<string>> Messages = new();

    /// <summary>Nothing ran, no markup came from data, the CSP had nothing to block, no script error.</summary>
    private static async Task CheckAsync(IPage page, string where, ConcurrentQueue<string> failures)
    {
        await page.WaitForTimeoutAsync(300);
        if (await page.EvaluateAsync<bool>("() => window.__pwned !== undefined")) failures.Enqueue($"{where}: a payload ran (window.__pwned is set)");
        var injected = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('[onerror],[onload],[onmouseover],a[href^=javascript],img[src=x],svg,b')]" +
            ".filter(e => e.tagName !== 'B' || e.textContent === '尾').map(e => e.outerHTML.slice(0, 120))");
        foreach (var e in injected) failures.Enqueue($"{where}: markup from data: {e}");
        foreach (var v in await page.EvaluateAsync<string[]>("() => window.__csp ?? []")) failures.Enqueue($"{where}: CSP violation: {v}");
        foreach (var m in Messages.Get(page)) failures.Enqueue($"{where}: {m}");
    }

    /// <summary>Each string appears, exactly, in the text of the element.</summary>
    private static async Task ExpectTextAsync(IPage page, string selector, IEnumerable<string> expected, string what, ConcurrentQueue<string> failures)
    {
        var text = await page.EvaluateAsync<string>("s => document.querySelector(s)?.textContent ?? ''", selector);
        foreach (var s in expected.Distinct())
            if (!text.Contains(s, StringComparison.Ordinal)) failures.Enqueue($"{what}: {Show(s)} not shown as text");
    }

    private static string Show(string s) => s.Length > 40 ? s[..40] + "…" : s;

    private sealed class ConditionalWeakTableOf<TKey, TValue> where TKey : class where TValue : class, new()
    {
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<TKey, TValue> _table = new();
        public void Set(TKey key, TValue value) => _table.AddOrUpdate(key, value);
        public TValue Get(TKey key) => _table.TryGetValue(key, out var v) ? v : new();
    }
}
