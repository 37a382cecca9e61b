using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class NumericStatisticsTests
{
    [Fact]
    public void Standardize_UsesMeanAndPopulationStd_IgnoringMissing()
    {
        NumericStatistics s = NumericStatistics.Fit("x", NumericTransform.Standardize, 10, [1f, 2f, float.NaN, 3f, 4f]);

        Assert.Equal(2.5f, s.Mean, 6);
        Assert.Equal(MathF.Sqrt(1.25f), s.StandardDeviation, 6);
        Assert.Equal((4f - 2.5f) / MathF.Sqrt(1.25f), s.Standardize(4f), 6);
        Assert.Equal(0f, s.Standardize(float.NaN));
    }

    [Fact]
    public void Standardize_ConstantColumn_UsesUnitStd()
    {
        NumericStatistics s = NumericStatistics.Fit("x", NumericTransform.Standardize, 10, [7f, 7f, 7f]);
        Assert.Equal(1f, s.StandardDeviation);
        Assert.Equal(0f, s.Standardize(7f));
    }

    [Fact]
    public void Bucketize_QuantileBoundaries_SplitValuesEvenly()
    {
        float[] values = Enumerable.Range(0, 100).Select(i => (float)i).ToArray();
        NumericStatistics s = NumericStatistics.Fit("x", NumericTransform.Bucketize, 4, values);

        Assert.Equal([25f, 50f, 75f], s.Boundaries);
        Assert.Equal(6, s.BucketIdCount);   // 0 padding, 1 missing, 2..5 the four buckets
        int[] perBucket = new int[s.BucketIdCount];
        foreach (float v in values)
        {
            perBucket[s.BucketIdOf(v)]++;
        }
        Assert.Equal([0, 0, 25, 25, 25, 25], perBucket);
        Assert.Equal(2, s.BucketIdOf(-1e9f));
        Assert.Equal(5, s.BucketIdOf(1e9f));
        Assert.Equal(Vocabulary.OutOfVocabularyId, s.BucketIdOf(float.NaN));
    }

    [Fact]
    public void Bucketize_HeavyTies_RemovesDuplicateBoundaries()
    {
        float[] values = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2];
        NumericStatistics s = NumericStatistics.Fit("x", NumericTransform.Bucketize, 5, values);

        Assert.Equal([1f], s.Boundaries);
        Assert.Equal(2, s.BucketIdOf(0f));
        Assert.Equal(3, s.BucketIdOf(2f));
    }

    [Fact]
    public void Constructor_UnsortedBoundaries_NamesColumnAndValues()
    {
        var e = Assert.Throws<ArgumentException>(() => new NumericStatistics("price", NumericTransform.Bucketize, 0f, 1f, [3f, 2f]));
        Assert.Contains("price", e.Message);
        Assert.Contains("3 then 2", e.Message);
    }
}
