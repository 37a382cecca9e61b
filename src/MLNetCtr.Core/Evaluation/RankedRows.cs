namespace MLNetCtr.Evaluation;

/// <summary>
/// Rows sorted by descending score, their columns gathered into contiguous spans so that every sweep over them reads
/// memory in order. Positive means <c>label &gt; 0</c>, as in ML.NET; empty <see cref="Weights"/> means unit weights.
/// </summary>
internal readonly ref struct RankedRows
{
    public RankedRows(ReadOnlySpan<float> scores, ReadOnlySpan<bool> positive, ReadOnlySpan<float> weights)
    {
        Scores = scores;
        Positive = positive;
        Weights = weights;
    }

    /// <summary>Scores, descending; equal scores are adjacent.</summary>
    public ReadOnlySpan<float> Scores { get; }

    /// <summary>Whether each row is positive.</summary>
    public ReadOnlySpan<bool> Positive { get; }

    /// <summary>Row weights, or empty for unit weights.</summary>
    public ReadOnlySpan<float> Weights { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Scores.Length;

    /// <summary>The weight of ranked row <paramref name="k"/>.</summary>
    public double Weight(int k) => Weights.IsEmpty ? 1.0 : Weights[k];

    /// <summary>The ranked rows <c>[start, start + length)</c>; still in descending score order.</summary>
    public RankedRows Slice(int start, int length) =>
        new(Scores.Slice(start, length), Positive.Slice(start, length), Weights.IsEmpty ? default : Weights.Slice(start, length));

    /// <summary>Ranks every row: <see cref="OrderByDescendingScore(ReadOnlySpan{float})"/> then <see cref="Gather"/>.</summary>
    public static RankedRows Rank(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights) =>
        Gather(labels, scores, weights, OrderByDescendingScore(scores));

    /// <summary>
    /// Every row ordered by descending score, ties by ascending row. One O(n log n) sort of 64-bit keys
    /// <c>(descending score bits, row)</c>: a single-array sort, about 1.5× faster than sorting a key array and an
    /// index array together (10⁷ rows: 0.7 s against 1.1 s).
    /// </summary>
    public static int[] OrderByDescendingScore(ReadOnlySpan<float> scores) => Order(scores, rows: default, scores.Length);

    /// <summary>The rows <paramref name="rows"/> ordered by descending score, ties by ascending row.</summary>
    public static int[] OrderByDescendingScore(ReadOnlySpan<float> scores, ReadOnlySpan<int> rows) => Order(scores, rows, rows.Length);

    /// <summary>Copies the columns of the rows <paramref name="order"/>, in that order.</summary>
    public static RankedRows Gather(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, ReadOnlySpan<int> order)
    {
        var rankedScores = new float[order.Length];
        var positive = new bool[order.Length];
        var rankedWeights = weights.IsEmpty ? [] : new float[order.Length];
        for (int k = 0; k < order.Length; k++)
        {
            int i = order[k];
            rankedScores[k] = scores[i];
            positive[k] = labels[i] > 0;
            if (!weights.IsEmpty)
            {
                rankedWeights[k] = weights[i];
            }
        }
        return new RankedRows(rankedScores, positive, rankedWeights);
    }

    /// <summary>Sorts rows <paramref name="rows"/>, or rows 0 … n − 1 when it is empty.</summary>
    private static int[] Order(ReadOnlySpan<float> scores, ReadOnlySpan<int> rows, int n)
    {
        var keys = new ulong[n];
        for (int k = 0; k < n; k++)
        {
            int i = rows.IsEmpty ? k : rows[k];
            keys[k] = ((ulong)DescendingBits(scores[i]) << 32) | (uint)i;
        }
        Array.Sort(keys);
        var order = new int[n];
        for (int k = 0; k < n; k++)
        {
            order[k] = (int)(uint)keys[k];
        }
        return order;
    }

    /// <summary>
    /// A uint whose ascending order is the float's descending order (NaN excluded by the callers). Flipping the sign
    /// bit of positives and every bit of negatives orders IEEE floats as unsigned integers; the complement reverses it.
    /// +0 sorts directly before −0 (adjacent keys), and the sweeps compare scores with <c>==</c>, so they still tie.
    /// </summary>
    private static uint DescendingBits(float score)
    {
        uint bits = BitConverter.SingleToUInt32Bits(score);
        uint ascending = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        return ~ascending;
    }
}
