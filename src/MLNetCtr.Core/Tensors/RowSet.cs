using System.Collections;

namespace MLNetCtr.Tensors;

/// <summary>
/// A set of row indices in <c>[0, capacity)</c> with O(1) add and O(count) clear: the rows of an embedding table
/// that received gradient in the current step. Enumerates in insertion order (deterministic).
/// </summary>
public sealed class RowSet : IEnumerable<int>
{
    private readonly bool[] _marked;
    private readonly List<int> _rows = [];

    /// <summary>Creates an empty set for rows <c>0 .. capacity-1</c>.</summary>
    public RowSet(int capacity) => _marked = new bool[capacity];

    /// <summary>The number of rows in the set.</summary>
    public int Count => _rows.Count;

    /// <summary>The rows, in the order they were first added.</summary>
    public IReadOnlyList<int> Rows => _rows;

    /// <summary>Adds <paramref name="row"/> if absent.</summary>
    public void Add(int row)
    {
        if (!_marked[row])
        {
            _marked[row] = true;
            _rows.Add(row);
        }
    }

    /// <summary>Whether <paramref name="row"/> is in the set.</summary>
    public bool Contains(int row) => _marked[row];

    /// <summary>Empties the set.</summary>
    public void Clear()
    {
        foreach (int r in _rows)
        {
            _marked[r] = false;
        }
        _rows.Clear();
    }

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
