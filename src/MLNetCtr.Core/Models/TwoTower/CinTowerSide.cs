using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.TwoTower;

/// <summary>
/// One tower of the CIN branch (xDeepFM, Lian et al., 2018). The side runs a CIN over its own field embeddings, giving
/// feature maps X (M = ΣH_k maps of D values).
/// <list type="bullet">
/// <item>CIN1: each side's sum-pooled maps <c>p = Σ_d X[:, d]</c>, multiplied element-wise with the other side's.</item>
/// <item>CIN2: a CIN layer between the two sides' maps, sum-pooled and combined linearly, is
/// <c>Σ_{i,j} W[i,j] ⟨X_u[i], X_v[j]⟩</c>; with <c>W = Pᵀ Q</c> of rank r it is the inner product of
/// <c>vec(P X_u)</c> and <c>vec(Q X_v)</c>, each side projecting its M maps to r.</item>
/// </list>
/// <c>u = [p_u, vec(P X_u)]</c>, <c>v = [p_v, vec(Q X_v)]</c>: width M + r·D.
/// </summary>
internal sealed class CinTowerSide : TowerSide
{
    private readonly FeatureEmbedding _embedding;   // (B, F, D)
    private readonly Cin _cin;                      // (B, F, D) → (B, D, M)
    private readonly Linear _projection;            // P: (B, D, M) → (B, D, r)

    public CinTowerSide(DataEncoder encoder, Func<ColumnSchema, bool> include, ParallelTwoTowerOptions o, Random random)
    {
        // CIN maps are polynomials of degree ≥ 2 in the embeddings and u ⊙ v multiplies two of them: from the usual
        // 0.01 start their gradients fall below Adam's ε and the branch never moves: start at unit-norm embeddings (σ = 1/√D).
        _embedding = Register("embedding", new FeatureEmbedding(encoder, o.CinEmbeddingDimension, random, include,
            initStandardDeviation: 1f / MathF.Sqrt(o.CinEmbeddingDimension)));
        _cin = Register("cin", new Cin(_embedding.Fields.Count, o.CinLayerSizes, random));
        _projection = Register("projection", new Linear(_cin.OutFeatures, o.CinCrossMaps, random, bias: false));
    }

    public override int Width => _cin.OutFeatures + _projection.OutFeatures * _embedding.Dimension;

    public override string Export(OnnxGraph g, string name)
    {
        string maps = g.CinMapsByDimension(_cin, g.Embed(_embedding, $"{name}.embedding"), _embedding.Dimension, $"{name}.cin");   // (B, D, M)
        string projected = g.Flatten(g.LinearLastAxis(_projection, maps, $"{name}.projection"));                                   // (B, D·r)
        return g.Concat([g.ReduceSum(maps, axis: 1), projected], axis: 1);                                                        // (B, M + D·r)
    }

    public override Tensor Forward(CtrBatch batch)
    {
        Tensor maps = _cin.MapsByDimension(_embedding.Forward(batch));   // (B, D, M)
        Tensor pooled = maps.Sum(1);                                     // CIN1: (B, M)
        Tensor projected = _projection.Forward(maps).Flatten(1);         // CIN2: (B, D, r) → (B, D·r)
        return Ops.Concat([pooled, projected], axis: 1);                 // (B, M + D·r)
    }
}
