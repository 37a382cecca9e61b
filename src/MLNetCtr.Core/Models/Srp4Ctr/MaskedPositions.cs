using MLNetCtr.Data;

namespace MLNetCtr.Models;

/// <summary>
/// The two random masks of one FG-BERT step: each valid position is content-masked with probability p_x and,
/// independently, behavior-masked with probability p_s. Flags are <c>(B, L)</c> row-major 0/1 floats; positions
/// are flat indices <c>b · L + t</c> into <c>(B·L, D)</c>.
/// </summary>
internal sealed class MaskedPositions
{
    public MaskedPositions(SequenceColumn items, double contentRate, double behaviorRate, Random random)
    {
        int l = items.MaxLength;
        ContentFlags = new float[items.RowCount * l];
        BehaviorFlags = new float[items.RowCount * l];
        var content = new List<int>();
        var behavior = new List<int>();
        for (int b = 0; b < items.RowCount; b++)
        {
            for (int t = 0; t < items.Lengths[b]; t++)
            {
                int i = b * l + t;
                if (random.NextDouble() < contentRate)
                {
                    ContentFlags[i] = 1f;
                    content.Add(i);
                }
                if (random.NextDouble() < behaviorRate)
                {
                    BehaviorFlags[i] = 1f;
                    behavior.Add(i);
                }
            }
        }
        Content = [.. content];
        Behavior = [.. behavior];
    }

    public float[] ContentFlags { get; }

    public float[] BehaviorFlags { get; }

    public int[] Content { get; }

    public int[] Behavior { get; }

    /// <summary>The ids of <paramref name="sequence"/> at <paramref name="positions"/>.</summary>
    public static int[] Targets(SequenceColumn sequence, int[] positions) => [.. positions.Select(i => sequence.Ids[i])];
}
