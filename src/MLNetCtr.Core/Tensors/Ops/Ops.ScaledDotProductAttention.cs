using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Scaled dot-product attention (Vaswani et al., 2017) per batch row and head:
    /// <c>O = softmax(Q Kᵀ / √Dh + M) V</c>, where M is −∞ at masked (query, key) pairs and 0 elsewhere.
    /// Query <c>(B, H, Lq, Dh)</c>, key <c>(B, H, Lk, Dh)</c>, value <c>(B, H, Lk, Dv)</c>; output <c>(B, H, Lq, Dv)</c>.
    /// </summary>
    /// <param name="query">Q, <c>(B, H, Lq, Dh)</c>.</param>
    /// <param name="key">K, <c>(B, H, Lk, Dh)</c>.</param>
    /// <param name="value">V, <c>(B, H, Lk, Dv)</c>; usually Dv = Dh.</param>
    /// <param name="keyPaddingMask">Optional <c>(B, Lk)</c> row-major flags, true = padded key that no query may attend to. Default: none.</param>
    /// <param name="causal">If true, query i sees only keys j ≤ i (top-left aligned, as <c>torch.ones(Lq, Lk).tril()</c>). Default: false.</param>
    /// <remarks>A query row whose keys are all masked (all padded, or hidden by the causal mask) outputs zeros and
    /// passes zero gradient, where a plain softmax would give NaN. The probabilities P (B·H·Lq·Lk floats) are kept
    /// for the backward.</remarks>
    public static Tensor ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, bool[]? keyPaddingMask = null, bool causal = false)
    {
        AttentionDims dims = AttentionDims.Of(query, key, value, keyPaddingMask);
        int heads = dims.Batch * dims.Heads, lq = dims.QueryLength, lk = dims.KeyLength, dh = dims.HeadDim, dv = dims.ValueDim;
        Tensor output = Tensor.ResultOfOverwritten([dims.Batch, dims.Heads, lq, dv], query, key, value);   // O = P V overwrites
        float[] q = query.Data, k = key.Data, v = value.Data, o = output.Data, p = Temporary(heads * lq * lk);
        long workPerHead = (long)lq * lk * (dh + dv);
        ParallelRows.For(heads, workPerHead, (start, end) =>
        {
            for (int h = start; h < end; h++)
            {
                ReadOnlySpan<bool> padded = keyPaddingMask is null ? [] : keyPaddingMask.AsSpan(h / dims.Heads * lk, lk);
                AttentionKernels.ForwardHead(q.AsSpan(h * lq * dh, lq * dh), k.AsSpan(h * lk * dh, lk * dh), v.AsSpan(h * lk * dv, lk * dv),
                    padded, causal, dims, p.AsSpan(h * lq * lk, lq * lk), o.AsSpan(h * lq * dv, lq * dv));
            }
        });

        // dV += Pᵀ dO;  dS = P ⊙ (dO Vᵀ − rowsum(P ⊙ dO Vᵀ)) / √Dh;  dQ += dS K;  dK += dSᵀ Q.
        output.SetBackward(() =>
        {
            float[] dO = output.Grad!, dp = Temporary(heads * lq * lk);
            float[] dq = query.RequiresGrad ? query.GradOrZeros() : [], dk = key.RequiresGrad ? key.GradOrZeros() : [], dvAll = value.RequiresGrad ? value.GradOrZeros() : [];
            ParallelRows.For(heads, 2 * workPerHead, (start, end) =>
            {
                for (int h = start; h < end; h++)
                {
                    AttentionKernels.BackwardHead(q.AsSpan(h * lq * dh, lq * dh), k.AsSpan(h * lk * dh, lk * dh), v.AsSpan(h * lk * dv, lk * dv),
                        p.AsSpan(h * lq * lk, lq * lk), dO.AsSpan(h * lq * dv, lq * dv), dims, dp.AsSpan(h * lq * lk, lq * lk),
                        HeadSlice(dq, h, lq * dh), HeadSlice(dk, h, lk * dh), HeadSlice(dvAll, h, lk * dv));
                }
            });
        });
        return output;
    }

    /// <summary>Head h's block of a gradient buffer, or empty when that input takes no gradient.</summary>
    private static Span<float> HeadSlice(float[] gradient, int h, int length) => gradient.Length == 0 ? [] : gradient.AsSpan(h * length, length);
}
