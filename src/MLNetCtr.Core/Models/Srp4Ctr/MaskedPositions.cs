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

    /// <summary>Masked rows are padded to a multiple of this (see <see cref="Padded"/>).</summary>
    public const int RowMultiple = 64;

    /// <summary>The target of a padding row: cross-entropy's ignore index, so the row adds nothing to loss or gradient.</summary>
    public const int IgnoredTarget = -100;

    /// <summary>The ids of <paramref name="sequence"/> at <paramref name="positions"/>.</summary>
    public static int[] Targets(SequenceColumn sequence, int[] positions) => [.. positions.Select(i => sequence.Ids[i])];

    /// <summary>
    /// <paramref name="positions"/> followed by position 0 up to a multiple of <see cref="RowMultiple"/>. The number of
    /// masked positions is random, so without padding every step has new shapes (M, V) and its large buffers are never
    /// reused from the pool: fresh pages each step (measured: a full-softmax step over 50k items went from 1 s to 10 s).
    /// </summary>
    public static int[] Padded(int[] positions)
    {
        int[] padded = new int[(positions.Length + RowMultiple - 1) / RowMultiple * RowMultiple];
        positions.CopyTo(padded, 0);
        return padded;
    }

    /// <summary><see cref="Targets(SequenceColumn, int[])"/> followed by <see cref="IgnoredTarget"/> up to <paramref name="length"/> rows.</summary>
    public static int[] Targets(SequenceColumn sequence, int[] positions, int length)
    {
        int[] targets = new int[length];
        Array.Fill(targets, IgnoredTarget, positions.Length, length - positions.Length);
        for (int i = 0; i < positions.Length; i++)
        {
            targets[i] = sequence.Ids[positions[i]];
        }
        return targets;
    }
}
