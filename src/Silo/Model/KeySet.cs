namespace CommandCenter.Model;

/// <summary>
/// A set of 128-bit keys in one open-addressing table (linear probing, backward-shift deletion, power-of-two size,
/// at most 3/4 full): 16 bytes a slot and no per-entry overhead, where a <see cref="HashSet{T}"/> of 128-bit values
/// costs 28 bytes an entry plus up to twice the entries it holds after growing. The duplicate index keeps millions.
/// </summary>
internal sealed class KeySet
{
    // Starts small and doubles: every grid grain holds its own set (9,600 in the 4× county), most with a few keys; a first
    // table of 1,024 slots was 16 KB each (bench/results/memory-orleans-4x.md). (0, 0) marks an empty slot.
    private const int InitialSlots = 16;
    private (ulong Hi, ulong Lo)[] _slots = new (ulong, ulong)[InitialSlots];
    private bool _hasZero; // the key 0 itself, held apart because (0, 0) means empty
    private int _mask = InitialSlots - 1;
    private int _shift = 64 - 4;

    public int Count { get; private set; }

    public bool Contains(ulong hi, ulong lo)
    {
        if ((hi | lo) == 0) return _hasZero;
        for (var i = Home(hi, lo); ; i = (i + 1) & _mask)
        {
            var s = _slots[i];
            if (s.Lo == lo && s.Hi == hi) return true;
            if ((s.Hi | s.Lo) == 0) return false;
        }
    }

    /// <summary>Adds the key; false when it was already there.</summary>
    public bool Add(ulong hi, ulong lo)
    {
        if ((hi | lo) == 0)
        {
            if (_hasZero) return false;
            _hasZero = true;
            Count++;
            return true;
        }
        if ((Count + 1) * 4L > _slots.Length * 3L) Grow();
        for (var i = Home(hi, lo); ; i = (i + 1) & _mask)
        {
            var s = _slots[i];
            if (s.Lo == lo && s.Hi == hi) return false;
            if ((s.Hi | s.Lo) != 0) continue;
            _slots[i] = (hi, lo);
            Count++;
            return true;
        }
    }

    /// <summary>Removes the key; false when it was not there. Later keys of its probe run move back, so no tombstones build up.</summary>
    public bool Remove(ulong hi, ulong lo)
    {
        if ((hi | lo) == 0)
        {
            if (!_hasZero) return false;
            _hasZero = false;
            Count--;
            return true;
        }
        var i = Home(hi, lo);
        while (true)
        {
            var s = _slots[i];
            if ((s.Hi | s.Lo) == 0) return false;
            if (s.Lo == lo && s.Hi == hi) break;
            i = (i + 1) & _mask;
        }
        var hole = i;
        for (var j = (hole + 1) & _mask; ; j = (j + 1) & _mask)
        {
            var s = _slots[j];
            if ((s.Hi | s.Lo) == 0) break;
            var home = Home(s.Hi, s.Lo);
            // the key at j may fill the hole unless its home lies cyclically in (hole, j]
            var stays = hole <= j ? home > hole && home <= j : home > hole || home <= j;
            if (stays) continue;
            _slots[hole] = s;
            hole = j;
        }
        _slots[hole] = default;
        Count--;
        return true;
    }

    // Fibonacci hashing of both halves: uniform for the SHA-256 keys, and still spread for patterned keys in tests.
    private int Home(ulong hi, ulong lo) => (int)(((hi ^ lo) * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        var old = _slots;
        _slots = new (ulong, ulong)[old.Length * 2];
        _mask = _slots.Length - 1;
        _shift--;
        foreach (var s in old)
        {
            if ((s.Hi | s.Lo) == 0) continue;
            var i = Home(s.Hi, s.Lo);
            while ((_slots[i].Hi | _slots[i].Lo) != 0) i = (i + 1) & _mask;
            _slots[i] = s;
        }
    }
}
