using MLNetCtr.Serving;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Serving;

public sealed class InnerProductSearchTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(37, 5)]
    [InlineData(2_500, 37)]   // several parallel chunks, a width that is no multiple of a vector
    public void Score_MatchesReference(int count, int width)
    {
        (float[] user, float[] items) = Random(count, width, seed: count);
        float[] fast = new float[count], reference = new float[count];

        InnerProductSearch.Score(user, 0.25f, items, fast);
        InnerProductSearch.ScoreReference(user, 0.25f, items, reference);

        Fixtures.AssertClose(reference, fast, "scores", tolerance: 1e-5);
    }

    [Theory]
    [InlineData(2_500, 1)]
    [InlineData(2_500, 10)]
    [InlineData(3_000, 1_500)]
    [InlineData(20, 50)]   // k beyond the item count gives every item
    public void TopK_IsTheHead_OfAllScoresSortedBestFirst(int count, int k)
    {
        (float[] user, float[] items) = Random(count, 16, seed: k);
        var scores = new float[count];
        InnerProductSearch.Score(user, 0f, items, scores);
        ItemScore[] sorted = [.. scores.Select((s, i) => new ItemScore(i, s))];
        Array.Sort(sorted, InnerProductSearch.BestFirst);

        ItemScore[] top = InnerProductSearch.TopK(user, 0f, items, count, k);

        Assert.Equal(sorted.Take(k), top);
    }

    [Fact]
    public void TopK_Ties_RankTheLowerIndexFirstAcrossChunks()
    {
        int count = 3 * InnerProductSearch.ChunkItems + 5;
        float[] user = [1f, 0f];
        var items = new float[count * 2];
        foreach (int tied in (int[])[count - 1, 5, InnerProductSearch.ChunkItems + 2, 2 * InnerProductSearch.ChunkItems])
        {
            items[tied * 2] = 1f;   // score 1; every other item scores 0
        }

        ItemScore[] top = InnerProductSearch.TopK(user, 0f, items, count, 5);

        Assert.Equal([5, InnerProductSearch.ChunkItems + 2, 2 * InnerProductSearch.ChunkItems, count - 1, 0], top.Select(t => t.Index));
    }

    [Fact]
    public void TopK_NaNScores_RankLast()
    {
        float[] user = [1f];
        float[] items = [float.NaN, 2f, -1f];
        Assert.Equal([1, 2, 0], InnerProductSearch.TopK(user, 0f, items, 3, 3).Select(t => t.Index));
    }

    private static (float[] User, float[] Items) Random(int count, int width, int seed)
    {
        var random = new Random(seed);
        return ([.. Enumerable.Range(0, width).Select(_ => random.NextSingle() - 0.5f)],
                [.. Enumerable.Range(0, count * width).Select(_ => random.NextSingle() - 0.5f)]);
    }
}
