namespace MLNetCtr.Evaluation;

/// <summary>
/// Areas under the ROC and precision/recall curves as one linear sweep over <see cref="RankedRows"/>. A run of equal
/// scores is one threshold: it enters each curve as a single step.
/// </summary>
internal static class RankedAreas
{
    /// <summary>
    /// Mann–Whitney AUC: <c>Σ_{pos i, neg j} w_i·w_j·([s_i &gt; s_j] + ½[s_i = s_j]) / (W⁺·W⁻)</c>.
    /// NaN (0/0) when either class has zero total weight, as in ML.NET.
    /// </summary>
    public static double RocArea(RankedRows rows)
    {
        double positivesAbove = 0, negatives = 0, area = 0;
        for (int start = 0; start < rows.Count;)
        {
            var group = TiedGroup.At(rows, start);
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
    public static double PrecisionRecallArea(RankedRows rows)
    {
        double positives = 0;
        for (int k = 0; k < rows.Count; k++)
        {
            positives += rows.Positive[k] ? rows.Weight(k) : 0;
        }
        double truePositives = 0, falsePositives = 0, previousRecall = 0, previousMinPrecision = 1, area = 0;
        for (int start = 0; start < rows.Count;)
        {
            var group = TiedGroup.At(rows, start);
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

    /// <summary>The ranked rows <c>[start, End)</c> that share the score of row <c>start</c>, with their class weights.</summary>
    private readonly record struct TiedGroup(double Positives, double Negatives, int End)
    {
        public static TiedGroup At(RankedRows rows, int start)
        {
            float score = rows.Scores[start];
            double positives = 0, negatives = 0;
            int k = start;
            for (; k < rows.Count && rows.Scores[k] == score; k++)
            {
                if (rows.Positive[k])
                {
                    positives += rows.Weight(k);
                }
                else
                {
                    negatives += rows.Weight(k);
                }
            }
            return new TiedGroup(positives, negatives, k);
        }
    }
}
