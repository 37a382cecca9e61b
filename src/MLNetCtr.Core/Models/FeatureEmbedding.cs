using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>How <see cref="FeatureEmbedding"/> turns a column into one D-vector per row.</summary>
public enum FieldKind
{
    /// <summary>An id (categorical or bucketized numeric) looked up in its vocabulary's table.</summary>
    Categorical,

    /// <summary>A number x scaling a learned vector: <c>x · v</c>.</summary>
    Numeric,

    /// <summary>A sequence of ids, looked up and mean-pooled over its valid (non-padding) positions.</summary>
    Sequence,
}

/// <summary>One embedded field: its column, kind and table.</summary>
/// <param name="Column">The feature column.</param>
/// <param name="Kind">How it is embedded.</param>
/// <param name="Table">Its table: (V, D) for ids, (1, D) for a number. Columns of a shared vocabulary share a table.</param>
public sealed record EmbeddedField(ColumnSchema Column, FieldKind Kind, Tensor Table);

/// <summary>
/// Embeds the feature columns of a dataset into <c>(B, F, D)</c>: categorical ids through their vocabulary's table
/// (shared between columns of one vocabulary, e.g. history items and the candidate item), numbers as <c>x · v_f</c>,
/// sequences as the mean of their items' embeddings. Text columns are left to text encoders. Tables have sparse
/// gradients, so optimizers update only the rows a batch touched.
/// </summary>
public sealed class FeatureEmbedding : Module
{
    private readonly EmbeddedField[] _fields;

    /// <summary>Creates the tables for the feature columns of <paramref name="encoder"/> that <paramref name="include"/> accepts (default: all).</summary>
    /// <param name="encoder">The fitted vocabularies and statistics.</param>
    /// <param name="dimension">D, the embedding dimension.</param>
    /// <param name="random">Source of the N(0, <paramref name="initStandardDeviation"/>²) initial values.</param>
    /// <param name="include">Which feature columns to embed; null for every non-text feature.</param>
    /// <param name="initStandardDeviation">Standard deviation of the initial values.</param>
    public FeatureEmbedding(DataEncoder encoder, int dimension, Random random, Func<ColumnSchema, bool>? include = null,
        float initStandardDeviation = CtrDefaults.EmbeddingInitStandardDeviation)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Dimension = dimension;
        var tables = new Dictionary<string, Tensor>();
        var fields = new List<EmbeddedField>();
        foreach (ColumnSchema column in encoder.Schema.Features.Where(c => include?.Invoke(c) ?? true))
        {
            FieldKind? kind = KindOf(column);
            if (kind is null)
            {
                continue;
            }
            string key = kind == FieldKind.Numeric ? column.Name : column.VocabularyName;
            if (!tables.TryGetValue(key, out Tensor? table))
            {
                string name = key.Replace('.', '_');
                table = kind == FieldKind.Numeric
                    ? RegisterParameter(name, Init.Normal(Tensor.Parameter(new float[dimension], [1, dimension]), initStandardDeviation, random))
                    : Register(name, new Embedding(encoder.CardinalityOf(column.Name), dimension, random, Vocabulary.PaddingId, sparse: true, initStandardDeviation)).Weight;
                tables[key] = table;
            }
            fields.Add(new EmbeddedField(column, kind.Value, table));
        }
        if (fields.Count == 0)
        {
            throw new ArgumentException("No feature column to embed: the schema has no categorical, numeric or sequence feature that the filter accepts.", nameof(include));
        }
        _fields = [.. fields];
    }

    /// <summary>D, the embedding dimension.</summary>
    public int Dimension { get; }

    /// <summary>The embedded fields, in schema order (F of them).</summary>
    public IReadOnlyList<EmbeddedField> Fields => _fields;

    /// <summary>Embeds every field of every row: <c>(B, F, D)</c>.</summary>
    public Tensor Forward(CtrBatch batch)
    {
        var vectors = new Tensor[_fields.Length];
        for (int f = 0; f < _fields.Length; f++)
        {
            vectors[f] = EmbedField(_fields[f], batch);                         // (B, D)
        }
        return Ops.Concat(vectors, axis: 1).Reshape(batch.RowCount, _fields.Length, Dimension);   // (B, F, D)
    }

    private static Tensor EmbedField(EmbeddedField field, CtrBatch batch)
    {
        int b = batch.RowCount;
        string name = field.Column.Name;
        switch (field.Kind)
        {
            case FieldKind.Categorical:
                return Ops.Embedding(field.Table, batch.Categorical[name], [b], Vocabulary.PaddingId);              // (B, D)
            case FieldKind.Numeric:
                return Tensor.From(batch.Numeric[name], b, 1) * field.Table;                                        // (B, 1) ⊙ (1, D) → (B, D)
            default:
                SequenceColumn sequence = batch.Sequences[name];
                Tensor items = Ops.Embedding(field.Table, sequence.Ids, [b, sequence.MaxLength], Vocabulary.PaddingId);   // (B, L, D), padding → 0
                return items.Sum(1) * InverseLengths(sequence);                                                    // (B, D) ⊙ (B, 1)
        }
    }

    /// <summary><c>1 / max(length, 1)</c> per row, <c>(B, 1)</c>: empty sequences embed to zero.</summary>
    private static Tensor InverseLengths(SequenceColumn sequence)
    {
        Tensor inverse = Tensor.Zeros(sequence.RowCount, 1);
        for (int i = 0; i < sequence.RowCount; i++)
        {
            inverse.Data[i] = 1f / Math.Max(sequence.Lengths[i], 1);
        }
        return inverse;
    }

    /// <summary>Whether <paramref name="column"/> is a kind of feature this layer embeds (every non-text feature).</summary>
    internal static bool Embeds(ColumnSchema column) => KindOf(column) is not null;

    private static FieldKind? KindOf(ColumnSchema column) => column.Type switch
    {
        ColumnType.Categorical => FieldKind.Categorical,
        ColumnType.Numeric when column.Transform == NumericTransform.Bucketize => FieldKind.Categorical,
        ColumnType.Numeric or ColumnType.Binary => FieldKind.Numeric,
        ColumnType.Sequence => FieldKind.Sequence,
        _ => null,   // text: for text encoders
    };
}
