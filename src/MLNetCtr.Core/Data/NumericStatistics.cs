using System.Text.Json.Serialization;

namespace MLNetCtr.Data;

/// <summary>
/// What a numeric feature column learned from training data: its mean and standard deviation
/// (<see cref="NumericTransform.Standardize"/>; for <see cref="NumericTransform.Log"/>, those of
/// <c>sign(x) · ln(1 + |x|)</c>), or its quantile bucket boundaries (<see cref="NumericTransform.Bucketize"/>).
/// Missing values (empty fields, NaN) encode as 0 after standardizing (the mean) and as bucket id
/// <see cref="Vocabulary.OutOfVocabularyId"/> when bucketized.
/// </summary>
public sealed class NumericStatistics
{
    private readonly float[] _boundaries;

    /// <summary>Creates statistics from fitted values.</summary>
    /// <param name="column">The column they belong to.</param>
    /// <param name="transform">How the column is presented to models.</param>
    /// <param name="mean">Training mean (0 for <see cref="NumericTransform.None"/>).</param>
    /// <param name="standardDeviation">Training standard deviation, &gt; 0 (1 for <see cref="NumericTransform.None"/>).</param>
    /// <param name="boundaries">Ascending, distinct bucket boundaries (empty unless bucketized).</param>
    [JsonConstructor]
    public NumericStatistics(string column, NumericTransform transform, float mean, float standardDeviation, IReadOnlyList<float> boundaries)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(standardDeviation);
        _boundaries = boundaries.ToArray();
        for (int i = 1; i < _boundaries.Length; i++)
        {
            if (!(_boundaries[i - 1] < _boundaries[i]))
            {
                throw new ArgumentException($"Column '{column}': bucket boundaries must ascend strictly; got {_boundaries[i - 1]} then {_boundaries[i]}.", nameof(boundaries));
            }
        }
        Column = column;
        Transform = transform;
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>The column these statistics belong to.</summary>
    public string Column { get; }

    /// <summary>How the column is presented to models.</summary>
    public NumericTransform Transform { get; }

    /// <summary>Training mean of the present values (after the log, for <see cref="NumericTransform.Log"/>).</summary>
    public float Mean { get; }

    /// <summary>Training (population) standard deviation of the present values (after the log, for <see cref="NumericTransform.Log"/>); 1 when they are all equal.</summary>
    public float StandardDeviation { get; }

    /// <summary>Ascending, distinct bucket boundaries: bucket b holds <c>boundaries[b−1] ≤ x &lt; boundaries[b]</c>.</summary>
    public IReadOnlyList<float> Boundaries => _boundaries;

    /// <summary>Number of bucket ids, missing and padding included (the row count of an embedding table).</summary>
    [JsonIgnore]
    public int BucketIdCount => Vocabulary.FirstValueId + _boundaries.Length + 1;

    /// <summary>
    /// <c>(x − mean) / std</c>, where x is first replaced by <see cref="SignedLog"/>(x) for <see cref="NumericTransform.Log"/>;
    /// 0 for a missing value.
    /// </summary>
    public float Standardize(float x) => float.IsNaN(x) ? 0f : ((Transform == NumericTransform.Log ? SignedLog(x) : x) - Mean) / StandardDeviation;

    /// <summary><c>sign(x) · ln(1 + |x|)</c>: odd, monotone, 0 at 0, near x for small |x|; NaN stays NaN.</summary>
    public static float SignedLog(float x) => MathF.CopySign(MathF.Log(1f + MathF.Abs(x)), x);

    /// <summary>The bucket id of <paramref name="x"/>: <c>2 + (number of boundaries ≤ x)</c>; 1 for a missing value.</summary>
    public int BucketIdOf(float x)
    {
        if (float.IsNaN(x))
        {
            return Vocabulary.OutOfVocabularyId;
        }
        int index = Array.BinarySearch(_boundaries, x);
        int bucket = index >= 0 ? index + 1 : ~index;
        return Vocabulary.FirstValueId + bucket;
    }

    /// <summary>
    /// Fits a column on its training values (NaN = missing, skipped). Standardize: mean and population standard deviation.
    /// Log: the same, of the values' <see cref="SignedLog"/>. Bucketize: the values at quantiles <c>i / buckets</c> for <c>i = 1 .. buckets − 1</c>, duplicates removed.
    /// </summary>
    public static NumericStatistics Fit(string column, NumericTransform transform, int buckets, ReadOnlySpan<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 2);
        var present = new List<float>(values.Length);
        foreach (float v in values)
        {
            if (!float.IsNaN(v))
            {
                present.Add(transform == NumericTransform.Log ? SignedLog(v) : v);
            }
        }
        return transform switch
        {
            NumericTransform.Standardize or NumericTransform.Log => FitStandardize(column, transform, [.. present]),
            NumericTransform.Bucketize => new NumericStatistics(column, transform, 0f, 1f, QuantileBoundaries([.. present], buckets)),
            NumericTransform.None => new NumericStatistics(column, transform, 0f, 1f, []),
            _ => throw new ArgumentOutOfRangeException(nameof(transform), transform, null),
        };
    }

    private static NumericStatistics FitStandardize(string column, NumericTransform transform, float[] present)
    {
        double sum = 0, sumOfSquares = 0;
        foreach (float v in present)
        {
            sum += v;
        }
        double mean = present.Length == 0 ? 0 : sum / present.Length;
        foreach (float v in present)
        {
            sumOfSquares += (v - mean) * (v - mean);   // two passes: no cancellation for large means
        }
        double std = present.Length == 0 ? 0 : Math.Sqrt(sumOfSquares / present.Length);
        return new NumericStatistics(column, transform, (float)mean, (float)std > 0f ? (float)std : 1f, []);
    }

    private static float[] QuantileBoundaries(float[] present, int buckets)
    {
        Array.Sort(present);
        var boundaries = new List<float>(buckets - 1);
        for (int i = 1; i < buckets && present.Length > 0; i++)
        {
            float q = present[(int)((long)i * present.Length / buckets)];
            if (q > present[0] && (boundaries.Count == 0 || q > boundaries[^1]))
            {
                boundaries.Add(q);   // a boundary equal to the minimum would leave bucket 0 empty
            }
        }
        return [.. boundaries];
    }
}
