using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using CommandCenter.Storage;

namespace CommandCenter.TestSupport;

/// <summary>
/// A real influxd (1.x) started as a plain process for tests: data in a fresh temp dir, HTTP and RPC
/// on free loopback ports, ready once GET /ping answers 204. <see cref="Stop"/>/<see cref="Kill"/> and
/// <see cref="StartAgainAsync"/> restart it on the same ports and data. Dispose kills it and deletes the dir.
/// </summary>
public sealed class InfluxServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private static int _databaseCounter;
    private readonly string _influxd;
    private readonly List<HttpClient> _clients = new();
    private readonly HttpClient _pingClient = new() { Timeout = TimeSpan.FromSeconds(2) };
    private Process? _process;
    private ProcessLog _log = new();

    private InfluxServer(string influxd, string dataDir)
    {
        _influxd = influxd;
        DataDir = dataDir;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillQuietly();
    }

    public string DataDir { get; }
    public int HttpPort { get; private set; }
    public int RpcPort { get; private set; }
    public string Url => $"http://127.0.0.1:{HttpPort}";
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What influxd wrote lately (stdout and stderr).</summary>
    public string Log => _log.ToString();

    /// <summary>Starts influxd on free ports, retrying with new ports if one was taken meanwhile.</summary>
    public static async Task<InfluxServer> StartAsync(CancellationToken ct = default)
    {
        var influxd = FindInfluxd();
        var dir = Path.Combine(Path.GetTempPath(), "cc-influx-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var server = new InfluxServer(influxd, dir);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var ports = FreePort.Distinct(2);
                server.HttpPort = ports[0];
                server.RpcPort = ports[1];
                if (await server.TryStartAsync(attempt == 5, ct)) return server;
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Options for a client of this server (no database created).</summary>
    public InfluxOptions CreateOptions(string database) => new()
    {
        Url = Url,
        Database = database,
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// A client for a fresh database: <paramref name="database"/> plus a unique suffix (see
    /// <c>client.Options.Database</c>), already created.
    /// </summary>
    public async Task<InfluxClient> CreateClientAsync(string database, Action<InfluxOptions>? configure = null)
    {
        var options = CreateOptions($"{database}_{Interlocked.Increment(ref _databaseCounter)}");
        configure?.Invoke(options);
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        lock (_clients) _clients.Add(http);
        var client = new InfluxClient(http, options);
        await client.EnsureDatabaseAsync();
        return client;
    }

    /// <summary>Graceful stop (SIGTERM), SIGKILL if it has not ended within 15 s.</summary>
    public void Stop()
    {
        if (_process is not { HasExited: false } p) return;
        if (sys_kill(p.Id, 15) != 0) p.Kill(entireProcessTree: true);
        if (!p.WaitForExit(15_000)) p.Kill(entireProcessTree: true);
        p.WaitForExit();
    }

    /// <summary>Hard stop (SIGKILL), like a crash.</summary>
    public void Kill()
    {
        if (_process is not { HasExited: false } p) return;
        p.Kill(entireProcessTree: true);
        p.WaitForExit();
    }

    /// <summary>Starts influxd again on the same ports and data dir after <see cref="Stop"/> or <see cref="Kill"/>.</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        if (IsRunning) throw new InvalidOperationException("influxd is still running.");
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartAsync(attempt == 10, ct)) return;
            await Task.Delay(200, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillQuietly();
        lock (_clients)
        {
            foreach (var c in _clients) c.Dispose();
            _clients.Clear();
        }
        _pingClient.Dispose();
        _process?.Dispose();
        for (var i = 0; i < 5 && Directory.Exists(DataDir); i++)
        {
            try { Directory.Delete(DataDir, recursive: true); }
            catch (IOException) { await Task.Delay(100); }
        }
    }

    /// <summary>False when influxd could not bind its ports (and <paramref name="last"/> is false).</summary>
    private async Task<bool> TryStartAsync(bool last, CancellationToken ct)
    {
        _log = new ProcessLog();
        var psi = new ProcessStartInfo(_influxd, ["-config", "/dev/null"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataDir,
        };
        psi.Environment["INFLUXDB_META_DIR"] = Path.Combine(DataDir, "meta");
        psi.Environment["INFLUXDB_DATA_DIR"] = Path.Combine(DataDir, "data");
        psi.Environment["INFLUXDB_DATA_WAL_DIR"] = Path.Combine(DataDir, "wal");
        psi.Environment["INFLUXDB_HTTP_BIND_ADDRESS"] = $"127.0.0.1:{HttpPort}";
        psi.Environment["INFLUXDB_BIND_ADDRESS"] = $"127.0.0.1:{RpcPort}";
        psi.Environment["INFLUXDB_REPORTING_DISABLED"] = "true";
        psi.Environment["INFLUXDB_HTTP_LOG_ENABLED"] = "false";
        psi.Environment["INFLUXDB_DATA_QUERY_LOG_ENABLED"] = "false";

        _process?.Dispose();
        _process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {_influxd}.");
        _log.Attach(_process);

        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                _process.WaitForExit(); // flush the output handlers
                if (!last && _log.Contains("address already in use")) return false;
                throw new InvalidOperationException(
                    $"influxd exited with code {_process.ExitCode} before answering /ping on {Url}.{Environment.NewLine}{Log}");
            }
            if (await PingAsync(ct)) return true;
            await Task.Delay(50, ct);
        }
        KillQuietly();
        throw new TimeoutException($"influxd did not answer GET {Url}/ping with 204 within {ReadyTimeout.TotalSeconds} s.{Environment.NewLine}{Log}");
    }

    private async Task<bool> PingAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _pingClient.GetAsync($"{Url}/ping", ct);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private void KillQuietly()
    {
        try { Kill(); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    private static string FindInfluxd()
    {
        var fromEnv = Environment.GetEnvironmentVariable("INFLUXD");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, "influxd");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("influxd not installed: run scripts/install.sh");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int sys_kill(int pid, int signal);
}
