using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommandCenter.TestSupport;

/// <summary>
/// A real RabbitMQ (Debian rabbitmq-server 3.10) started as a plain process for tests: data in a fresh temp
/// dir, its three ports (AMQP, Erlang distribution, epmd) free and below 32768 (ports in the ephemeral
/// range were seen taken by other sockets). Ready once the AMQP port accepts connections (RabbitMQ opens
/// its listeners last). Dispose kills the node and its own epmd (epmd outlives the node) and deletes the dir.
/// </summary>
public sealed class RabbitServer : IAsyncDisposable
{
    private const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private Process? _process;

    private RabbitServer(string dir) => DataDir = dir;

    public string DataDir { get; }
    public int AmqpPort { get; private set; }
    public int DistPort { get; private set; }
    public int EpmdPort { get; private set; }
    public string Url => $"amqp://guest:guest@127.0.0.1:{AmqpPort}/";
    public ProcessLog Log { get; } = new(200);

    public static async Task<RabbitServer> StartAsync(CancellationToken ct = default)
    {
        if (!File.Exists(Server)) throw new InvalidOperationException($"{Server} is missing: run scripts/install.sh --tests (apt-get install rabbitmq-server)");
        var dir = Path.Combine(Path.GetTempPath(), "cc-rabbit-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(dir, "mnesia"));
        Directory.CreateDirectory(Path.Combine(dir, "log"));
        File.WriteAllText(Path.Combine(dir, "enabled_plugins"), "[].");
        var server = new RabbitServer(dir);
        try
        {
            var ports = LowFreePorts(3);
            (server.AmqpPort, server.DistPort, server.EpmdPort) = (ports[0], ports[1], ports[2]);
            var psi = new ProcessStartInfo(Server) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
            var env = psi.Environment;
            env["HOME"] = dir;
            env["RABBITMQ_MNESIA_BASE"] = Path.Combine(dir, "mnesia");
            env["RABBITMQ_LOG_BASE"] = Path.Combine(dir, "log");
            env["RABBITMQ_NODENAME"] = $"cctest{server.AmqpPort}@localhost";
            env["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
            env["RABBITMQ_NODE_PORT"] = server.AmqpPort.ToString();
            env["RABBITMQ_DIST_PORT"] = server.DistPort.ToString();
            env["ERL_EPMD_PORT"] = server.EpmdPort.ToString();
            env["ERL_CRASH_DUMP"] = Path.Combine(dir, "erl_crash.dump");
            env["RABBITMQ_PID_FILE"] = Path.Combine(dir, "rmq.pid");
            env["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dir, "enabled_plugins");
            env["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(dir, "feature_flags");
            server._process = Process.Start(psi) ?? throw new InvalidOperationException("could not start rabbitmq-server");
            server.Log.Attach(server._process);
            var deadline = DateTime.UtcNow + ReadyTimeout;
            while (DateTime.UtcNow < deadline)
            {
                if (server._process.HasExited) throw new InvalidOperationException($"rabbitmq-server exited ({server._process.ExitCode}):\n{server.Log}");
                if (await AcceptsAsync(server.AmqpPort, ct)) return server;
                await Task.Delay(200, ct);
            }
            throw new TimeoutException($"RabbitMQ did not open port {server.AmqpPort} within {ReadyTimeout}:\n{server.Log}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { if (_process is { HasExited: false } p) { p.Kill(entireProcessTree: true); p.WaitForExit(10_000); } }
        catch (InvalidOperationException) { }
        KillOwnEpmd();
        _process?.Dispose();
        for (var i = 0; i < 5 && Directory.Exists(DataDir); i++)
        {
            try { Directory.Delete(DataDir, recursive: true); }
            catch (IOException) { await Task.Delay(100); }
        }
    }

    /// <summary>epmd daemonises itself, so it is not in the node's process tree: find the one listening on our port and end it by PID.</summary>
    private void KillOwnEpmd()
    {
        if (EpmdPort == 0) return;
        try
        {
            var ss = Process.Start(new ProcessStartInfo("ss", ["-ltnpH", $"sport = :{EpmdPort}"]) { RedirectStandardOutput = true, UseShellExecute = false });
            if (ss is null) return;
            var text = ss.StandardOutput.ReadToEnd();
            ss.WaitForExit();
            var at = text.IndexOf("pid=", StringComparison.Ordinal);
            if (at < 0) return;
            var digits = new string(text[(at + 4)..].TakeWhile(char.IsDigit).ToArray());
            if (int.TryParse(digits, out var pid)) Process.GetProcessById(pid).Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        try { await client.ConnectAsync(IPAddress.Loopback, port, ct); return true; }
        catch (SocketException) { return false; }
    }

    /// <summary>Free ports in 20000–32000 (bindable now), distinct.</summary>
    private static int[] LowFreePorts(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            var port = Random.Shared.Next(20000, 32000);
            if (ports.Contains(port)) continue;
            var l = new TcpListener(IPAddress.Loopback, port);
            try { l.Start(); l.Stop(); ports.Add(port); }
            catch (SocketException) { }
        }
        return ports.ToArray();
    }
}
