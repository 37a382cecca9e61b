using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.TwoTower;

/// <summary>
/// One tower of the MLP branch (DSSM, Huang et al., 2013): the side's field embeddings, concatenated, go through an MLP
/// whose last layer is linear: <c>u = MLP_u([e_f]_{f∈U})</c>, <c>v = MLP_v([e_g]_{g∈I})</c>, both <c>(B, out)</c>.
/// </summary>
internal sealed class MlpTowerSide : TowerSide
{
    private readonly FeatureEmbedding _embedding;   // (B, F, D)
    private readonly Mlp _network;                  // (B, F·D) → (B, out)

    public MlpTowerSide(DataEncoder encoder, Func<ColumnSchema, bool> include, ParallelTwoTowerOptions o, Random random)
    {
        _embedding = Register("embedding", new FeatureEmbedding(encoder, o.MlpEmbeddingDimension, random, include, o.DeepEmbeddingInitFor(o.MlpEmbeddingDimension)));
        _network = Register("network", new Mlp(_embedding.Fields.Count * o.MlpEmbeddingDimension, o.MlpHiddenSizes, random,
            o.Activation, o.Dropout, o.BatchNorm, o.MlpOutputDimension));
    }

    public override int Width => _network.OutFeatures;

    public override string Export(OnnxGraph g, string name) =>
        g.Mlp(_network, g.Flatten(g.Embed(_embedding, $"{name}.embedding")), $"{name}.network");   // (B, F·D) → (B, out)

    public override Tensor Forward(CtrBatch batch) =>
        _network.Forward(_embedding.Forward(batch).Flatten(1));   // (B, F, D) → (B, F·D) → (B, out)
}
