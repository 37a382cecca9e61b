namespace MLNetCtr.Data;

/// <summary>
/// A padded sequence column: <see cref="Ids"/> holds <see cref="RowCount"/> × <see cref="MaxLength"/> ids, row-major.
/// Each row is LEFT-aligned: its kept elements, oldest first, fill positions <c>0 .. Lengths[row] − 1</c> (the most
/// recent element is at <c>Lengths[row] − 1</c>), and the rest is <see cref="Vocabulary.PaddingId"/> (0). A longer
/// history keeps its most recent <see cref="MaxLength"/> elements. A mask is therefore <c>position &lt; length</c>.
/// </summary>
public sealed class SequenceColumn
{
    /// <summary>Wraps (does not copy) padded ids and lengths.</summary>
    /// <param name="ids">Row-major ids, <c>lengths.Length × maxLength</c> of them.</param>
    /// <param name="lengths">Kept elements per row, each in [0, <paramref name="maxLength"/>].</param>
    /// <param name="maxLength">Positions per row (L).</param>
    public SequenceColumn(int[] ids, int[] lengths, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        if (ids.Length != (long)lengths.Length * maxLength)
        {
            throw new ArgumentException($"{lengths.Length} rows of {maxLength} positions need {(long)lengths.Length * maxLength} ids; got {ids.Length}.", nameof(ids));
        }
        Ids = ids;
        Lengths = lengths;
        MaxLength = maxLength;
    }

    /// <summary>Padded ids, shape (rows, <see cref="MaxLength"/>), row-major, left-aligned.</summary>
    public int[] Ids { get; }

    /// <summary>Number of kept (non-padding) elements per row.</summary>
    public int[] Lengths { get; }

    /// <summary>Positions per row (L).</summary>
    public int MaxLength { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Lengths.Length;

    /// <summary>The kept ids of <paramref name="row"/>, oldest first, without padding.</summary>
    public ReadOnlySpan<int> RowIds(int row) => Ids.AsSpan(row * MaxLength, Lengths[row]);
}
