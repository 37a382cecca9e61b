using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class ValuePoolTests
{
    [Fact]
    public void Intern_GivesIndicesInOrderOfFirstAppearance_AcrossGrowth()
    {
        var pool = new ValuePool();
        for (int i = 0; i < 20_000; i++)
        {
            Assert.Equal(Vocabulary.FirstValueId + i, pool.Intern($"v{i}"));
        }
        for (int i = 19_999; i >= 0; i -= 7)
        {
            Assert.Equal(Vocabulary.FirstValueId + i, pool.Intern($"v{i}".AsSpan()));
        }

        Assert.Equal(20_002, pool.IndexBound);
        Assert.Equal("v12345", pool.ValueAt(Vocabulary.FirstValueId + 12345));
    }

    [Fact]
    public void Intern_EmptyLongAndPrefixValues_AreDistinct()
    {
        var pool = new ValuePool();
        string longValue = new('x', 70_000);   // longer than 16 bits of length

        int empty = pool.Intern("");
        int ab = pool.Intern("ab");
        int a = pool.Intern("a");
        int big = pool.Intern(longValue);

        Assert.Equal([2, 3, 4, 5], [empty, ab, a, big]);
        Assert.Equal(empty, pool.Intern(""));
        Assert.Equal(big, pool.Intern(longValue));
        Assert.Equal(longValue, pool.ValueAt(big));
        Assert.Equal("", pool.ValueAt(empty));
    }
}
