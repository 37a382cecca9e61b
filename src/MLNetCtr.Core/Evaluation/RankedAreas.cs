namespace MLNetCtr.Evaluation;

/// <summary>
/// Areas under the ROC and precision/recall curves from one descending sort of the scores: O(n log n) for the sort,
/// then one linear sweep per area. A run of equal scores is one threshold: it enters the curve as a single step.
/// </summary>
/// <remarks>
/// Every sweep takes an <c>order</c> of row indices sorted by descending score. The order may be a slice (the rows of
/// one group, or of the long tail); rows outside it are ignored. Positive means <c>label &gt; 0</c>, as in ML.NET.
/// </remarks>
internal static class RankedAreas
{
    /// <summary>Row indices ordered by descending score; equal scores end up adjacent, in no particular order.</summary>
    public static int[] OrderByDescendingScore(ReadOnlySpan<float> scores)
    {
        var keys = new float[scores.Length];
        var order = new int[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            keys[i] = -scores[i];       // ascending in −score is descending in score; −0 and +0 still tie
            order[i] = i;
        }
        Array.Sort(keys, order);
        return order;
    }

    /// <summary>
    /// Mann–Whitney AUC: <c>Σ_{pos i, neg j} w_i·w_j·([s_i &gt; s_j] + ½[s_i = s_j]) / (W⁺·W⁻)</c>.
    /// NaN (0/0) when either class has zero total weight, as in ML.NET.
    /// </summary>
    public static double RocArea(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, ReadOnlySpan<int> order)
    {
        double positivesAbove = 0, negatives = 0, area = 0;
        for (int start = 0; start < order.Length;)
        {
            var group = TiedGroup.At(labels, scores, weights, order, start);
            // Each negative here ranks below every positive above (full credit) and ties with the group's positives (half).
            area += group.Negatives * (positivesAbove + 0.5 * group.Positives);
            positivesAbove += group.Positives;
            negatives += group.Negatives;
            start = group.End;
        }
        return area / (positivesAbove * negatives);
    }

    /// <summary>
    /// Area under the precision/recall curve by the "lower trapezoid" estimator (Boyd, Eng and Page, ECML 2013), the
    /// estimator of ML.NET's <c>AuPrcAggregator</c>. Between two consecutive recall levels r₀ &lt; r₁ it adds
    /// <c>(r₁ − r₀) · (min precision at r₀ + max precision at r₁) / 2</c>, starting from the point (0, 1).
    /// 0 when there is no positive weight, as in ML.NET.
    /// </summary>
    public static double PrecisionRecallArea(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, ReadOnlySpan<int> order)
    {
        double positives = PositiveWeight(labels, weights, order);
        double truePositives = 0, falsePositives = 0, previousRecall = 0, previousMinPrecision = 1, area = 0;
        for (int start = 0; start < order.Length;)
        {
            var group = TiedGroup.At(labels, scores, weights, order, start);
            start = group.End;
            truePositives += group.Positives;
            falsePositives += group.Negatives;
            if (truePositives + falsePositives == 0)
            {
                continue;                       // only zero-weight rows so far: still at the point (0, 1)
            }
            double precision = truePositives / (truePositives + falsePositives);
            if (group.Positives > 0)
            {
                // Lowering the threshold past this group reaches a new recall; its precision is the highest there.
                double recall = truePositives / positives;
                area += (recall - previousRecall) * (previousMinPrecision + precision) / 2;
                previousRecall = recall;
            }
            previousMinPrecision = precision;   // later negative-only groups lower it at the same recall
        }
        return area;
    }

    private static double PositiveWeight(ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, ReadOnlySpan<int> order)
    {
        double sum = 0;
        foreach (int i in order)
        {
            if (labels[i] > 0)
            {
                sum += MetricInputs.Weight(weights, i);
            }
        }
        return sum;
    }

    /// <summary>The rows <c>order[start..End)</c> that share the score of <c>order[start]</c>, with their class weights.</summary>
    private readonly record struct TiedGroup(double Positives, double Negatives, int End)
    {
        public static TiedGroup At(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, ReadOnlySpan<int> order, int start)
        {
            float score = scores[order[start]];
            double positives = 0, negatives = 0;
            int k = start;
            for (; k < order.Length && scores[order[k]] == score; k++)
            {
                int i = order[k];
                double w = MetricInputs.Weight(weights, i);
                if (labels[i] > 0)
                {
                    positives += w;
                }
                else
                {
                    negatives += w;
                }
            }
            return new TiedGroup(positives, negatives, k);
        }
    }
}
