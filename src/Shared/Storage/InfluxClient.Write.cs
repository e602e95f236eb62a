using System.Buffers;
using System.Net.Http.Headers;
using System.Text;

namespace CommandCenter.Storage;

public sealed partial class InfluxClient
{
    private static readonly MediaTypeHeaderValue LineProtocolType = new("text/plain") { CharSet = "utf-8" };

    /// <summary>
    /// Writes points with POST /write (precision ns), in requests of at most
    /// <see cref="InfluxOptions.MaxBatchLines"/> lines, one after another.
    /// Throws <see cref="InfluxWriteException"/> (4xx, not retried) or
    /// <see cref="InfluxUnavailableException"/> (retries used up). Requests before the failing one are stored.
    /// </summary>
    public Task WriteAsync(IReadOnlyList<LinePoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        return WriteChunksAsync(points.Count, (sb, i) => points[i].WriteTo(sb), cancellationToken);
    }

    /// <summary>
    /// Writes ready-made lines of line protocol (one point each, no trailing newline needed),
    /// batched and retried like <see cref="WriteAsync"/>.
    /// </summary>
    public Task WriteLinesAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return WriteChunksAsync(lines.Count, (sb, i) => sb.Append(lines[i].AsSpan().TrimEnd('\n')), cancellationToken);
    }

    /// <summary>
    /// Writes one point per item, each written by <paramref name="writePoint"/> straight into the request body
    /// (no <see cref="LinePoint"/> per item: the event log's path), batched and retried like <see cref="WriteAsync(IReadOnlyList{LinePoint}, CancellationToken)"/>.
    /// </summary>
    public Task WriteAsync<T>(IReadOnlyList<T> items, string measurement, Action<LineWriter, T> writePoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(writePoint);
        var writer = new LineWriter();
        return WriteChunksAsync(items.Count, (sb, i) =>
        {
            writer.Begin(sb, measurement);
            writePoint(writer, items[i]);
            writer.End(measurement);
        }, cancellationToken);
    }

    /// <summary>
    /// Encodes every request body first (so a point that cannot be written fails the call before anything is sent),
    /// as UTF-8 into pooled buffers (a 5,000-line body is over a megabyte: a new array each time would be a
    /// large-object allocation, and those trigger full collections), then posts them one after another.
    /// </summary>
    private async Task WriteChunksAsync(int count, Action<StringBuilder, int> appendLine, CancellationToken ct)
    {
        var bodies = new List<(byte[] Buffer, int Length, int First, int Lines)>((count + Options.MaxBatchLines - 1) / Options.MaxBatchLines);
        try
        {
            for (var first = 0; first < count; first += Options.MaxBatchLines)
            {
                var end = Math.Min(count, first + Options.MaxBatchLines);
                // a new builder per body: its chunks stay small, while Clear() on a grown one allocates its whole capacity as one array
                var sb = new StringBuilder();
                for (var i = first; i < end; i++)
                {
                    appendLine(sb, i);
                    sb.Append('\n');
                }
                var (buffer, length) = Utf8Body.Encode(sb);
                bodies.Add((buffer, length, first, end - first));
            }
            foreach (var body in bodies)
                await PostChunkAsync(new ArraySegment<byte>(body.Buffer, 0, body.Length), body.First, body.Lines, ct).ConfigureAwait(false);
        }
        finally
        {
            foreach (var body in bodies) ArrayPool<byte>.Shared.Return(body.Buffer);
        }
    }

    private async Task PostChunkAsync(ArraySegment<byte> body, int firstLine, int lineCount, CancellationToken ct)
    {
        var uri = _transport.BuildUri("/write",
            ("db", Options.Database), ("rp", Options.RetentionPolicy), ("precision", "ns"));
        using var response = await _transport.SendAsync(() =>
        {
            var content = new ByteArrayContent(body.Array!, body.Offset, body.Count);
            content.Headers.ContentType = LineProtocolType;
            return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        }, HttpCompletionOption.ResponseContentRead, $"write of {lineCount} line(s) to {Options.Database}", ct).ConfigureAwait(false);

        if (response.IsSuccessStatusCode) return;
        var error = await InfluxTransport.ReadErrorAsync(response, ct).ConfigureAwait(false);
        throw new InfluxWriteException(
            $"InfluxDB refused the write of lines {firstLine}..{firstLine + lineCount - 1} " +
            $"(HTTP {(int)response.StatusCode}): {error}", response.StatusCode, error, firstLine);
    }
}
