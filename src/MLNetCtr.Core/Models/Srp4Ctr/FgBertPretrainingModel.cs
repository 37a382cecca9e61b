using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>
/// FG-BERT with its pretraining heads: the item output layer (D → V_item) on content-masked positions, one
/// classifier (D → V_n) per behavior feature on behavior-masked positions and, as an option, one per item attribute
/// on content-masked positions. <c>loss = w_x · CE(items [+ attributes]) + w_s · Σ_n CE(b_n)</c>, each CE averaged
/// over its masked positions.
/// </summary>
/// <remarks>Children: <c>encoder</c> (<see cref="FgBertEncoder"/>), <c>itemOutput</c>, <c>behaviorHeads.{n}</c>, <c>attributeHeads.{m}</c>.</remarks>
public sealed class FgBertPretrainingModel : Module
{
    private readonly Linear _itemOutput;
    private readonly ModuleList<Linear> _behaviorHeads;
    private readonly ModuleList<Linear> _attributeHeads;

    /// <summary>Creates the encoder and heads for <paramref name="encoder"/>'s behavior sequence.</summary>
    public FgBertPretrainingModel(DataEncoder encoder, FgBertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        Encoder = Register("encoder", new FgBertEncoder(encoder, options.Architecture, random));
        BehaviorSchema schema = Encoder.Tokens.Schema;
        int d = options.Architecture.EmbeddingDimension;
        _itemOutput = Register("itemOutput", new Linear(d, encoder.CardinalityOf(schema.ItemSequence.Name), random));
        _behaviorHeads = Register("behaviorHeads", new ModuleList<Linear>(schema.BehaviorFeatures.Select(c => new Linear(d, encoder.CardinalityOf(c.Name), random)).ToArray()));
        _attributeHeads = Register("attributeHeads", new ModuleList<Linear>(options.PredictItemAttributes
            ? schema.ItemFeatures.Skip(1).Select(c => new Linear(d, encoder.CardinalityOf(c.Name), random)).ToArray() : []));
    }

    /// <summary>The encoder that fine-tuning reuses.</summary>
    public FgBertEncoder Encoder { get; }

    /// <summary>The item output layer, <c>(V_item, D)</c> weight.</summary>
    public Linear ItemOutput => _itemOutput;

    /// <summary>The behavior-feature classifiers, in schema order.</summary>
    public IReadOnlyList<Linear> BehaviorHeads => _behaviorHeads;

    /// <summary>The last hidden states <c>(B·L, D)</c> of <paramref name="batch"/> with the given masks applied.</summary>
    internal Tensor Hidden(CtrColumns batch, MaskedPositions masks)
    {
        Tensor tokens = Encoder.Embed(batch, masks.ContentFlags, masks.BehaviorFlags);              // (B, L, D)
        Tensor last = Encoder.Encode(tokens, Encoder.Tokens.PaddingMask(batch))[^1];               // (B, L, D)
        return last.Reshape(batch.RowCount * Encoder.Tokens.Schema.MaxLength, Encoder.Architecture.EmbeddingDimension);   // (B·L, D)
    }

    /// <summary>The pretraining loss of one batch under <paramref name="masks"/>, <c>[1]</c>.</summary>
    internal Tensor Loss(CtrColumns batch, MaskedPositions masks, FgBertOptions options, ItemFrequencies frequencies, Random random)
    {
        BehaviorSchema schema = Encoder.Tokens.Schema;
        Tensor hidden = Hidden(batch, masks);                                                         // (B·L, D)
        Tensor total = Tensor.Zeros(1);
        if (masks.Content.Length > 0)
        {
            // Full softmax: rows padded to a multiple (ignored targets) so the attribute heads' (M, V_m) buffers repeat and
            // are pooled; the item head's fused cross-entropy has no (M, V) buffer. Sampled softmax shapes depend on M anyway.
            int[] rows = options.ItemSoftmax == ItemSoftmax.Full ? MaskedPositions.Padded(masks.Content) : masks.Content;
            Tensor h = Ops.IndexSelect(hidden, 0, rows);                                              // (Mx, D)
            int[] items = MaskedPositions.Targets(batch.Sequences[schema.ItemSequence.Name], masks.Content, rows.Length);
            Tensor content = ItemPredictionLoss.Compute(options.ItemSoftmax, _itemOutput, h, items, frequencies, options.SampledNegatives, random);
            for (int m = 0; m < _attributeHeads.Count; m++)
            {
                int[] attribute = MaskedPositions.Targets(batch.Sequences[schema.ItemFeatures[m + 1].Name], masks.Content, rows.Length);
                content += Ops.CrossEntropy(_attributeHeads[m].Forward(h), attribute);                // (Mx, V_m) → [1]
            }
            total += content * options.ItemLossWeight;
        }
        if (masks.Behavior.Length > 0 && _behaviorHeads.Count > 0)
        {
            int[] rows = MaskedPositions.Padded(masks.Behavior);
            Tensor h = Ops.IndexSelect(hidden, 0, rows);                                              // (Ms, D), padded
            for (int n = 0; n < _behaviorHeads.Count; n++)
            {
                int[] feature = MaskedPositions.Targets(batch.Sequences[schema.BehaviorFeatures[n].Name], masks.Behavior, rows.Length);
                total += Ops.CrossEntropy(_behaviorHeads[n].Forward(h), feature) * options.BehaviorLossWeight;   // (Ms, V_n) → [1]
            }
        }
        return total;
    }
}
