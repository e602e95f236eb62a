using System.Collections;

namespace CommandCenter.Model;

/// <summary>
/// A first-in first-out queue kept in fixed segments of <see cref="SegmentLength"/> items instead of one array that
/// doubles: growing never copies what is held nor allocates one huge array (a 5-million-key dedupe index would
/// otherwise reallocate a 160 MB array on the large-object heap, holding both copies while it copies). One emptied
/// segment is kept for reuse, so a queue at its steady size allocates nothing.
/// </summary>
internal sealed class SegmentedQueue<T> : IEnumerable<T>
{
    /// <summary>Items per segment: small enough that a segment of 32-byte items stays off the large-object heap.</summary>
    public const int SegmentLength = 2048;

    private readonly Queue<T[]> _segments = new();
    private T[]? _tail;     // the segment being filled (also in _segments)
    private int _headIndex; // next item to dequeue in the first segment
    private int _tailIndex; // next free slot in _tail
    private T[]? _spare;

    public int Count { get; private set; }

    public void Enqueue(T item)
    {
        if (_tail is null || _tailIndex == SegmentLength)
        {
            _tail = _spare ?? new T[SegmentLength];
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
        if (_headIndex == SegmentLength || Count == 0)
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
            var to = ReferenceEquals(segment, _tail) ? _tailIndex : SegmentLength;
            for (var i = from; i < to; i++) yield return segment[i];
            first = false;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
