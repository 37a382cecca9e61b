using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.TwoTower;

/// <summary>
/// The DCN-V2 branch (Wang et al., 2021): each side's concatenated field embeddings x_0 go through a cross network
/// <c>x_{l+1} = x_0 ⊙ (W x_l + b) + x_l</c> and an MLP (stacked or in parallel), then a linear layer to the tower width:
/// u and v are <c>(B, out)</c>.
/// </summary>
internal sealed class DcnTowerBranch : TowerBranch
{
    private readonly Side _user;   // user + context fields → (B, out)
    private readonly Side _item;   // item fields → (B, out)

    public DcnTowerBranch(DataEncoder encoder, ParallelTwoTowerOptions options, Random random)
    {
        _user = Register("user", new Side(encoder, IsUserSide, options, random));
        _item = Register("item", new Side(encoder, IsItemSide, options, random));
    }

    public override int Width => _user.Width;

    public override Tensor UserVector(CtrBatch batch) => _user.Forward(batch);

    public override Tensor ItemVector(CtrBatch batch) => _item.Forward(batch);

    public override string ExportUser(OnnxGraph g, string name) => _user.Export(g, $"{name}.user");

    public override string ExportItem(OnnxGraph g, string name) => _item.Export(g, $"{name}.item");

    /// <summary>One tower: embeddings → flatten → cross + deep → linear.</summary>
    private sealed class Side : Module
    {
        private readonly FeatureEmbedding _embedding;   // (B, F, D)
        private readonly DeepCrossNetwork _network;     // (B, F·D) → (B, H')
        private readonly Linear _output;                // (B, H') → (B, out)

        public Side(DataEncoder encoder, Func<ColumnSchema, bool> include, ParallelTwoTowerOptions o, Random random)
        {
            _embedding = Register("embedding", new FeatureEmbedding(encoder, o.DcnEmbeddingDimension, random, include));
            _network = Register("network", new DeepCrossNetwork(_embedding.Fields.Count * o.DcnEmbeddingDimension, o.DcnStructure,
                o.DcnCrossLayers, o.DcnHiddenSizes, random, o.DcnCrossRank, o.DcnLowRank, o.Activation, o.Dropout, o.BatchNorm));
            _output = Register("output", new Linear(_network.OutFeatures, o.DcnOutputDimension, random));
        }

        public int Width => _output.OutFeatures;

        public string Export(OnnxGraph g, string name)
        {
            string x0 = g.Flatten(g.Embed(_embedding, $"{name}.embedding"));                                       // (B, F·D)
            return g.Linear(_output, g.DeepCross(_network, x0, $"{name}.network"), $"{name}.output");              // (B, out)
        }

        public Tensor Forward(CtrBatch batch)
        {
            Tensor x0 = _embedding.Forward(batch).Flatten(1);   // (B, F·D)
            return _output.Forward(_network.Forward(x0));       // (B, H') → (B, out)
        }
    }
}
