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

    private async Task WriteChunksAsync(int count, Action<StringBuilder, int> appendLine, CancellationToken ct)
    {
        var sb = new StringBuilder();
        for (var first = 0; first < count; first += Options.MaxBatchLines)
        {
            var end = Math.Min(count, first + Options.MaxBatchLines);
            sb.Clear();
            for (var i = first; i < end; i++)
            {
                appendLine(sb, i);
                sb.Append('\n');
            }
            await PostChunkAsync(Encoding.UTF8.GetBytes(sb.ToString()), first, end - first, ct).ConfigureAwait(false);
        }
    }

    private async Task PostChunkAsync(byte[] body, int firstLine, int lineCount, CancellationToken ct)
    {
        var uri = _transport.BuildUri("/write",
            ("db", Options.Database), ("rp", Options.RetentionPolicy), ("precision", "ns"));
        using var response = await _transport.SendAsync(() =>
        {
            var content = new ByteArrayContent(body);
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
