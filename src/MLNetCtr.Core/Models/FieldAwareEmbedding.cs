using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>
/// Field-aware embeddings for FFM (Juan et al., 2016): each embedded field f has one D-vector per partner field g,
/// <c>e_{f,g}</c>, looked up as <c>E (B, F, P, D)</c> with <c>E[b, f, g] = e_{f,g}</c>. Stored as one
/// <see cref="FeatureEmbedding"/> of width P·D, so tables, padding, numbers and sequences behave exactly as there.
/// </summary>
public sealed class FieldAwareEmbedding : Module
{
    private readonly FeatureEmbedding _embedding;   // (B, F, P·D)

    /// <summary>Creates the tables of the fields <paramref name="include"/> accepts, each with <paramref name="partners"/> vectors.</summary>
    /// <param name="encoder">The fitted vocabularies and statistics.</param>
    /// <param name="partners">P, the number of partner fields each field keeps a vector for.</param>
    /// <param name="dimension">D, the length of each vector.</param>
    /// <param name="random">Source of the initial values.</param>
    /// <param name="include">Which feature columns to embed; null for every non-text feature.</param>
    public FieldAwareEmbedding(DataEncoder encoder, int partners, int dimension, Random random, Func<ColumnSchema, bool>? include = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partners);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Partners = partners;
        Dimension = dimension;
        _embedding = Register("embedding", new FeatureEmbedding(encoder, partners * dimension, random, include));
    }

    /// <summary>P, the number of partner fields.</summary>
    public int Partners { get; }

    /// <summary>D, the length of each vector.</summary>
    public int Dimension { get; }

    /// <summary>The underlying embedding of width P·D.</summary>
    internal FeatureEmbedding Embedding => _embedding;

    /// <summary>The embedded fields, in schema order (F of them).</summary>
    public IReadOnlyList<EmbeddedField> Fields => _embedding.Fields;

    /// <summary>Looks up every field's partner vectors: <c>(B, F, P, D)</c>.</summary>
    public Tensor Forward(CtrBatch batch) =>
        _embedding.Forward(batch).Reshape(batch.RowCount, _embedding.Fields.Count, Partners, Dimension);   // (B, F, P·D) → (B, F, P, D)
}
