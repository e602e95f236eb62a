using System.Buffers;
using System.Globalization;
using System.Text;
using CommandCenter.Buffers;

namespace CommandCenter.Storage;

/// <summary>
/// A write request's body of line protocol, written as UTF-8 straight into a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/>: no text builder, no second encoding pass, no number boxed. A 5,000-line body
/// is over a megabyte: a new array each time would be a large-object allocation, and those trigger full
/// collections. <see cref="Dispose"/> returns the buffer.
/// </summary>
public sealed class LineBody : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public LineBody(int capacity = 256) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(16, capacity));

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    internal ArraySegment<byte> Segment => new(_buffer, 0, _length);

    /// <summary>One ASCII character (the syntax of line protocol: separators, quotes, backslashes, newlines).</summary>
    public void AppendAscii(char c)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = (byte)c;
    }

    /// <summary>Text as UTF-8 (a lone surrogate becomes U+FFFD, as <see cref="Encoding.UTF8"/> writes it).</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        var room = _buffer.Length - _length;
        if (room < text.Length * 3) // UTF-8 needs at most 3 bytes per UTF-16 unit
        {
            var needed = Encoding.UTF8.GetByteCount(text);
            if (room < needed) Grow(needed);
        }
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    /// <summary>An integer in invariant digits.</summary>
    public void Append(long value)
    {
        if (_buffer.Length - _length < 20) Grow(20);
        value.TryFormat(_buffer.AsSpan(_length), out var n, default, CultureInfo.InvariantCulture);
        _length += n;
    }

    /// <summary>A float as the shortest text that reads back to the same value ("R", invariant).</summary>
    public void Append(double value)
    {
        if (_buffer.Length - _length < 32) Grow(32);
        value.TryFormat(_buffer.AsSpan(_length), out var n, "R", CultureInfo.InvariantCulture);
        _length += n;
    }

    /// <summary>The body as text (tests, single lines).</summary>
    public override string ToString() => Encoding.UTF8.GetString(Written);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Grow(int more)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        _buffer = PooledBytes.Grow(_buffer, _length, _length + more);
    }
}
