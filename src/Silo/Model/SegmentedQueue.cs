using System.Collections;

namespace CommandCenter.Model;

/// <summary>
/// A first-in first-out queue kept in fixed segments of <see cref="SegmentLength"/> items instead of one array that
/// doubles: growing never copies what is held nor allocates one huge array (a 5-million-key dedupe index would
/// otherwise reallocate a 160 MB array on the large-object heap, holding both copies while it copies). One emptied
/// segment is kept for reuse, so a queue at its steady size allocates nothing. A new segment is about as long as the
/// queue (at least <see cref="MinSegmentLength"/>, at most <see cref="SegmentLength"/>): every grid grain has a queue, most
/// of them short, and a first segment of 2,048 items was 48 KB per grid (bench/results/memory-orleans-4x.md).
/// </summary>
internal sealed class SegmentedQueue<T> : IEnumerable<T>
{
    /// <summary>Most items per segment: small enough that a segment of 32-byte items stays off the large-object heap.</summary>
    public const int SegmentLength = 2048;

    /// <summary>Items in the first segment of an empty queue.</summary>
    public const int MinSegmentLength = 16;

    private readonly Queue<T[]> _segments = new();
    private T[]? _tail;     // the segment being filled (also in _segments)
    private int _headIndex; // next item to dequeue in the first segment
    private int _tailIndex; // next free slot in _tail
    private T[]? _spare;

    public int Count { get; private set; }

    public void Enqueue(T item)
    {
        if (_tail is null || _tailIndex == _tail.Length)
        {
            var wanted = (int)Math.Clamp(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Count + 1), MinSegmentLength, SegmentLength);
            _tail = _spare is { } spare && spare.Length >= wanted ? spare : new T[wanted];
            _spare = null;
            _segments.Enqueue(_tail);
            _tailIndex = 0;
        }
        _tail[_tailIndex++] = item;
        Count++;
    }

    public T Peek()
    {
        if (Count == 0) throw new InvalidOperationException("the queue is empty");
        return _segments.Peek()[_headIndex];
    }

    public T Dequeue()
    {
        if (Count == 0) throw new InvalidOperationException("the queue is empty");
        var head = _segments.Peek();
        var item = head[_headIndex];
        head[_headIndex++] = default!;
        Count--;
        if (_headIndex == head.Length || Count == 0)
        {
            _segments.Dequeue();
            _headIndex = 0;
            if (ReferenceEquals(head, _tail)) { _tail = null; _tailIndex = 0; }
            _spare = head;
        }
        return item;
    }

    public IEnumerator<T> GetEnumerator()
    {
        var first = true;
        foreach (var segment in _segments)
        {
            var from = first ? _headIndex : 0;
            var to = ReferenceEquals(segment, _tail) ? _tailIndex : segment.Length;
            for (var i = from; i < to; i++) yield return segment[i];
            first = false;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
