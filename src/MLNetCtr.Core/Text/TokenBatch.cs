namespace MLNetCtr.Text;

/// <summary>
/// Token ids of B texts, left-aligned and padded to the longest: <c>Ids</c> is <c>(B, L)</c> row-major, row b valid for
/// its first <c>Lengths[b]</c> positions.
/// </summary>
/// <param name="Ids">Token ids, <c>(B, L)</c> row-major; padding positions hold 0.</param>
/// <param name="Lengths">Number of valid tokens per row, ≥ 1.</param>
/// <param name="MaxLength">L, the longest row.</param>
public sealed record TokenBatch(int[] Ids, int[] Lengths, int MaxLength)
{
    /// <summary>Number of rows B.</summary>
    public int Count => Lengths.Length;

    /// <summary>Packs token lists into a batch, each clipped to <paramref name="maxTokens"/>.</summary>
    public static TokenBatch From(IReadOnlyList<int[]> tokens, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTokens);
        int[] lengths = [.. tokens.Select(t => Math.Min(t.Length, maxTokens))];
        int l = Math.Max(1, lengths.DefaultIfEmpty(0).Max());
        int[] ids = new int[tokens.Count * l];
        for (int b = 0; b < tokens.Count; b++)
        {
            tokens[b].AsSpan(0, lengths[b]).CopyTo(ids.AsSpan(b * l));
        }
        return new TokenBatch(ids, lengths, l);
    }

    /// <summary><c>(B, L)</c> row-major flags, true at padding positions, as attention masks take them.</summary>
    public bool[] PaddingMask()
    {
        bool[] padding = new bool[Ids.Length];
        for (int b = 0; b < Count; b++)
        {
            padding.AsSpan(b * MaxLength + Lengths[b], MaxLength - Lengths[b]).Fill(true);
        }
        return padding;
    }
}
