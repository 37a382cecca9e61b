using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.TwoTower;

/// <summary>
/// The MLP branch (DSSM, Huang et al., 2013): each side's field embeddings, concatenated, go through an MLP whose last
/// layer is linear: <c>u = MLP_u([e_f]_{f∈U})</c>, <c>v = MLP_v([e_g]_{g∈I})</c>, both <c>(B, out)</c>.
/// </summary>
internal sealed class MlpTowerBranch : TowerBranch
{
    private readonly Side _user;   // user + context fields → (B, out)
    private readonly Side _item;   // item fields → (B, out)

    public MlpTowerBranch(DataEncoder encoder, ParallelTwoTowerOptions options, Random random)
    {
        _user = Register("user", new Side(encoder, IsUserSide, options, random));
        _item = Register("item", new Side(encoder, IsItemSide, options, random));
    }

    public override int Width => _user.Width;

    public override Tensor UserVector(CtrBatch batch) => _user.Forward(batch);

    public override Tensor ItemVector(CtrBatch batch) => _item.Forward(batch);

    public override string ExportUser(OnnxGraph g, string name) => _user.Export(g, $"{name}.user");

    public override string ExportItem(OnnxGraph g, string name) => _item.Export(g, $"{name}.item");

    /// <summary>One tower: embeddings → flatten → MLP.</summary>
    private sealed class Side : Module
    {
        private readonly FeatureEmbedding _embedding;   // (B, F, D)
        private readonly Mlp _network;                  // (B, F·D) → (B, out)

        public Side(DataEncoder encoder, Func<ColumnSchema, bool> include, ParallelTwoTowerOptions o, Random random)
        {
            _embedding = Register("embedding", new FeatureEmbedding(encoder, o.MlpEmbeddingDimension, random, include));
            _network = Register("network", new Mlp(_embedding.Fields.Count * o.MlpEmbeddingDimension, o.MlpHiddenSizes, random,
                o.Activation, o.Dropout, o.BatchNorm, o.MlpOutputDimension));
        }

        public int Width => _network.OutFeatures;

        public string Export(OnnxGraph g, string name) =>
            g.Mlp(_network, g.Flatten(g.Embed(_embedding, $"{name}.embedding")), $"{name}.network");   // (B, F·D) → (B, out)

        public Tensor Forward(CtrBatch batch) =>
            _network.Forward(_embedding.Forward(batch).Flatten(1));   // (B, F, D) → (B, F·D) → (B, out)
    }
}
