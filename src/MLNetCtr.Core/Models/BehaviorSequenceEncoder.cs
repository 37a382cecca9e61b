using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>
/// DUPN's user representation (Ni et al., KDD 2018): each behavior is its item's embedding joined with the embeddings
/// of its properties (the sequences aligned with the item sequence: behavior type, time gap, category, …); an LSTM
/// reads the behaviors in order and attention pooling, conditioned on the user profile (the user-side non-sequence
/// fields), summarizes them into one vector shared by every task:
/// <code>
///   b_t = [e(item_t); e(property¹_t); …]        (B, L, S·D)
///   s   = LSTM(b)                                (B, L, H)
///   u   = AttentionPooling(s | profile)          (B, H)
/// </code>
/// The embedding tables are the <see cref="FeatureEmbedding"/>'s, so history items share the candidate item's table.
/// </summary>
/// <remarks>Children: <c>lstm</c>, <c>attention</c>.</remarks>
internal sealed class BehaviorSequenceEncoder : Module
{
    private readonly EmbeddedField[] _sequences;   // the item sequence, then the sequences aligned with it
    private readonly int[] _profileFields;         // positions in (B, F, D) of the user-side non-sequence fields
    private readonly Lstm _lstm;
    private readonly AttentionPooling _attention;

    public BehaviorSequenceEncoder(FeatureEmbedding embedding, string itemSequence, int hiddenSize, Random random)
    {
        IReadOnlyList<EmbeddedField> fields = embedding.Fields;
        EmbeddedField items = fields.FirstOrDefault(f => f.Kind == FieldKind.Sequence && f.Column.Name == itemSequence)
            ?? throw new ArgumentException($"Behavior sequence '{itemSequence}' is not a sequence feature column. Sequence columns: {string.Join(", ", fields.Where(f => f.Kind == FieldKind.Sequence).Select(f => f.Column.Name).DefaultIfEmpty("none"))}.", nameof(itemSequence));
        _sequences = [items, .. fields.Where(f => f.Kind == FieldKind.Sequence && f.Column.AlignedWith == itemSequence)];
        if (_sequences.FirstOrDefault(p => p.Column.MaxLength != items.Column.MaxLength) is { } property)
        {
            throw new ArgumentException($"Sequence '{property.Column.Name}' is aligned with '{itemSequence}' but keeps {property.Column.MaxLength} elements, not {items.Column.MaxLength}.", nameof(itemSequence));
        }
        _profileFields = [.. Enumerable.Range(0, fields.Count).Where(f => fields[f].Column.Side == FeatureSide.User && fields[f].Kind != FieldKind.Sequence)];
        int d = embedding.Dimension;
        _lstm = Register("lstm", new Lstm(_sequences.Length * d, hiddenSize, random));
        _attention = Register("attention", new AttentionPooling(hiddenSize, _profileFields.Length * d, hiddenSize, random));
    }

    /// <summary>H, the size of the user representation.</summary>
    public int OutFeatures => _lstm.HiddenSize;

    /// <summary>The representation of every row's behaviors, <c>(B, H)</c>, given the rows' field embeddings <paramref name="fields"/> <c>(B, F, D)</c>.</summary>
    public Tensor Forward(CtrBatch batch, Tensor fields)
    {
        SequenceColumn items = batch.Sequences[_sequences[0].Column.Name];
        int b = batch.RowCount, l = items.MaxLength;
        var behaviors = new Tensor[_sequences.Length];
        for (int s = 0; s < behaviors.Length; s++)
        {
            behaviors[s] = Ops.Embedding(_sequences[s].Table, batch.Sequences[_sequences[s].Column.Name].Ids, [b, l], Vocabulary.PaddingId);   // (B, L, D)
        }
        Tensor input = behaviors.Length == 1 ? behaviors[0] : Ops.Concat(behaviors, axis: 2);          // (B, L, S·D)
        (Tensor states, _) = _lstm.Forward(input, items.Lengths);                                        // (B, L, H)
        Tensor? profile = _profileFields.Length == 0 ? null : Ops.IndexSelect(fields, 1, _profileFields).Flatten(1);   // (B, F_u·D)
        return _attention.Forward(states, items.Lengths, profile);                                       // (B, H)
    }

    /// <summary>
    /// <see cref="Forward"/> in ONNX, reading the sequence inputs (ids and the item sequence's <c>&lt;column&gt;.Length</c>)
    /// and the rows' field embeddings <paramref name="fields"/> <c>(B, F, D)</c> → <c>(B, H)</c>.
    /// </summary>
    public string ExportOnnx(OnnxGraph g, string fields, string name)
    {
        string column = _sequences[0].Column.Name;
        string[] behaviors = [.. _sequences.Select(s => g.LookUpSequence(s.Table, s.Column.Name, $"embedding.{s.Column.VocabularyName}"))];   // S × (B, L, D)
        string valid = g.ValidKeys(column, _sequences[0].Column.MaxLength);                                                                  // (B, L)
        string states = g.Lstm(_lstm, g.Concat(behaviors, axis: 2), column, valid, $"{name}.lstm");                                         // (B, L, H)
        string? profile = _profileFields.Length == 0 ? null
            : g.Flatten(g.Gather(fields, g.Constant("profile_fields", [.. _profileFields.Select(f => (long)f)], _profileFields.Length), axis: 1));   // (B, F_u·D)
        return g.AttentionPooling(_attention, states, valid, profile, $"{name}.attention");                                                  // (B, H)
    }
}
