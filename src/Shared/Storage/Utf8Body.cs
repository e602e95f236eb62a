using System.Buffers;
using System.Text;

namespace CommandCenter.Storage;

/// <summary>A request body's text as UTF-8 in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns it).</summary>
internal static class Utf8Body
{
    public static (byte[] Buffer, int Length) Encode(StringBuilder sb)
    {
        var size = 0;
        foreach (var chunk in sb.GetChunks()) size += Encoding.UTF8.GetByteCount(chunk.Span);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, size));
        var encoder = Encoding.UTF8.GetEncoder(); // a chunk may end inside a surrogate pair
        var written = 0;
        foreach (var chunk in sb.GetChunks())
            written += encoder.GetBytes(chunk.Span, buffer.AsSpan(written), flush: false);
        written += encoder.GetBytes(ReadOnlySpan<char>.Empty, buffer.AsSpan(written), flush: true);
        return (buffer, written);
    }
}
