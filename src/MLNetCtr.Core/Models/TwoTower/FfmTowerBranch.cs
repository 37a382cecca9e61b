using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.TwoTower;

/// <summary>
/// The FFM branch (Juan et al., 2016) split into towers. Every field keeps one vector per partner field, partners laid
/// out as [user fields U, item fields I]. The user side lists <c>e_{f,g}</c> and the item side <c>e_{g,f}</c> for every
/// (f ∈ U, g ∈ I) in the same order, so <c>⟨u, v⟩ ⊇ Σ_{f∈U, g∈I} ⟨e_{f,g}, e_{g,f}⟩</c>, the user × item FFM terms.
/// Terms inside a side (first-order weights and the side's own FFM pairs) form a scalar s that meets a 1:
/// <code>
///   u = [ vec(e_{f,g})_{f∈U, g∈I},  1,    s_u ]      s_u = Σ_{f∈U} w_f + Σ_{f&lt;f' ∈ U} ⟨e_{f,f'}, e_{f',f}⟩
///   v = [ vec(e_{g,f})_{f∈U, g∈I},  s_v,  1   ]
/// </code>
/// so <c>⟨u, v⟩</c> is a whole FFM over all fields. Width |U|·|I|·D + 2.
/// </summary>
internal sealed class FfmTowerBranch : TowerBranch
{
    private readonly FieldAwareEmbedding _userEmbedding;   // (B, |U|, |U| + |I|, D)
    private readonly FieldAwareEmbedding _itemEmbedding;   // (B, |I|, |U| + |I|, D)
    private readonly FeatureEmbedding _userWeights;        // (B, |U|, 1)
    private readonly FeatureEmbedding _itemWeights;        // (B, |I|, 1)
    private readonly int _userFields, _itemFields;

    public FfmTowerBranch(DataEncoder encoder, ParallelTwoTowerOptions options, Random random)
    {
        int d = options.FfmEmbeddingDimension;
        _userFields = encoder.Schema.Features.Count(c => IsUserSide(c) && FeatureEmbedding.Embeds(c));
        _itemFields = encoder.Schema.Features.Count(c => IsItemSide(c) && FeatureEmbedding.Embeds(c));
        int partners = _userFields + _itemFields;
        _userEmbedding = Register("userEmbedding", new FieldAwareEmbedding(encoder, partners, d, random, IsUserSide));
        _itemEmbedding = Register("itemEmbedding", new FieldAwareEmbedding(encoder, partners, d, random, IsItemSide));
        _userWeights = Register("userWeights", new FeatureEmbedding(encoder, 1, random, IsUserSide));
        _itemWeights = Register("itemWeights", new FeatureEmbedding(encoder, 1, random, IsItemSide));
    }

    public override int Width => _userFields * _itemFields * _userEmbedding.Dimension + 2;

    /// <summary>Both sides' field-aware embeddings, user fields first: <c>(B, F, F, D)</c> (for tests of the FFM identity).</summary>
    internal Tensor AllEmbeddings(CtrBatch batch) => Ops.Concat([_userEmbedding.Forward(batch), _itemEmbedding.Forward(batch)], axis: 1);

    /// <summary>Both sides' first-order terms, <c>Σ_f w_f</c>: <c>(B, 1)</c> (for tests of the FFM identity).</summary>
    internal Tensor FirstOrder(CtrBatch batch) => _userWeights.Forward(batch).Sum(1) + _itemWeights.Forward(batch).Sum(1);

    public override Tensor UserVector(CtrBatch batch)
    {
        Tensor e = _userEmbedding.Forward(batch);                                          // e_{f,g}: (B, |U|, P, D)
        Tensor cross = e.Slice(2, _userFields, _itemFields).Flatten(1);                    // g ∈ I: (B, |U|·|I|·D)
        Tensor scalar = _userWeights.Forward(batch).Sum(1)
            + FfmInteraction.Pairwise(e.Slice(2, 0, _userFields));                         // s_u: (B, 1)
        return Ops.Concat([cross, Ones(batch), scalar], axis: 1);                          // (B, |U|·|I|·D + 2)
    }

    public override string ExportUser(OnnxGraph g, string name)
    {
        string e = g.EmbedFieldAware(_userEmbedding, $"{name}.userEmbedding");                                    // (B, |U|, P, D)
        string cross = g.Flatten(g.Slice(e, axis: 2, _userFields, _itemFields));                                   // (B, |U|·|I|·D)
        string scalar = g.Add(g.ReduceSum(g.Embed(_userWeights, $"{name}.userWeights"), axis: 1),
            g.FfmPairwise(g.Slice(e, axis: 2, 0, _userFields), _userFields));                                      // s_u: (B, 1)
        return g.Concat([cross, g.OnesColumn(e), scalar], axis: 1);                                                // (B, |U|·|I|·D + 2)
    }

    public override string ExportItem(OnnxGraph g, string name)
    {
        string e = g.EmbedFieldAware(_itemEmbedding, $"{name}.itemEmbedding");                                    // (B, |I|, P, D)
        string cross = g.FfmAlignWithPartners(g.Slice(e, axis: 2, 0, _userFields));                                // (B, |U|·|I|·D)
        string scalar = g.Add(g.ReduceSum(g.Embed(_itemWeights, $"{name}.itemWeights"), axis: 1),
            g.FfmPairwise(g.Slice(e, axis: 2, _userFields, _itemFields), _itemFields));                            // s_v: (B, 1)
        return g.Concat([cross, scalar, g.OnesColumn(e)], axis: 1);                                                // (B, |U|·|I|·D + 2)
    }

    public override Tensor ItemVector(CtrBatch batch)
    {
        Tensor e = _itemEmbedding.Forward(batch);                                          // e_{g,f}: (B, |I|, P, D)
        Tensor cross = FfmInteraction.AlignWithPartners(e.Slice(2, 0, _userFields));       // f ∈ U, as (f, g): (B, |U|·|I|·D)
        Tensor scalar = _itemWeights.Forward(batch).Sum(1)
            + FfmInteraction.Pairwise(e.Slice(2, _userFields, _itemFields));               // s_v: (B, 1)
        return Ops.Concat([cross, scalar, Ones(batch)], axis: 1);                          // (B, |U|·|I|·D + 2)
    }
}
