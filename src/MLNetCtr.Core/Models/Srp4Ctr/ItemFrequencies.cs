using MLNetCtr.Data;

namespace MLNetCtr.Models;

/// <summary>
/// Training frequencies of the item vocabulary (+1 smoothing), for the logQ correction and log-uniform sampling:
/// <c>q_unigram(i) = (count_i + 1) / Σ</c>; items ranked by count, <c>q_logUniform(rank r) = log((r + 2)/(r + 1)) / log(V + 1)</c>.
/// </summary>
internal sealed class ItemFrequencies
{
    private readonly int[] _byRank;
    private readonly int[] _rankOf;

    public ItemFrequencies(SequenceColumn items, int vocabularySize)
    {
        var counts = new double[vocabularySize];
        Array.Fill(counts, 1.0);
        counts[Vocabulary.PaddingId] = 0;
        foreach (int id in items.Ids)
        {
            counts[id] += id == Vocabulary.PaddingId ? 0 : 1;
        }
        double total = counts.Sum();
        LogUnigram = [.. counts.Select(c => (float)Math.Log(Math.Max(c, 1e-9) / total))];
        _byRank = [.. Enumerable.Range(0, vocabularySize).OrderByDescending(i => counts[i]).ThenBy(i => i)];
        _rankOf = new int[vocabularySize];
        for (int r = 0; r < vocabularySize; r++)
        {
            _rankOf[_byRank[r]] = r;
        }
    }

    /// <summary><c>log q_unigram(i)</c> per item id.</summary>
    public float[] LogUnigram { get; }

    /// <summary>V, the vocabulary size.</summary>
    public int Count => _byRank.Length;

    /// <summary>Draws an item from the log-uniform distribution over frequency ranks.</summary>
    public int SampleLogUniform(Random random)
    {
        int rank = (int)Math.Exp(random.NextDouble() * Math.Log(Count + 1)) - 1;
        return _byRank[Math.Clamp(rank, 0, Count - 1)];
    }

    /// <summary><c>log q_logUniform(item)</c>.</summary>
    public float LogLogUniform(int item)
    {
        int r = _rankOf[item];
        return (float)(Math.Log(Math.Log((r + 2.0) / (r + 1.0))) - Math.Log(Math.Log(Count + 1.0)));
    }
}
