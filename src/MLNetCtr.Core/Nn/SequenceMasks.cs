using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Masks of left-aligned sequences: row b holds valid positions <c>0 … lengths[b] − 1</c>, then padding.
/// </summary>
internal static class SequenceMasks
{
    /// <summary>The longest length; throws if a length is outside [0, <paramref name="maxLength"/>].</summary>
    public static int Longest(int[] lengths, int maxLength)
    {
        int longest = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            if ((uint)lengths[i] > (uint)maxLength)
            {
                throw new ArgumentOutOfRangeException(nameof(lengths), lengths[i], $"Row {i} has length {lengths[i]}, outside [0, {maxLength}] for sequences of {maxLength} positions.");
            }
            longest = Math.Max(longest, lengths[i]);
        }
        return longest;
    }

    /// <summary>Whether position <paramref name="t"/> is valid in every row.</summary>
    public static bool AllValid(int[] lengths, int t)
    {
        foreach (int length in lengths)
        {
            if (t >= length)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><c>(B, 1)</c>: 1 where position <paramref name="t"/> is valid (t &lt; length), else 0.</summary>
    public static Tensor ValidAt(int[] lengths, int t)
    {
        Tensor valid = Tensor.Zeros(lengths.Length, 1);
        for (int i = 0; i < lengths.Length; i++)
        {
            valid.Data[i] = t < lengths[i] ? 1f : 0f;
        }
        return valid;
    }

    /// <summary><c>(B, L)</c> row-major: true at padding positions (t ≥ length), as attention masks take it.</summary>
    public static bool[] Padding(int[] lengths, int maxLength)
    {
        var padding = new bool[lengths.Length * maxLength];
        for (int i = 0; i < lengths.Length; i++)
        {
            padding.AsSpan(i * maxLength + lengths[i], maxLength - lengths[i]).Fill(true);
        }
        return padding;
    }
}
