using System.Diagnostics;
using System.Net;
using CommandCenter.Storage;

namespace CommandCenter.Shared.Tests.Storage;

/// <summary>Timeouts, cancellation and broken streams against a scripted HTTP handler.</summary>
public class InfluxClientFailureTests
{
    private static InfluxClient Create(HttpMessageHandler handler, Action<InfluxOptions>? configure = null)
    {
        var options = new InfluxOptions { Url = "http://influx.test:8086", MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        configure?.Invoke(options);
        return new InfluxClient(new HttpClient(handler), options);
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        public int Calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            await Task.Delay(Timeout.Infinite, ct);
            throw new UnreachableException();
        }
    }

    private sealed class BrokenStream : Stream
    {
        private readonly byte[] _head = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"v\"],\"values\":[[1,1]],\"partial\":true}],\"partial\":true}]}\n"u8.ToArray();
        private int _pos;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_pos >= _head.Length) throw new IOException("connection reset");
            var n = Math.Min(count, _head.Length - _pos);
            Array.Copy(_head, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _pos; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Each_attempt_times_out_and_the_last_gives_InfluxUnavailableException()
    {
        var handler = new HangingHandler();
        var client = Create(handler, o => o.Timeout = TimeSpan.FromMilliseconds(50));
        var e = await Assert.ThrowsAsync<InfluxUnavailableException>(() => client.WriteLinesAsync(["m v=1i"]));
        Assert.Equal(3, handler.Calls);
        Assert.IsType<TimeoutException>(e.InnerException);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_retried()
    {
        var handler = new HangingHandler();
        var client = Create(handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WriteLinesAsync(["m v=1i"], cts.Token));
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task A_query_is_retried_until_the_answer_starts()
    {
        var handler = new StubInfluxHandler((_, n) => n == 1
            ? StubInfluxHandler.Status(HttpStatusCode.ServiceUnavailable)
            : StubInfluxHandler.Status(HttpStatusCode.OK, "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"v\"],\"values\":[[5,1]]}]}]}\n"));
        var rows = await Create(handler).QueryAsync("SELECT v FROM m").ToListAsync();
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(5, Assert.Single(rows).TimeNs);
    }

    [Fact]
    public async Task A_connection_lost_while_streaming_gives_InfluxUnavailableException_after_the_rows_read()
    {
        var handler = new StubInfluxHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BrokenStream()) });
        var rows = new List<InfluxRow>();
        var e = await Assert.ThrowsAsync<InfluxUnavailableException>(async () =>
        {
            await foreach (var row in Create(handler).QueryAsync("SELECT v FROM m")) rows.Add(row);
        });
        Assert.Single(rows);
        Assert.IsType<IOException>(e.InnerException);
        Assert.Single(handler.Requests); // not retried once streaming began
    }
}
