using System.Buffers;
using CommandCenter.Buffers;
using Microsoft.AspNetCore.Http;

namespace CommandCenter.Ingest.Api;

/// <summary>
/// A request's whole body in one buffer rented from <see cref="ArrayPool{T}.Shared"/> (a full batch is over a
/// megabyte: a new array per request would be a large-object allocation). Dispose returns it.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[] _buffer;

    private RequestBody(byte[] buffer, int length) => (_buffer, Length) = (buffer, length);

    public int Length { get; }

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    /// <summary>Reads to the end (the server's body size limit applies: over it, Kestrel throws a 413 <see cref="BadHttpRequestException"/>).</summary>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        // one more byte than announced, so the read that finds the end needs no bigger buffer (an announced size over the limit gets none)
        var size = request.ContentLength is long n && n >= 0 && n <= maxBytes && n < int.MaxValue ? (int)n + 1 : 64 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length) buffer = PooledBytes.Grow(buffer, length, length + 1);
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0) return new RequestBody(buffer, length);
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }
}
