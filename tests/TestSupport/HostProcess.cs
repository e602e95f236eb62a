using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CommandCenter.Ingest;

namespace CommandCenter.TestSupport;

/// <summary>
/// The real command center host (single-process mode) as a child OS process, on a free port, writing to
/// the given InfluxDB database. It can be stopped, killed with SIGKILL and started again with the same
/// settings, which is what the restart tests need.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private Process? _process;

    public HostProcess(string influxUrl, string database, IDictionary<string, string>? settings = null)
    {
        Port = FreePort.Next();
        ApiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        LogDir = Directory.CreateTempSubdirectory("cc-host-logs-").FullName;
        _settings = new Dictionary<string, string>
        {
            ["urls"] = BaseUrl,
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Influx__Url"] = influxUrl,
            // the host is an Orleans silo: its own ports, so tests can run several hosts at once
            ["Cluster__SiloPort"] = FreePort.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePort.Next().ToString(),
            ["Influx__Database"] = database,
            ["Influx__MaxRetries"] = "2",
            ["Simulator__Enabled"] = "false",
            ["Silo__TickInterval"] = "00:00:00.500",
            ["Silo__RecoveryRetry"] = "00:00:00.500",
            ["Ingest__Sources__0__Name"] = Source,
            ["Ingest__Sources__0__Key"] = ApiKey,
            ["Logging__Directory"] = LogDir,
            // never the developer's own imported geography: each host has its own (absent) import file
            ["Geography__ImportFile"] = Path.Combine(LogDir, "geography", "county.geojson"),
            ["Wall__KioskToken"] = "e2e-kiosk-token",
            // each host its own plan library (kept across this host's restarts, like its logs)
            ["Plans__Folder"] = Path.Combine(LogDir, "plans"),
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) _settings[k] = v;
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
        // the read-only kiosk token opens the wall's data (geo, trends, replay) to this client too
        Http.DefaultRequestHeaders.Add("Cookie", $"cc_kiosk={_settings["Wall__KioskToken"]}");
    }

    public const string Source = "test-gateway";
    public string DatabaseName => _settings["Influx__Database"];
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string ApiKey { get; }
    public string LogDir { get; }
    public HttpClient Http { get; }
    public ProcessLog Log { get; } = new(400);
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Changes a setting for the next start (e.g. a new deployed version).</summary>
    public void Configure(string key, string value) => _settings[key] = value;

    /// <summary>Starts the host and waits until /healthz says healthy.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (!File.Exists(RepoPaths.DashboardDll)) throw new InvalidOperationException($"build the host first: {RepoPaths.DashboardDll} is missing");
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.DashboardProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(RepoPaths.DashboardDll);
        psi.ArgumentList.Add("--contentRoot");
        psi.ArgumentList.Add(RepoPaths.DashboardProject);
        foreach (var (k, v) in _settings) psi.Environment[k] = v;
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the host");
        Log.Attach(_process);
        await WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true }) throw new InvalidOperationException($"the host exited ({_process.ExitCode}):\n{Log}");
            try
            {
                using var r = await Http.GetAsync("healthz");
                last = await r.Content.ReadAsStringAsync();
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException ex) { last = ex.Message; }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the host was not healthy within {timeout}: {last}\n{Log}");
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p) { p.Kill(entireProcessTree: true); p.WaitForExit(10_000); }
    }

    /// <summary>SIGTERM and wait for a clean exit.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } p) return;
        Process.Start("kill", ["-TERM", p.Id.ToString()])!.WaitForExit();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await p.WaitForExitAsync(cts.Token); } catch (OperationCanceledException) { Kill(); }
    }

    public async Task<(HttpResponseMessage Response, IngestResponse? Body)> PostEventsAsync(IEnumerable<WireEvent> events, string? apiKey = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "api/v1/events")
        {
            Content = JsonContent.Create(new IngestBatch(events.ToList()), options: IngestJson.Options),
        };
        req.Headers.Add("X-Api-Key", apiKey ?? ApiKey);
        var response = await Http.SendAsync(req);
        var body = response.Content.Headers.ContentLength != 0 && (int)response.StatusCode is 200 or 503
            ? await response.Content.ReadFromJsonAsync<IngestResponse>(IngestJson.Options) : null;
        return (response, body);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        Http.Dispose();
        try { Directory.Delete(LogDir, recursive: true); } catch (IOException) { }
        await Task.CompletedTask;
    }
}
