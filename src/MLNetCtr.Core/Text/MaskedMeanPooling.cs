using MLNetCtr.Tensors;

namespace MLNetCtr.Text;

/// <summary>Mean over the valid positions of left-aligned sequences, composed from primitives (Mul, Sum).</summary>
public static class MaskedMeanPooling
{
    /// <summary>
    /// <c>pooled[b] = (1 / n_b) Σ_{t &lt; n_b} x[b, t]</c> for <paramref name="states"/> <c>(B, L, D)</c> and lengths n;
    /// returns <c>(B, D)</c>. A row of length 0 pools to zeros.
    /// </summary>
    public static Tensor Forward(Tensor states, int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(lengths);
        if (states.Rank != 3 || states.Dim(0) != lengths.Length)
        {
            throw new ArgumentException($"Masked mean pooling needs states (B, L, D) with B = {lengths.Length} lengths, got {Tensor.ShapeString(states.Shape)}.", nameof(states));
        }
        int b = states.Dim(0), l = states.Dim(1);
        var weights = Tensor.Zeros(b, l, 1);   // 1/n at valid positions, 0 at padding
        for (int row = 0; row < b; row++)
        {
            int n = Math.Min(lengths[row], l);
            weights.Data.AsSpan(row * l, n).Fill(n == 0 ? 0f : 1f / n);
        }
        return (states * weights).Sum(axis: 1);   // (B, D)
    }
}
