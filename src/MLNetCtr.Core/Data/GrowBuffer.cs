namespace MLNetCtr.Data;

/// <summary>An append-only array that doubles when full and can be truncated (to drop a rejected row).</summary>
internal sealed class GrowBuffer<T>
{
    private T[] _items;

    public GrowBuffer(int capacity = 1024) => _items = new T[Math.Max(capacity, 16)];

    /// <summary>Elements appended and kept.</summary>
    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, checked(_items.Length * 2));
        }
        _items[Count++] = item;
    }

    /// <summary>Appends <paramref name="length"/> default elements and returns them to be filled.</summary>
    public Span<T> AddDefault(int length)
    {
        if (Count + length > _items.Length)
        {
            Array.Resize(ref _items, Math.Max(checked(_items.Length * 2), Count + length));
        }
        Span<T> added = _items.AsSpan(Count, length);
        added.Clear();
        Count += length;
        return added;
    }

    /// <summary>Forgets everything after the first <paramref name="count"/> elements.</summary>
    public void Truncate(int count) => Count = count;

    /// <summary>The kept elements as an array of exactly <see cref="Count"/> elements (the buffer itself if it fits).</summary>
    public T[] ToArray() => Count == _items.Length ? _items : _items[..Count];
}
