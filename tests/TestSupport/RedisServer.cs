using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CommandCenter.TestSupport;

/// <summary>
/// A real Redis (Debian redis-server 7.0), the Orleans cluster's membership store, started as a plain process for tests:
/// a free loopback port, data in a fresh temp dir, no persistence, ready once it answers PING with PONG. Dispose (and the
/// end of the test process) kills it and deletes the dir. <see cref="CommandAsync"/> speaks RESP over a raw socket, so
/// tests need no Redis client library.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Server = "/usr/bin/redis-server";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private Process? _process;

    private RedisServer(string dir)
    {
        DataDir = dir;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillQuietly();
    }

    public string DataDir { get; }
    public int Port { get; private set; }

    /// <summary>The connection string Orleans' Redis clustering takes.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };
    public int ProcessId { get; private set; }
    public ProcessLog Log { get; private set; } = new(200);

    /// <summary>Starts redis-server on a free port, retrying with a new port if one was taken meanwhile.</summary>
    public static async Task<RedisServer> StartAsync(CancellationToken ct = default)
    {
        if (!File.Exists(Server)) throw new InvalidOperationException($"{Server} is missing: run scripts/install.sh --tests (apt-get install redis-server)");
        var server = new RedisServer(Directory.CreateTempSubdirectory("cc-redis-").FullName);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                server.Port = FreePort.Next();
                if (await server.TryStartAsync(last: attempt == 5, ct)) return server;
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, like a crash.</summary>
    public void Kill()
    {
        if (_process is not { HasExited: false } p) return;
        p.Kill(entireProcessTree: true);
        p.WaitForExit();
    }

    /// <summary>
    /// Sends one command (e.g. "SET", "k", "v") and returns the reply: a simple string or integer as text, a bulk string's
    /// content, null for a nil bulk string; an error reply throws.
    /// </summary>
    public async Task<string?> CommandAsync(params string[] args)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        await using var stream = client.GetStream();
        var request = new StringBuilder($"*{args.Length}\r\n");
        foreach (var a in args) request.Append($"${Encoding.UTF8.GetByteCount(a)}\r\n{a}\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var line = await reader.ReadLineAsync() ?? throw new IOException("Redis closed the connection without a reply");
        switch (line[0])
        {
            case '+' or ':': return line[1..];
            case '-': throw new InvalidOperationException($"Redis refused {args[0]}: {line[1..]}");
            case '$':
                var length = int.Parse(line[1..]);
                if (length < 0) return null;
                var buffer = new char[length];
                await reader.ReadBlockAsync(buffer, 0, length); // ASCII test values: chars = bytes
                return new string(buffer);
            default: throw new IOException($"unexpected Redis reply: {line}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillQuietly();
        _process?.Dispose();
        _process = null;
        for (var i = 0; i < 5 && Directory.Exists(DataDir); i++)
        {
            try { Directory.Delete(DataDir, recursive: true); }
            catch (IOException) { await Task.Delay(100); }
        }
    }

    /// <summary>False when the port was taken meanwhile (and <paramref name="last"/> is false).</summary>
    private async Task<bool> TryStartAsync(bool last, CancellationToken ct)
    {
        Log = new ProcessLog(200);
        var psi = new ProcessStartInfo(Server,
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", DataDir, "--daemonize", "no"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataDir,
        };
        _process?.Dispose();
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start redis-server");
        ProcessId = _process.Id;
        Log.Attach(_process);
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                _process.WaitForExit(); // flush the output handlers
                if (!last && Log.Contains("address already in use")) return false;
                throw new InvalidOperationException($"redis-server exited ({_process.ExitCode}) before answering PING on {ConnectionString}:\n{Log}");
            }
            if (await PingsAsync()) return true;
            await Task.Delay(50, ct);
        }
        KillQuietly();
        throw new TimeoutException($"redis-server did not answer PING on {ConnectionString} within {ReadyTimeout.TotalSeconds} s:\n{Log}");
    }

    private async Task<bool> PingsAsync()
    {
        try { return await CommandAsync("PING") == "PONG"; }
        catch (Exception e) when (e is SocketException or IOException or InvalidOperationException) { return false; } // refused, or -LOADING
    }

    private void KillQuietly()
    {
        try { Kill(); }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception) { }
    }
}
