using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.TwoTower;

/// <summary>
/// One tower of the DCN-V2 branch (Wang et al., 2021): the side's concatenated field embeddings x_0 go through a cross
/// network <c>x_{l+1} = x_0 ⊙ (W x_l + b) + x_l</c> and an MLP (stacked or in parallel), then a linear layer to the
/// tower width: <c>(B, out)</c>.
/// </summary>
internal sealed class DcnTowerSide : TowerSide
{
    private readonly FeatureEmbedding _embedding;   // (B, F, D)
    private readonly DeepCrossNetwork _network;     // (B, F·D) → (B, H')
    private readonly Linear _output;                // (B, H') → (B, out)

    public DcnTowerSide(DataEncoder encoder, Func<ColumnSchema, bool> include, ParallelTwoTowerOptions o, Random random)
    {
        _embedding = Register("embedding", new FeatureEmbedding(encoder, o.DcnEmbeddingDimension, random, include, o.DeepEmbeddingInitFor(o.DcnEmbeddingDimension)));
        _network = Register("network", new DeepCrossNetwork(_embedding.Fields.Count * o.DcnEmbeddingDimension, o.DcnStructure,
            o.DcnCrossLayers, o.DcnHiddenSizes, random, o.DcnCrossRank, o.DcnLowRank, o.Activation, o.Dropout, o.BatchNorm));
        _output = Register("output", new Linear(_network.OutFeatures, o.DcnOutputDimension, random));
    }

    public override int Width => _output.OutFeatures;

    public override string Export(OnnxGraph g, string name)
    {
        string x0 = g.Flatten(g.Embed(_embedding, $"{name}.embedding"));                                       // (B, F·D)
        return g.Linear(_output, g.DeepCross(_network, x0, $"{name}.network"), $"{name}.output");              // (B, out)
    }

    public override Tensor Forward(CtrBatch batch)
    {
        Tensor x0 = _embedding.Forward(batch).Flatten(1);   // (B, F·D)
        return _output.Forward(_network.Forward(x0));       // (B, H') → (B, out)
    }
}
