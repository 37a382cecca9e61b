using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Text;
using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>
/// BAHE (Geng et al., "Breaking the Length Barrier: LLM-Enhanced CTR Prediction in Long Textual User Behaviors",
/// SIGIR 2024, arXiv 2403.19347): behavior texts become vectors once, through the frozen shallow part of a pretrained
/// text encoder (<see cref="BehaviorTable"/>); trainable deep layers model each behavior sequence; the sequences are
/// encoded independently, in parallel, and concatenated into the user vector; the item's text goes through the same table.
/// <code>
///   u_s = Tower_s(table[texts_s])                 (B, H)   one per text-sequence column s (S of them)
///   v   = W · table[item text]                    (B, H)
///   logit = MLP([u_1 … u_S, v, u_1 ⊙ v … u_S ⊙ v, e_other])   (B, T)
/// </code>
/// </summary>
/// <remarks>Children: <c>towers.0</c> … (<see cref="BaheSequenceTower"/>), <c>item</c>, <c>others</c>, <c>head</c>;
/// buffer <c>tableFingerprint</c> (the table's id, to refuse a different table after loading).</remarks>
public sealed partial class Bahe : CtrModel
{
    private readonly BehaviorVectors _vectors;                  // texts → (B, L, D) / (B, D), frozen
    private readonly ColumnSchema[] _sequences;                 // the text-sequence columns
    private readonly ColumnSchema _itemText;
    private readonly ModuleList<BaheSequenceTower> _towers;    // (B, L, D) → (B, H), one per sequence
    private readonly Linear _item;                              // (B, D) → (B, H)
    private readonly FeatureEmbedding _others;                  // → (B, F, E)
    private readonly Mlp _head;                                 // → (B, T)
    private readonly Tensor _tableFingerprint;
    private readonly BaheOptions _options;

    /// <summary>Creates the model for the schema of <paramref name="encoder"/>; opens (or creates) the behavior table.</summary>
    public Bahe(DataEncoder encoder, BaheOptions options)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var random = new Random(options.Seed);
        _sequences = [.. encoder.Schema.Features.Where(c => c.Type == ColumnType.TextSequence)];
        _itemText = encoder.Schema.Features.FirstOrDefault(c => c.Type == ColumnType.Text && c.Side == FeatureSide.Item)
            ?? throw new ArgumentException($"BAHE needs an item-side text column; the schema's features are {string.Join(", ", encoder.Schema.Features.Select(c => $"{c.Name} ({c.Type}, {c.Side})"))}.", nameof(encoder));
        ArgumentOutOfRangeException.ThrowIfZero(_sequences.Length, "text-sequence columns");
        _vectors = new BehaviorVectors(options);
        int d = _vectors.Dimension, h = options.DeepWidth;
        _towers = Register("towers", new ModuleList<BaheSequenceTower>());
        foreach (ColumnSchema sequence in _sequences)
        {
            _towers.Add(new BaheSequenceTower(d, h, options.DeepLayers, options.Heads, options.FeedForward, sequence.MaxLength, random));
        }
        _item = Register("item", new Linear(d, h, random));
        _others = Register("others", new FeatureEmbedding(encoder, options.EmbeddingDimension, random, c => c.Type is ColumnType.Categorical or ColumnType.Numeric or ColumnType.Binary));
        _head = Register("head", new Mlp((2 * _sequences.Length + 1) * h + _others.Fields.Count * options.EmbeddingDimension, options.HiddenSizes, random, outputSize: Tasks.Count));
        _tableFingerprint = RegisterBuffer("tableFingerprint", Tensor.From(Fingerprint(_vectors.Table.TableId), 4));
    }

    /// <summary>The behavior table the model reads.</summary>
    public BehaviorTable Table => _vectors.Table;

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch)
    {
        CheckTable();
        Tensor item = ItemVector(batch);                                                          // (B, H)
        Tensor[] users = UserVectors(batch);                                                      // S × (B, H)
        return Head(users, item, _others.Forward(batch).Flatten(1));                              // (B, T)
    }

    /// <summary><c>v = W · table[item text]</c>, <c>(B, H)</c>.</summary>
    private Tensor ItemVector(CtrBatch batch) => _item.Forward(_vectors.Single(batch.Texts[_itemText.Name]));   // (B, D) → (B, H)

    /// <summary>The head over <c>[u_1 … u_S, v, u_1 ⊙ v … u_S ⊙ v, e_other]</c>: users S × <c>(B, H)</c>, item <c>(B, H)</c>, others <c>(B, F·E)</c> → <c>(B, T)</c>.</summary>
    private Tensor Head(Tensor[] users, Tensor item, Tensor others) =>
        _head.Forward(Ops.Concat([.. users, item, .. users.Select(u => u * item), others], axis: 1));

    /// <summary><c>u_s = Tower_s(table[texts_s])</c> for every text-sequence column: S × <c>(B, H)</c>, in parallel when <see cref="BaheOptions.ParallelSequences"/>.</summary>
    private Tensor[] UserVectors(CtrBatch batch)
    {
        Tensor[] users = new Tensor[_sequences.Length];                                            // S × (B, H)
        void Encode(int s)
        {
            ColumnSchema column = _sequences[s];
            (Tensor behaviors, int[] lengths) = _vectors.Sequences(batch.Texts[column.Name], column.Separator!, column.MaxLength);   // (B, L, D)
            users[s] = _towers[s].Forward(behaviors, lengths);                                                                          // (B, H)
        }
        if (_options.ParallelSequences)
        {
            TensorParallel.For(users.Length, Encode);   // feature parallel: the sequences are independent; same scope and grad mode
        }
        else
        {
            for (int s = 0; s < users.Length; s++)
            {
                Encode(s);
            }
        }
        return users;
    }

    /// <summary>Starts deep layer i of every tower from pretrained layer <see cref="BaheOptions.FrozenLayers"/> + i where
    /// shapes match; returns how many layers were copied.</summary>
    internal int InitializeFromPretrained(UseLiteEncoder pretrained) =>
        _towers.Sum(tower => tower.CopyPretrained([.. pretrained.Layers.Skip(_options.FrozenLayers)]));

    private void CheckTable()
    {
        if (!_tableFingerprint.Data.AsSpan().SequenceEqual(Fingerprint(_vectors.Table.TableId)))
        {
            throw new InvalidOperationException($"The behavior table '{_vectors.Table.Path}' (id {_vectors.Table.TableId}) is not the one this model was trained with.");
        }
    }

    /// <summary>Four 16-bit pieces of the table id's hash, each exact in a float.</summary>
    private static float[] Fingerprint(string tableId)
    {
        uint low = StableHash.Fnv1a(tableId), high = StableHash.Fnv1a(tableId + "/");
        return [low & 0xFFFF, low >> 16, high & 0xFFFF, high >> 16];
    }
}
