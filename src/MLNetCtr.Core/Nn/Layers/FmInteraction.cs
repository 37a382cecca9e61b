using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// The factorization-machine interaction (Rendle, 2010, "Factorization Machines") of F field embeddings
/// <c>e_1 … e_F</c>: every pairwise inner product <c>Σ_{f&lt;g} ⟨e_f, e_g⟩</c>, computed in O(F·D) as
/// <c>½ Σ_d [ (Σ_f e[f,d])² − Σ_f e[f,d]² ]</c>. Composed from primitives, so autograd derives the backward.
/// </summary>
/// <remarks>
/// Input <c>(B, F, D)</c>: B batch, F fields, D embedding dimension. The sum-pooled vector <c>Σ_f e_f</c> is what a
/// two-tower FM exposes: the inner product of the user tower's and the item tower's pooled vectors is every
/// user-field × item-field term of the FM.
/// </remarks>
public static class FmInteraction
{
    /// <summary>The sum of the field embeddings, <c>Σ_f e_f</c>: <c>(B, F, D)</c> → <c>(B, D)</c>.</summary>
    public static Tensor SumPool(Tensor embeddings)
    {
        CheckRank(embeddings);
        return embeddings.Sum(1);                                             // (B, D)
    }

    /// <summary>The pairwise term per dimension, <c>½ [ (Σ_f e[f,d])² − Σ_f e[f,d]² ]</c>: <c>(B, F, D)</c> → <c>(B, D)</c>.</summary>
    public static Tensor PairwisePerDimension(Tensor embeddings)
    {
        CheckRank(embeddings);
        Tensor sum = embeddings.Sum(1);                                       // (B, D)
        Tensor squareOfSum = sum * sum;                                       // (B, D)
        Tensor sumOfSquares = (embeddings * embeddings).Sum(1);               // (B, D)
        return (squareOfSum - sumOfSquares) * 0.5f;                           // (B, D)
    }

    /// <summary>The FM pairwise term <c>Σ_{f&lt;g} ⟨e_f, e_g⟩</c>: <c>(B, F, D)</c> → <c>(B, 1)</c>.</summary>
    public static Tensor Pairwise(Tensor embeddings) =>
        PairwisePerDimension(embeddings).Sum(1, keepDims: true);             // (B, 1)

    private static void CheckRank(Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Rank != 3)
        {
            throw new ArgumentException($"FM interaction needs field embeddings (B, F, D), got {Tensor.ShapeString(embeddings.Shape)}.", nameof(embeddings));
        }
    }
}
