using System.Buffers;

namespace CommandCenter.Buffers;

/// <summary>Growing a byte buffer rented from <see cref="ArrayPool{T}.Shared"/> (request and write bodies, a megabyte and more).</summary>
public static class PooledBytes
{
    /// <summary>
    /// A rented buffer of at least <paramref name="atLeast"/> bytes (and at least twice the old one's size), holding the first
    /// <paramref name="used"/> bytes of <paramref name="buffer"/>, which goes back to the pool.
    /// </summary>
    public static byte[] Grow(byte[] buffer, int used, int atLeast)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, atLeast));
        buffer.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
