using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace CommandCenter.Storage;

public sealed partial class InfluxClient
{
    private const int ChunkSize = 10000;

    /// <summary>
    /// Runs InfluxQL against <see cref="InfluxOptions.Database"/> and streams the rows
    /// (epoch=ns, chunked=true, chunk_size=10000): one JSON document is parsed at a time, the whole
    /// answer is never held. SELECT/SHOW go as GET, anything else (and SELECT … INTO) as POST.
    /// Errors become <see cref="InfluxQueryException"/>; the request is retried like a write until the
    /// answer starts, a connection lost while streaming becomes <see cref="InfluxUnavailableException"/>.
    /// </summary>
    public IAsyncEnumerable<InfluxRow> QueryAsync(string influxQl, CancellationToken cancellationToken = default) =>
        QueryCoreAsync(influxQl, forcePost: false, withDatabase: true, cancellationToken);

    private async IAsyncEnumerable<InfluxRow> QueryCoreAsync(
        string influxQl, bool forcePost, bool withDatabase, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(influxQl);
        var post = forcePost || !IsReadOnly(influxQl);
        var parameters = new List<(string, string?)>
        {
            ("db", withDatabase ? Options.Database : null), ("rp", withDatabase ? Options.RetentionPolicy : null),
            ("epoch", "ns"), ("chunked", "true"), ("chunk_size", ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (!post) parameters.Add(("q", influxQl));
        var uri = _transport.BuildUri("/query", parameters.ToArray());

        using var response = await _transport.SendAsync(() => post
                ? new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent([new("q", influxQl)]) }
                : new HttpRequestMessage(HttpMethod.Get, uri),
            HttpCompletionOption.ResponseHeadersRead, "query", ct).ConfigureAwait(false);

        if (!response.IsSuccessStatusCode)
        {
            var error = await InfluxTransport.ReadErrorAsync(response, ct).ConfigureAwait(false);
            throw new InfluxQueryException($"InfluxDB query failed (HTTP {(int)response.StatusCode}): {error}", response.StatusCode, error);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
        while (await ReadLineAsync(reader, ct).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            foreach (var row in InfluxResponseParser.ParseDocument(line)) yield return row;
        }
    }

    private async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadLineAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new InfluxUnavailableException($"Connection to InfluxDB at {Options.Url} lost while reading a query result: {e.Message}", 1, null, null, e);
        }
    }

    [GeneratedRegex(@"^\s*(SELECT|SHOW)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReadStatement();

    [GeneratedRegex(@"\bINTO\b|;\s*[^\s;]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MaybeWrites();

    /// <summary>GET only for a single SELECT/SHOW without INTO; when unsure, POST (always accepted).</summary>
    private static bool IsReadOnly(string influxQl) => ReadStatement().IsMatch(influxQl) && !MaybeWrites().IsMatch(influxQl);
}
