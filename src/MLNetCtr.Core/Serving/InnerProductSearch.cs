using System.Numerics.Tensors;

namespace MLNetCtr.Serving;

/// <summary>One result of a top-k search: the item's row in its table and its score.</summary>
/// <param name="Index">The item's row in the <see cref="ItemVectorTable"/>.</param>
/// <param name="Score">The score <c>⟨u', v⟩ + b</c> (a logit).</param>
public readonly record struct ItemScore(int Index, float Score);

/// <summary>
/// Scores one user vector against a matrix of item vectors, <c>s_i = ⟨u, v_i⟩ + b</c>, with SIMD dot products
/// (TensorPrimitives) over chunks of items in parallel, and finds the k best items. Ties rank the lower item index first
/// (NaN scores last), so results do not depend on the thread count.
/// </summary>
internal static class InnerProductSearch
{
    /// <summary>Items per parallel work item.</summary>
    internal const int ChunkItems = 1024;

    /// <summary>The order of results: higher score first, then lower index; <see cref="float.CompareTo(float)"/> puts NaN below every number.</summary>
    internal static readonly Comparer<ItemScore> BestFirst = Comparer<ItemScore>.Create((a, b) =>
    {
        int byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : a.Index.CompareTo(b.Index);
    });

    /// <summary><c>scores[i] = ⟨user, items[i]⟩ + bias</c> for the N rows of <paramref name="items"/> (N·W values).</summary>
    public static void Score(float[] user, float bias, float[] items, float[] scores)
    {
        int width = user.Length, count = scores.Length;
        Parallel.For(0, (count + ChunkItems - 1) / ChunkItems, chunk =>
        {
            int end = Math.Min(count, (chunk + 1) * ChunkItems);
            for (int i = chunk * ChunkItems; i < end; i++)
            {
                scores[i] = TensorPrimitives.Dot(user, items.AsSpan(i * width, width)) + bias;
            }
        });
    }

    /// <summary>The plain loop <see cref="Score"/> must agree with.</summary>
    internal static void ScoreReference(float[] user, float bias, float[] items, float[] scores)
    {
        int width = user.Length;
        for (int i = 0; i < scores.Length; i++)
        {
            float sum = 0f;
            for (int j = 0; j < width; j++)
            {
                sum += user[j] * items[i * width + j];
            }
            scores[i] = sum + bias;
        }
    }

    /// <summary>The <paramref name="k"/> best of <paramref name="count"/> items, best first: each chunk keeps its own k best, then they merge.</summary>
    public static ItemScore[] TopK(float[] user, float bias, float[] items, int count, int k)
    {
        int width = user.Length, chunks = (count + ChunkItems - 1) / ChunkItems;
        var best = new ItemScore[chunks][];
        Parallel.For(0, chunks, chunk =>
        {
            int start = chunk * ChunkItems, end = Math.Min(count, start + ChunkItems);
            var heap = new PriorityQueue<ItemScore, ItemScore>(k + 1, Comparer<ItemScore>.Create((a, b) => BestFirst.Compare(b, a)));   // worst on top
            for (int i = start; i < end; i++)
            {
                var candidate = new ItemScore(i, TensorPrimitives.Dot(user, items.AsSpan(i * width, width)) + bias);
                if (heap.Count < k)
                {
                    heap.Enqueue(candidate, candidate);
                }
                else if (BestFirst.Compare(candidate, heap.Peek()) < 0)
                {
                    heap.DequeueEnqueue(candidate, candidate);
                }
            }
            best[chunk] = [.. heap.UnorderedItems.Select(e => e.Element)];
        });
        ItemScore[] merged = [.. best.SelectMany(b => b)];
        Array.Sort(merged, BestFirst);
        return merged.Length <= k ? merged : merged[..k];
    }

    /// <summary>The full sort <see cref="TopK"/> must agree with.</summary>
    internal static ItemScore[] TopKReference(float[] user, float bias, float[] items, int count, int k)
    {
        var scores = new float[count];
        ScoreReference(user, bias, items, scores);
        ItemScore[] all = [.. scores.Select((s, i) => new ItemScore(i, s))];
        Array.Sort(all, BestFirst);
        return all[..Math.Min(k, count)];
    }
}
