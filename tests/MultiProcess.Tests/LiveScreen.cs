using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommandCenter.MultiProcess.Tests;

/// <summary>
/// A screen's live connection without the .NET SignalR client (not in the package source): the SignalR
/// JSON hub protocol over a WebSocket. Negotiate, connect with the connection token, handshake, then
/// record every "delta" the hub sends (arrival time on a stopwatch and its version). Pings every 5 s.
/// </summary>
public sealed class LiveScreen : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TimeSpan At, long Version)> _deltas = [];
    private Task? _reader, _pinger;

    public Stopwatch Clock { get; }
    public string? ClosedBecause { get; private set; }

    private LiveScreen(Stopwatch clock) => Clock = clock;

    public IReadOnlyList<(TimeSpan At, long Version)> Deltas { get { lock (_deltas) return _deltas.ToList(); } }

    public static async Task<LiveScreen> ConnectAsync(string baseUrl, string kioskToken, Stopwatch clock)
    {
        var screen = new LiveScreen(clock);
        using var http = new HttpClient();
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/hubs/live/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Cookie", $"cc_kiosk={kioskToken}");
        using var response = await http.SendAsync(negotiate);
        response.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["connectionToken"]!.GetValue<string>();

        screen._socket.Options.SetRequestHeader("Cookie", $"cc_kiosk={kioskToken}");
        await screen._socket.ConnectAsync(new Uri($"{baseUrl.Replace("http://", "ws://")}/hubs/live?id={Uri.EscapeDataString(token)}"), default);
        await screen.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        screen._reader = Task.Run(screen.ReadAsync);
        screen._pinger = Task.Run(screen.PingAsync);
        return screen;
    }

    private Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, _stop.Token);

    private async Task PingAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(5000, _stop.Token);
                await SendAsync("{\"type\":6}");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException) { }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        var text = new StringBuilder();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var r = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close) { ClosedBecause = "the server closed the socket"; return; }
                text.Append(Encoding.UTF8.GetString(buffer, 0, r.Count));
                var all = text.ToString();
                var end = all.LastIndexOf(Separator);
                if (end < 0) continue;
                text.Clear().Append(all[(end + 1)..]);
                foreach (var message in all[..end].Split(Separator, StringSplitOptions.RemoveEmptyEntries)) Handle(message);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            ClosedBecause ??= _stop.IsCancellationRequested ? null : e.Message;
        }
    }

    private void Handle(string message)
    {
        using var doc = JsonDocument.Parse(message);
        var root = doc.RootElement;
        if (!root.TryGetProperty("type", out var type)) return; // handshake answer {}
        switch (type.GetInt32())
        {
            case 1 when root.GetProperty("target").GetString() == "delta":
                var arg = root.GetProperty("arguments")[0];
                var version = arg.TryGetProperty("version", out var v) ? v.GetInt64() : -1;
                lock (_deltas) _deltas.Add((Clock.Elapsed, version));
                break;
            case 7:
                ClosedBecause = root.TryGetProperty("error", out var err) ? err.GetString() : "close message";
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await Task.WhenAll(_reader ?? Task.CompletedTask, _pinger ?? Task.CompletedTask); } catch (OperationCanceledException) { }
        _socket.Dispose();
        _stop.Dispose();
    }
}
