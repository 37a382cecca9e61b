namespace MLNetCtr.Data;

/// <summary>
/// Interns the distinct raw values of one vocabulary while a file is read: each value gets a raw index from
/// <see cref="Vocabulary.FirstValueId"/> on (in order of first appearance), looked up from a span without allocating.
/// Raw indices are mapped to fitted vocabulary ids when the data is encoded.
/// </summary>
/// <remarks>
/// With a million distinct item ids, a lookup is bound by cache misses, so the table is laid out for two per lookup
/// instead of the three or four of <c>Dictionary&lt;string, int&gt;</c> (bucket, entry, string object):
/// <code>
/// _slots  ulong[2^k], open addressing, linear probing, at most half full:
///         0 = empty, else (hash &lt;&lt; 32) | (offset + 1)
/// _arena  char[], one record per value at offset:
///         [length low 16 bits][length high][raw index low 16 bits][raw index high][the value's chars ...]
/// </code>
/// The hash is the process's string hash of the chars; it never leaves this table, so it need not be stable.
/// </remarks>
internal sealed class ValuePool
{
    private const int HeaderChars = 4;
    private ulong[] _slots = new ulong[256];
    private char[] _arena = new char[4096];
    private int _arenaLength;
    private int[] _offsets = new int[64];   // arena offset of raw index FirstValueId + i
    private int _count;

    /// <summary>One more than the largest raw index handed out (indices below <see cref="Vocabulary.FirstValueId"/> are reserved).</summary>
    public int IndexBound => _count + Vocabulary.FirstValueId;

    /// <summary>The raw index of <paramref name="value"/>, adding it if new.</summary>
    public int Intern(ReadOnlySpan<char> value)
    {
        uint hash = (uint)string.GetHashCode(value);
        int mask = _slots.Length - 1;
        for (int i = (int)(hash & (uint)mask); ; i = (i + 1) & mask)
        {
            ulong slot = _slots[i];
            if (slot == 0)
            {
                return Add(value, hash, i);
            }
            if ((uint)(slot >> 32) == hash)
            {
                int offset = (int)(uint)slot - 1;
                if (ReadInt(offset) == value.Length && _arena.AsSpan(offset + HeaderChars, value.Length).SequenceEqual(value))
                {
                    return ReadInt(offset + 2);
                }
            }
        }
    }

    /// <summary>The chars of the value with raw index <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> ValueSpan(int index)
    {
        int offset = _offsets[index - Vocabulary.FirstValueId];
        return _arena.AsSpan(offset + HeaderChars, ReadInt(offset));
    }

    /// <summary>The value with raw index <paramref name="index"/>, as a new string.</summary>
    public string ValueAt(int index) => ValueSpan(index).ToString();

    private int Add(ReadOnlySpan<char> value, uint hash, int slot)
    {
        int offset = _arenaLength;
        int needed = checked(offset + HeaderChars + value.Length);
        if (needed > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(needed, checked(_arena.Length * 2)));
        }
        int index = IndexBound;
        WriteInt(offset, value.Length);
        WriteInt(offset + 2, index);
        value.CopyTo(_arena.AsSpan(offset + HeaderChars));
        _arenaLength = needed;
        if (_count == _offsets.Length)
        {
            Array.Resize(ref _offsets, _count * 2);
        }
        _offsets[_count++] = offset;
        _slots[slot] = (ulong)hash << 32 | (uint)(offset + 1);
        if (_count * 2 > _slots.Length)
        {
            Grow();
        }
        return index;
    }

    /// <summary>Doubles the slot table; slots carry their hash, so nothing is rehashed from the chars.</summary>
    private void Grow()
    {
        ulong[] old = _slots;
        _slots = new ulong[checked(old.Length * 2)];
        int mask = _slots.Length - 1;
        foreach (ulong slot in old)
        {
            if (slot == 0)
            {
                continue;
            }
            int i = (int)((uint)(slot >> 32) & (uint)mask);
            while (_slots[i] != 0)
            {
                i = (i + 1) & mask;
            }
            _slots[i] = slot;
        }
    }

    private int ReadInt(int at) => _arena[at] | _arena[at + 1] << 16;

    private void WriteInt(int at, int value)
    {
        _arena[at] = (char)value;
        _arena[at + 1] = (char)(value >> 16);
    }
}
