using MLNetCtr.Data;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>Computes <see cref="FgBertMetrics"/>: masks as in training, full-softmax ranking of the masked items.</summary>
internal static class FgBertEvaluation
{
    public static FgBertMetrics Evaluate(FgBertPretrainingModel model, FgBertOptions options, CtrDataset data, int seed)
    {
        BehaviorSchema schema = model.Encoder.Tokens.Schema;
        int features = schema.BehaviorFeatures.Count;
        long hits = 0, items = 0;
        var correct = new long[features];
        var counts = new Dictionary<int, long>[features];
        for (int n = 0; n < features; n++)
        {
            counts[n] = [];
        }
        long behaviors = 0;
        var random = new Random(seed);
        model.Eval();
        using GradMode.NoGradRegion noGrad = GradMode.NoGrad();
        foreach (CtrBatch batch in new BatchIterator(data, new BatchOptions { BatchSize = 512, Shuffle = false }).Epoch(0))
        {
            var masks = new MaskedPositions(batch.Sequences[schema.ItemSequence.Name], options.ContentMaskRate, options.BehaviorMaskRate, random);
            Tensor hidden = model.Hidden(batch, masks);                                                  // (B·L, D)
            if (masks.Content.Length > 0)
            {
                Tensor logits = model.ItemOutput.Forward(Ops.IndexSelect(hidden, 0, masks.Content));    // (Mx, V)
                int[] targets = MaskedPositions.Targets(batch.Sequences[schema.ItemSequence.Name], masks.Content);
                hits += targets.Where((t, i) => RankOf(logits.Data.AsSpan(i * logits.Dim(1), logits.Dim(1)), t) < 10).Count();
                items += targets.Length;
            }
            if (masks.Behavior.Length > 0)
            {
                Tensor h = Ops.IndexSelect(hidden, 0, masks.Behavior);                                  // (Ms, D)
                for (int n = 0; n < features; n++)
                {
                    Tensor logits = model.BehaviorHeads[n].Forward(h);                                  // (Ms, V_n)
                    int[] targets = MaskedPositions.Targets(batch.Sequences[schema.BehaviorFeatures[n].Name], masks.Behavior);
                    int v = logits.Dim(1);
                    correct[n] += targets.Where((t, i) => RankOf(logits.Data.AsSpan(i * v, v), t) == 0).Count();
                    foreach (int t in targets)
                    {
                        counts[n][t] = counts[n].GetValueOrDefault(t) + 1;
                    }
                }
                behaviors += masks.Behavior.Length;
            }
        }
        int vocabulary = model.ItemOutput.Weight.Dim(0);
        return new FgBertMetrics((double)hits / Math.Max(items, 1), 10.0 / (vocabulary - 1),
            [.. correct.Select(c => (double)c / Math.Max(behaviors, 1))],
            [.. counts.Select(c => c.Count == 0 ? 0 : (double)c.Values.Max() / Math.Max(behaviors, 1))]);
    }

    /// <summary>How many scores beat the target's (ties count against it), excluding the padding id 0.</summary>
    private static int RankOf(ReadOnlySpan<float> scores, int target)
    {
        int better = 0;
        for (int j = 1; j < scores.Length; j++)
        {
            better += j != target && scores[j] >= scores[target] ? 1 : 0;
        }
        return better;
    }
}
