using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>
/// The input embeddings of a behavior sequence (SRP4CTR, Han et al., 2024, arXiv 2407.19658):
/// <c>x_i = Σ_m Emb(f_im)</c> (content), <c>s_i = Σ_n Emb(b_in)</c> (side info), learned positions <c>pos_i</c>.
/// An item feature and the candidate column of the same vocabulary share one table. Padding ids embed to zero.
/// </summary>
/// <remarks>Children: <c>item.{vocabulary}</c>, <c>behavior.{column}</c> (sparse tables) and <c>position</c> (L, D).</remarks>
public sealed partial class BehaviorTokens : Module
{
    private readonly Dictionary<string, Embedding> _itemTables = [];
    private readonly Embedding[] _behaviorTables;

    /// <summary>Creates the tables for <paramref name="schema"/>'s sequence, with the cardinalities of <paramref name="encoder"/>.</summary>
    public BehaviorTokens(BehaviorSchema schema, DataEncoder encoder, int dimension, Random random, float initStandardDeviation)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(encoder);
        Schema = schema;
        Dimension = dimension;
        foreach (ColumnSchema column in schema.ItemFeatures)
        {
            _itemTables[column.VocabularyName] = Register("item_" + column.VocabularyName.Replace('.', '_'),
                new Embedding(encoder.CardinalityOf(column.Name), dimension, random, Vocabulary.PaddingId, sparse: true, initStandardDeviation));
        }
        _behaviorTables = schema.BehaviorFeatures.Select(c => Register("behavior_" + c.Name.Replace('.', '_'),
            new Embedding(encoder.CardinalityOf(c.Name), dimension, random, Vocabulary.PaddingId, sparse: true, initStandardDeviation))).ToArray();
        Position = Register("position", new Embedding(schema.MaxLength + 1, dimension, random, paddingIndex: null, sparse: false, initStandardDeviation)).Weight;
    }

    /// <summary>The columns of the sequence.</summary>
    public BehaviorSchema Schema { get; }

    /// <summary>D, the token width.</summary>
    public int Dimension { get; }

    /// <summary>Learned positions, <c>(L + 1, D)</c>: rows 0..L−1 for the sequence, row L free for a candidate slot.</summary>
    public Tensor Position { get; }

    /// <summary>The table of item feature <paramref name="column"/> (shared with its candidate column).</summary>
    public Embedding ItemTable(ColumnSchema column) => _itemTables[column.VocabularyName];

    /// <summary>Vocabulary sizes of the behavior features, in schema order.</summary>
    public IReadOnlyList<int> BehaviorCardinalities => [.. _behaviorTables.Select(t => t.NumEmbeddings)];

    /// <summary>Content representations <c>x</c>: <c>(B, L, D)</c>.</summary>
    public Tensor Content(CtrColumns batch) => SumOver(Schema.ItemFeatures.Select(c => (ItemTable(c), c.Name)), batch);

    /// <summary>Side-info representations <c>s</c>: <c>(B, L, D)</c>; zeros when the schema has no behavior feature.</summary>
    public Tensor SideInfo(CtrColumns batch) => Schema.BehaviorFeatures.Count == 0
        ? Tensor.Zeros(batch.RowCount, Schema.MaxLength, Dimension)
        : SumOver(Schema.BehaviorFeatures.Select((c, n) => (_behaviorTables[n], c.Name)), batch);

    /// <summary>The candidate's content representation <c>x_c = Σ_m Emb(candidate f_m)</c>: <c>(B, D)</c>.</summary>
    public Tensor CandidateContent(CtrColumns batch)
    {
        Tensor? sum = null;
        for (int m = 0; m < Schema.CandidateContent.Count; m++)
        {
            ColumnSchema column = Schema.CandidateContent[m];
            Tensor e = ItemTable(Schema.ItemFeatures[m]).Forward(batch.Categorical[column.Name], [batch.RowCount]);   // (B, D)
            sum = sum is null ? e : sum + e;
        }
        return sum!;
    }

    /// <summary>The key-padding mask, <c>(B, L)</c> row-major: true at <c>position ≥ length</c>.</summary>
    public bool[] PaddingMask(CtrColumns batch)
    {
        SequenceColumn items = batch.Sequences[Schema.ItemSequence.Name];
        int l = items.MaxLength;
        var mask = new bool[items.RowCount * l];
        for (int b = 0; b < items.RowCount; b++)
        {
            for (int t = items.Lengths[b]; t < l; t++)
            {
                mask[b * l + t] = true;
            }
        }
        return mask;
    }

    /// <summary>Positions 0..L−1, <c>(L, D)</c>, to add to <c>(B, L, D)</c> tokens.</summary>
    public Tensor SequencePositions() => Position.Slice(0, 0, Schema.MaxLength);

    /// <summary>Mean of <paramref name="states"/> <c>(B, L, D)</c> over each row's valid positions: <c>(B, D)</c> (zeros for an empty history).</summary>
    public Tensor MeanOverValid(Tensor states, CtrColumns batch)
    {
        SequenceColumn items = batch.Sequences[Schema.ItemSequence.Name];
        int b = items.RowCount, l = items.MaxLength;
        Tensor valid = Tensor.Zeros(b, l, 1);
        Tensor inverse = Tensor.Zeros(b, 1);
        for (int i = 0; i < b; i++)
        {
            valid.Data.AsSpan(i * l, items.Lengths[i]).Fill(1f);
            inverse.Data[i] = 1f / Math.Max(items.Lengths[i], 1);
        }
        return (states * valid).Sum(1) * inverse;   // (B, D)
    }

    private Tensor SumOver(IEnumerable<(Embedding Table, string Column)> features, CtrColumns batch)
    {
        Tensor? sum = null;
        foreach ((Embedding table, string column) in features)
        {
            SequenceColumn sequence = batch.Sequences[column];
            Tensor e = table.Forward(sequence.Ids, [batch.RowCount, sequence.MaxLength]);   // (B, L, D)
            sum = sum is null ? e : sum + e;
        }
        return sum!;
    }
}
