using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class VocabularyTests
{
    private static Vocabulary FitCounts(int minCount, params (string Value, long Count)[] counts) =>
        Vocabulary.Fit("v", counts.Select(c => KeyValuePair.Create(c.Value, c.Count)), minCount);

    [Fact]
    public void Fit_OrdersByDescendingCountThenOrdinal_FromIdTwo()
    {
        Vocabulary v = FitCounts(1, ("b", 2), ("a", 2), ("c", 5), ("B", 2));

        Assert.Equal(["c", "B", "a", "b"], v.Values);
        Assert.Equal(2, v.IdOf("c"));
        Assert.Equal(3, v.IdOf("B"));
        Assert.Equal(5, v.IdOf("b"));
        Assert.Equal(6, v.Size);
    }

    [Fact]
    public void Fit_MinCount_LeavesRareValuesOutOfVocabulary()
    {
        Vocabulary v = FitCounts(3, ("rare", 2), ("common", 3));

        Assert.Equal(["common"], v.Values);
        Assert.Equal(Vocabulary.OutOfVocabularyId, v.IdOf("rare"));
    }

    [Fact]
    public void IdOf_UnseenValue_IsOutOfVocabulary_AndPaddingHasNoValue()
    {
        Vocabulary v = FitCounts(1, ("a", 1));

        Assert.Equal(1, v.IdOf("never seen"));
        Assert.Equal(1, v.IdOf(""));
        Assert.Null(v.ValueOf(Vocabulary.PaddingId));
        Assert.Null(v.ValueOf(Vocabulary.OutOfVocabularyId));
        Assert.Equal("a", v.ValueOf(2));
        Assert.Null(v.ValueOf(3));
    }

    [Theory]
    [InlineData("", 0x811c9dc5u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Fnv1a_MatchesPublishedTestVectors(string text, uint expected) => Assert.Equal(expected, StableHash.Fnv1a(text));

    [Fact]
    public void Fnv1a_LongAndNonAsciiText_HashesItsUtf8Bytes()
    {
        string text = string.Concat(Enumerable.Repeat("é€😀x", 200));   // longer than one 256-byte chunk
        uint expected = 2166136261;
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            expected = (expected ^ b) * 16777619;
        }
        Assert.Equal(expected, StableHash.Fnv1a(text));
    }

    [Fact]
    public void Hashed_IdsAreStableAndInRange()
    {
        Vocabulary v = Vocabulary.Fit("h", [], hashBuckets: 1000);

        Assert.Equal(1002, v.Size);
        Assert.Empty(v.Values);
        Assert.Equal(2 + (int)(0xe40c292cu % 1000), v.IdOf("a"));   // fixed forever: ids are saved in models
        for (int i = 0; i < 500; i++)
        {
            Assert.InRange(v.IdOf($"value{i}"), 2, 1001);
        }
    }

    [Fact]
    public void Constructor_DuplicateValue_NamesIt()
    {
        var e = Assert.Throws<ArgumentException>(() => new Vocabulary("v", ["x", "y", "x"]));
        Assert.Contains("'x'", e.Message);
    }
}
