namespace MLNetCtr.Evaluation;

/// <summary>
/// Validation and conversion shared by the evaluators. Every check names the offending row and value: a metric
/// computed over silently skipped rows is worse than an error (DESIGN.md §4).
/// </summary>
internal static class MetricInputs
{
    /// <summary>
    /// Throws unless there is at least one label, the column <paramref name="columnName"/> has one value per label, and
    /// the weights are either empty (unit weights) or one per label.
    /// </summary>
    public static void CheckLengths(int labelCount, int columnLength, int weightCount, string columnName = "scores")
    {
        if (labelCount == 0)
        {
            throw new ArgumentException("Cannot evaluate zero rows: labels is empty.", "labels");
        }
        if (columnLength != labelCount)
        {
            throw new ArgumentException($"{columnName} has {columnLength} rows but labels has {labelCount}.", columnName);
        }
        if (weightCount != 0 && weightCount != labelCount)
        {
            throw new ArgumentException($"weights has {weightCount} rows but labels has {labelCount} (pass an empty span for unit weights).", "weights");
        }
    }

    /// <summary>The checks every scored evaluation needs: lengths, no NaN label or score, valid weights.</summary>
    public static void CheckScored(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights)
    {
        CheckLengths(labels.Length, scores.Length, weights.Length);
        CheckNotNaN(labels, nameof(labels));
        CheckNotNaN(scores, nameof(scores));
        CheckWeights(weights);
    }

    /// <summary>Throws on the first NaN in <paramref name="values"/>.</summary>
    public static void CheckNotNaN(ReadOnlySpan<float> values, string name)
    {
        int i = FirstNaN(values);
        if (i >= 0)
        {
            throw new ArgumentException($"{name}[{i}] is NaN.", name);
        }
    }

    /// <summary>Throws on the first value outside [0, 1] (NaN included).</summary>
    public static void CheckProbabilities(ReadOnlySpan<float> probabilities, string name = "probabilities")
    {
        for (int i = 0; i < probabilities.Length; i++)
        {
            float p = probabilities[i];
            if (!(p >= 0f && p <= 1f))
            {
                throw new ArgumentOutOfRangeException(name, p, $"{name}[{i}] = {p} is not a probability in [0, 1].");
            }
        }
    }

    /// <summary>Throws on the first weight that is negative, infinite or NaN, or when every weight is zero.</summary>
    public static void CheckWeights(ReadOnlySpan<float> weights)
    {
        bool anyPositive = weights.IsEmpty;
        for (int i = 0; i < weights.Length; i++)
        {
            float w = weights[i];
            if (!(w >= 0f && float.IsFinite(w)))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, $"weights[{i}] = {w} must be finite and non-negative.");
            }
            anyPositive |= w > 0f;
        }
        if (!anyPositive)
        {
            throw new ArgumentException($"All {weights.Length} weights are zero, so no row would count.", nameof(weights));
        }
    }

    /// <summary>The weight of row <paramref name="i"/>: 1 when <paramref name="weights"/> is empty.</summary>
    public static double Weight(ReadOnlySpan<float> weights, int i) => weights.IsEmpty ? 1.0 : weights[i];

    /// <summary>Converts Boolean labels to ML.NET's float convention (true → 1, false → 0).</summary>
    public static float[] ToFloat(ReadOnlySpan<bool> labels)
    {
        var result = new float[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            result[i] = labels[i] ? 1f : 0f;
        }
        return result;
    }

    private static int FirstNaN(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
