using System.Numerics.Tensors;

namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// Sizes of a scaled dot-product attention: query <c>(B, H, Lq, Dh)</c>, key <c>(B, H, Lk, Dh)</c>, value
/// <c>(B, H, Lk, Dv)</c>, key padding mask <c>(B, Lk)</c>, output <c>(B, H, Lq, Dv)</c>.
/// </summary>
internal readonly record struct AttentionDims(int Batch, int Heads, int QueryLength, int KeyLength, int HeadDim, int ValueDim)
{
    /// <summary>Reads and checks the sizes; messages name every shape involved.</summary>
    public static AttentionDims Of(Tensor query, Tensor key, Tensor value, bool[]? keyPaddingMask)
    {
        string shapes = $"query {Tensor.ShapeString(query.Shape)}, key {Tensor.ShapeString(key.Shape)}, value {Tensor.ShapeString(value.Shape)}";
        if (query.Rank != 4 || key.Rank != 4 || value.Rank != 4)
        {
            throw new ArgumentException($"ScaledDotProductAttention needs rank-4 (B, H, L, D) tensors; got {shapes}.");
        }
        ReadOnlySpan<int> q = query.Shape, k = key.Shape, v = value.Shape;
        if (k[0] != q[0] || v[0] != q[0] || k[1] != q[1] || v[1] != q[1] || v[2] != k[2] || k[3] != q[3])
        {
            throw new ArgumentException($"ScaledDotProductAttention: expected query (B, H, Lq, Dh), key (B, H, Lk, Dh), value (B, H, Lk, Dv); got {shapes}.");
        }
        if (q[3] == 0)
        {
            throw new ArgumentException($"ScaledDotProductAttention: the head dimension Dh must be positive; got {shapes}.");
        }
        if (keyPaddingMask is not null && keyPaddingMask.Length != q[0] * k[2])
        {
            throw new ArgumentException($"ScaledDotProductAttention: the key padding mask has {keyPaddingMask.Length} entries; (B, Lk) = ({q[0]}, {k[2]}) needs {q[0] * k[2]}.", nameof(keyPaddingMask));
        }
        return new AttentionDims(q[0], q[1], q[2], k[2], q[3], v[3]);
    }
}

/// <summary>
/// One attention head on row-major spans: <c>S = Q Kᵀ / √Dh</c> (Lq, Lk), masked entries set to −∞,
/// <c>P = softmax(S)</c> per row, <c>O = P V</c> (Lq, Dv). A query row with every key masked gets P = 0, hence O = 0.
/// </summary>
internal static class AttentionKernels
{
    /// <summary>
    /// Writes the probabilities <c>p</c> (Lq·Lk, kept for the backward) and the output <c>o</c> (Lq·Dv) of one head,
    /// from its q (Lq·Dh), k (Lk·Dh), v (Lk·Dv) blocks and its batch row <c>padded</c> of the key padding mask (Lk,
    /// true = padded; empty for none).
    /// </summary>
    public static void ForwardHead(ReadOnlySpan<float> q, ReadOnlySpan<float> k, ReadOnlySpan<float> v, ReadOnlySpan<bool> padded, bool causal, AttentionDims dims, Span<float> p, Span<float> o)
    {
        int lq = dims.QueryLength, lk = dims.KeyLength;
        Gemm.Multiply(q, k, p, lq, lk, dims.HeadDim, transA: false, transB: true, accumulate: false);    // S = Q Kᵀ
        float scale = 1f / MathF.Sqrt(dims.HeadDim);
        bool anyMasked = causal || lk == 0 || padded.Contains(true);   // full rows (the common case) skip the per-key mask loop
        for (int i = 0; i < lq; i++)
        {
            Span<float> row = p.Slice(i * lk, lk);
            TensorPrimitives.Multiply(row, scale, row);
            if (!anyMasked)
            {
                SoftmaxKernels.Softmax(row, row);
                continue;
            }
            int visible = causal ? Math.Min(i + 1, lk) : lk;    // causal: key j is visible to query i iff j ≤ i
            bool anyVisible = false;
            for (int j = 0; j < lk; j++)
            {
                bool masked = j >= visible || (!padded.IsEmpty && padded[j]);
                row[j] = masked ? float.NegativeInfinity : row[j];
                anyVisible |= !masked;
            }
            if (anyVisible)
            {
                SoftmaxKernels.Softmax(row, row);
            }
            else
            {
                row.Clear();    // all keys masked: zero output, zero gradient (softmax would give NaN)
            }
        }
        Gemm.Multiply(p, v, o, lq, dims.ValueDim, lk, transA: false, transB: false, accumulate: false);   // O = P V
    }

    /// <summary>
    /// Accumulates <c>dV += Pᵀ dO</c>, <c>dQ += dS K</c>, <c>dK += dSᵀ Q</c>, where <c>dP = dO Vᵀ</c> and
    /// <c>dS = P ⊙ (dP − rowsum(dP ⊙ P)) / √Dh</c>. Empty gradient spans are skipped; <paramref name="dp"/> is Lq·Lk scratch.
    /// </summary>
    public static void BackwardHead(ReadOnlySpan<float> q, ReadOnlySpan<float> k, ReadOnlySpan<float> v, ReadOnlySpan<float> p, ReadOnlySpan<float> dO,
        AttentionDims dims, Span<float> dp, Span<float> dq, Span<float> dk, Span<float> dv)
    {
        int lq = dims.QueryLength, lk = dims.KeyLength, dh = dims.HeadDim;
        if (!dv.IsEmpty)
        {
            Gemm.Multiply(p, dO, dv, lk, dims.ValueDim, lq, transA: true, transB: false, accumulate: true);     // dV += Pᵀ dO
        }
        if (dq.IsEmpty && dk.IsEmpty)
        {
            return;
        }
        Gemm.Multiply(dO, v, dp, lq, lk, dims.ValueDim, transA: false, transB: true, accumulate: false);    // dP = dO Vᵀ
        float scale = 1f / MathF.Sqrt(dh);
        for (int i = 0; i < lq; i++)
        {
            ReadOnlySpan<float> pRow = p.Slice(i * lk, lk);
            Span<float> row = dp.Slice(i * lk, lk);
            TensorPrimitives.Subtract(row, TensorPrimitives.Dot(row, pRow), row);
            TensorPrimitives.Multiply(row, pRow, row);
            TensorPrimitives.Multiply(row, scale, row);                                                     // dS; 0 where P = 0
        }
        if (!dq.IsEmpty)
        {
            Gemm.Multiply(dp, k, dq, lq, dh, lk, transA: false, transB: false, accumulate: true);           // dQ += dS K
        }
        if (!dk.IsEmpty)
        {
            Gemm.Multiply(dp, q, dk, lk, dh, lq, transA: true, transB: false, accumulate: true);            // dK += dSᵀ Q
        }
    }
}
