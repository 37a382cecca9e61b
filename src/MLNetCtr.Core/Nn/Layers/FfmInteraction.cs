using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// The field-aware factorization-machine interaction (Juan et al., 2016, "Field-aware Factorization Machines for CTR
/// Prediction"): each field f has one embedding per partner field g, <c>e_{f,g}</c>, and the pair (f, g) interacts
/// through <c>⟨e_{f,g}, e_{g,f}⟩</c>. Composed from primitives, so autograd derives the backward.
/// </summary>
/// <remarks>
/// Field-aware embeddings are stored as <c>E (B, F, P, D)</c> with <c>E[b, f, g] = e_{f,g}</c>: B batch, F fields,
/// P partner fields, D embedding dimension.
/// </remarks>
public static class FfmInteraction
{
    /// <summary>
    /// Every pair of distinct fields, <c>Σ_{f&lt;g} ⟨E[f,g], E[g,f]⟩</c>, for square field-aware embeddings
    /// <c>(B, F, F, D)</c> (the partners are the fields themselves): returns <c>(B, 1)</c>.
    /// </summary>
    public static Tensor Pairwise(Tensor fieldAware)
    {
        ArgumentNullException.ThrowIfNull(fieldAware);
        if (fieldAware.Rank != 4 || fieldAware.Dim(1) != fieldAware.Dim(2))
        {
            throw new ArgumentException($"FFM pairwise needs square field-aware embeddings (B, F, F, D), got {Tensor.ShapeString(fieldAware.Shape)}.", nameof(fieldAware));
        }
        int batch = fieldAware.Dim(0), fields = fieldAware.Dim(1);
        Tensor transposed = fieldAware.Permute(0, 2, 1, 3);                   // [b, f, g] = e_{g,f}: (B, F, F, D)
        Tensor products = (fieldAware * transposed).Sum(3);                   // ⟨e_{f,g}, e_{g,f}⟩: (B, F, F)
        return (products * UpperTriangle(fields)).Sum([1, 2]).Reshape(batch, 1);   // f < g only: (B, 1)
    }

    /// <summary>
    /// The user × item part of the FFM as an inner product: for user fields U and item fields I (the item side's
    /// embeddings with partners laid out as U), returns the item vector <c>[e_{g,f}]_{f∈U, g∈I}</c> flattened in the
    /// order that matches the user vector <c>[e_{f,g}]_{f∈U, g∈I}</c>, i.e. the item side's <c>(B, |I|, |U|, D)</c>
    /// transposed to <c>(B, |U|, |I|, D)</c> and flattened to <c>(B, |U|·|I|·D)</c>.
    /// </summary>
    public static Tensor AlignWithPartners(Tensor fieldAware)
    {
        ArgumentNullException.ThrowIfNull(fieldAware);
        if (fieldAware.Rank != 4)
        {
            throw new ArgumentException($"Field-aware embeddings must be (B, F, P, D), got {Tensor.ShapeString(fieldAware.Shape)}.", nameof(fieldAware));
        }
        return fieldAware.Permute(0, 2, 1, 3).Flatten(1);                     // (B, P, F, D) → (B, P·F·D)
    }

    /// <summary>The <c>(F, F)</c> mask of the pairs f &lt; g, broadcast over the batch.</summary>
    private static Tensor UpperTriangle(int fields)
    {
        var mask = new float[fields * fields];
        for (int f = 0; f < fields; f++)
        {
            for (int g = f + 1; g < fields; g++)
            {
                mask[f * fields + g] = 1f;
            }
        }
        return Tensor.From(mask, fields, fields);
    }
}
