using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Scaled dot-product attention composed from primitives, with dropout on the probabilities (what torch does in
/// training): <c>O = Dropout(softmax(Q Kᵀ / √Dh + M)) V</c>. Same shapes and masking rules as
/// <see cref="Ops.ScaledDotProductAttention"/>, including zeros for a query whose keys are all masked.
/// </summary>
/// <remarks>NOTE: the fused op has no dropout; this path keeps the (B, H, Lq, Lk) scores as tensors, which is fine for
/// training with dropout and never used in evaluation.</remarks>
internal static class AttentionWithDropout
{
    public static Tensor Forward(Tensor query, Tensor keys, Tensor values, bool[]? keyPaddingMask, bool causal, float dropout, Random masks)
    {
        int batch = query.Dim(0), lq = query.Dim(2), lk = keys.Dim(2);
        if (keyPaddingMask is not null && keyPaddingMask.Length != batch * lk)
        {
            throw new ArgumentException($"The key padding mask has {keyPaddingMask.Length} flags; (B, Lk) = ({batch}, {lk}) needs {batch * lk}.", nameof(keyPaddingMask));
        }
        var hidden = new bool[batch * lq * lk];   // (B, 1, Lq, Lk): true where query i may not see key j
        var seesAnyKey = new float[batch * lq];   // (B, 1, Lq, 1): 0 for a query whose keys are all hidden
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < lq; i++)
            {
                for (int j = 0; j < lk; j++)
                {
                    bool masked = (keyPaddingMask?[b * lk + j] ?? false) || (causal && j > i);
                    hidden[(b * lq + i) * lk + j] = masked;
                    seesAnyKey[b * lq + i] = masked ? seesAnyKey[b * lq + i] : 1f;
                }
            }
        }
        Tensor scores = Ops.MatMul(query, keys, transposeB: true) * (1f / MathF.Sqrt(query.Dim(3)));   // (B, H, Lq, Lk)
        // A finite fill: a fully hidden row becomes uniform instead of NaN, and is then zeroed by seesAnyKey.
        scores = Ops.MaskedFill(scores, hidden, [batch, 1, lq, lk], float.MinValue);
        Tensor probabilities = Ops.Softmax(scores) * Tensor.From(seesAnyKey, batch, 1, lq, 1);       // (B, H, Lq, Lk)
        Tensor dropped = Ops.Dropout(probabilities, dropout, training: true, masks);                  // (B, H, Lq, Lk)
        return Ops.MatMul(dropped, values);                                                           // (B, H, Lq, Dh)
    }
}
