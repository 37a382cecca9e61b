using System.Runtime.InteropServices;

namespace MLNetCtr.Evaluation;

/// <summary>
/// AUC on the long tail: the ROC AUC over the rows whose item is among the least frequent items in training.
/// </summary>
/// <remarks>
/// <para>
/// "The least frequent fraction φ (default 20%) of items" is defined on the M items of the training-frequency map:
/// sort their frequencies ascending, let <c>k = max(1, ⌈φ · M⌉)</c> (computed in decimal: in double, 0.28 · 25 is 7.000000000000001), and
/// let the threshold f* be the k-th smallest frequency. The tail is every item with frequency ≤ f*: all items tied
/// at f* are in, so the tail holds at least k items and never depends on how ties are ordered. An item in the
/// evaluation rows but not in the map was never seen in training; it has frequency 0 and is always in the tail.
/// With an empty map f* = 0 and only unseen items are in the tail.
/// </para>
/// <para>Cost: O(M log M) for the threshold, O(n) to select the rows, O(t log t) to rank the t tail rows.</para>
/// </remarks>
public static class LongTailAucEvaluator
{
    /// <summary>Computes the long-tail AUC with float labels (positive when &gt; 0).</summary>
    /// <typeparam name="TItem">The item key, e.g. an item id.</typeparam>
    /// <param name="items">The item of each evaluation row.</param>
    /// <param name="trainingFrequency">How many times each item occurs in the training data.</param>
    /// <param name="labels">True labels.</param>
    /// <param name="scores">Scores; higher means more likely positive.</param>
    /// <param name="weights">Row weights; empty for unit weights.</param>
    /// <param name="tailFraction">φ in (0, 1]; default <see cref="EvaluationDefaults.LongTailFraction"/> (0.2).</param>
    public static LongTailAucMetrics Evaluate<TItem>(
        ReadOnlySpan<TItem> items,
        IReadOnlyDictionary<TItem, long> trainingFrequency,
        ReadOnlySpan<float> labels,
        ReadOnlySpan<float> scores,
        ReadOnlySpan<float> weights = default,
        double tailFraction = EvaluationDefaults.LongTailFraction)
        where TItem : notnull
    {
        ArgumentNullException.ThrowIfNull(trainingFrequency);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tailFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tailFraction, 1.0);
        MetricInputs.CheckScored(labels, scores, weights);
        MetricInputs.CheckLengths(labels.Length, items.Length, 0, nameof(items));

        long threshold = FrequencyThreshold(trainingFrequency, tailFraction, out int tailItems);
        var tailRows = new List<int>();
        for (int i = 0; i < items.Length; i++)
        {
            if (trainingFrequency.GetValueOrDefault(items[i]) <= threshold)
            {
                tailRows.Add(i);
            }
        }
        int[] order = RankedRows.OrderByDescendingScore(scores, CollectionsMarshal.AsSpan(tailRows));
        double auc = RankedAreas.RocArea(RankedRows.Gather(labels, scores, weights, order));   // NaN when no tail rows
        return new LongTailAucMetrics(auc, threshold, tailItems, tailRows.Count);
    }

    /// <summary>Computes the long-tail AUC with Boolean labels; see the float overload.</summary>
    /// <typeparam name="TItem">The item key, e.g. an item id.</typeparam>
    /// <param name="items">The item of each evaluation row.</param>
    /// <param name="trainingFrequency">How many times each item occurs in the training data.</param>
    /// <param name="labels">True labels.</param>
    /// <param name="scores">Scores; higher means more likely positive.</param>
    /// <param name="weights">Row weights; empty for unit weights.</param>
    /// <param name="tailFraction">φ in (0, 1]; default <see cref="EvaluationDefaults.LongTailFraction"/> (0.2).</param>
    public static LongTailAucMetrics Evaluate<TItem>(
        ReadOnlySpan<TItem> items,
        IReadOnlyDictionary<TItem, long> trainingFrequency,
        ReadOnlySpan<bool> labels,
        ReadOnlySpan<float> scores,
        ReadOnlySpan<float> weights = default,
        double tailFraction = EvaluationDefaults.LongTailFraction)
        where TItem : notnull
        => Evaluate(items, trainingFrequency, MetricInputs.ToFloat(labels), scores, weights, tailFraction);

    /// <summary>f*, the k-th smallest training frequency with <c>k = max(1, ⌈φ · M⌉)</c>; 0 for an empty map.</summary>
    internal static long FrequencyThreshold<TItem>(IReadOnlyDictionary<TItem, long> trainingFrequency, double tailFraction, out int tailItems)
        where TItem : notnull
    {
        long[] frequencies = trainingFrequency.Values.ToArray();
        if (frequencies.Length == 0)
        {
            tailItems = 0;
            return 0;
        }
        Array.Sort(frequencies);
        if (frequencies[0] < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(trainingFrequency), frequencies[0], $"Training frequencies must be non-negative; the smallest is {frequencies[0]}.");
        }
        int k = Math.Max(1, (int)Math.Ceiling((decimal)tailFraction * frequencies.Length));
        long threshold = frequencies[k - 1];
        tailItems = frequencies.AsSpan().LastIndexOf(threshold) + 1;    // every item tied at f* is in
        return threshold;
    }
}
