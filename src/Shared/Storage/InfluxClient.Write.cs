using System.Net.Http.Headers;

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
        return WriteChunksAsync(points.Count, (body, i) => points[i].WriteTo(body), cancellationToken);
    }

    /// <summary>
    /// Writes ready-made lines of line protocol (one point each, no trailing newline needed),
    /// batched and retried like <see cref="WriteAsync"/>.
    /// </summary>
    public Task WriteLinesAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return WriteChunksAsync(lines.Count, (body, i) => body.Append(lines[i].AsSpan().TrimEnd('\n')), cancellationToken);
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
        return WriteChunksAsync(items.Count, (body, i) =>
        {
            writer.Begin(body, measurement);
            writePoint(writer, items[i]);
            writer.End(measurement);
        }, cancellationToken);
    }

    /// <summary>
    /// Encodes every request body first (so a point that cannot be written fails the call before anything is sent),
    /// as UTF-8 into pooled buffers (<see cref="LineBody"/>), then posts them one after another.
    /// </summary>
    private async Task WriteChunksAsync(int count, Action<LineBody, int> appendLine, CancellationToken ct)
    {
        var bodies = new List<(LineBody Body, int First, int Lines)>((count + Options.MaxBatchLines - 1) / Options.MaxBatchLines);
        try
        {
            for (var first = 0; first < count; first += Options.MaxBatchLines)
            {
                var end = Math.Min(count, first + Options.MaxBatchLines);
                var body = new LineBody((end - first) * Volatile.Read(ref _bytesPerLine));
                bodies.Add((body, first, end - first));
                for (var i = first; i < end; i++)
                {
                    appendLine(body, i);
                    body.AppendAscii('\n');
                }
                // the next body starts big enough for lines like these (no copying as it grows)
                Volatile.Write(ref _bytesPerLine, Math.Clamp(body.Length / (end - first) + 16, 32, 4096));
            }
            foreach (var (body, first, lines) in bodies)
                await PostChunkAsync(body.Segment, first, lines, ct).ConfigureAwait(false);
        }
        finally
        {
            foreach (var (body, _, _) in bodies) body.Dispose();
        }
    }

    private int _bytesPerLine = 256;

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
