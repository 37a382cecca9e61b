using System.Text.Json;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

/// <summary>
/// Layers against PyTorch 1.13 (tools/golden_layers.py): torch's parameters are loaded by name into our layers, then
/// outputs and the gradients of <c>sum(y · r)</c> are compared with torch's.
/// </summary>
public sealed class LayerGoldenTests
{
    private static readonly JsonElement Cases = Fixtures.Load("golden_layers.json").GetProperty("cases");

    [Fact]
    public void LayerNorm_MatchesTorch()
    {
        JsonElement c = Cases.GetProperty("layer_norm");
        var norm = new LayerNorm(5);
        c.GetProperty("weight").Data().CopyTo(norm.Weight!.Data, 0);
        c.GetProperty("bias").Data().CopyTo(norm.Bias!.Data, 0);
        Tensor x = c.GetProperty("x").ToTensor(requiresGrad: true);

        Tensor y = RunAndBackward(c, norm.Forward(x));

        Fixtures.AssertClose(c.GetProperty("grad_x").Data(), x.Grad, "grad x");
        Fixtures.AssertClose(c.GetProperty("grad_weight").Data(), norm.Weight.Grad, "grad weight");
        Fixtures.AssertClose(c.GetProperty("grad_bias").Data(), norm.Bias.Grad, "grad bias");
        Assert.Equal([2, 3, 5], y.Shape.ToArray());
    }

    [Theory]
    [InlineData("mha_self")]
    [InlineData("mha_cross")]
    public void MultiHeadAttention_WithKeyPaddingMask_MatchesTorch(string name)
    {
        JsonElement c = Cases.GetProperty(name);
        bool cross = c.TryGetProperty("memory", out JsonElement memoryJson);
        var attention = Load(new MultiHeadAttention(8, c.GetProperty("heads").GetInt32(), new Random(0)), c);
        Tensor query = c.GetProperty("query").ToTensor(requiresGrad: true);
        Tensor memory = cross ? memoryJson.ToTensor(requiresGrad: true) : query;

        RunAndBackward(c, attention.Forward(query, memory, Mask(c)));

        Fixtures.AssertClose(c.GetProperty("grad_query").Data(), query.Grad, "grad query");
        if (cross)
        {
            Fixtures.AssertClose(c.GetProperty("grad_memory").Data(), memory.Grad, "grad memory");
        }
        Fixtures.AssertByName(attention.NamedParameters(), c.GetProperty("grads"), t => t.Grad, "grad");
    }

    [Fact]
    public void MultiHeadAttention_Causal_MatchesTorchAttentionMask()
    {
        JsonElement c = Cases.GetProperty("mha_self_causal");
        var attention = Load(new MultiHeadAttention(8, c.GetProperty("heads").GetInt32(), new Random(0)), c);
        Tensor query = c.GetProperty("query").ToTensor(requiresGrad: true);

        RunAndBackward(c, attention.Forward(query, query, causal: true));

        Fixtures.AssertClose(c.GetProperty("grad_query").Data(), query.Grad, "grad query");
    }

    [Theory]
    [InlineData("encoder_post_ln", NormPosition.Post)]
    [InlineData("encoder_pre_ln", NormPosition.Pre)]
    public void TransformerEncoderLayer_MatchesTorch(string name, NormPosition norm)
    {
        JsonElement c = Cases.GetProperty(name);
        Assert.Equal(norm == NormPosition.Pre, c.GetProperty("norm_first").GetBoolean());
        var layer = Load(new TransformerEncoderLayer(8, c.GetProperty("heads").GetInt32(), c.GetProperty("feedforward").GetInt32(), new Random(0), norm: norm), c);
        Tensor x = c.GetProperty("x").ToTensor(requiresGrad: true);

        RunAndBackward(c, layer.Forward(x, Mask(c)));

        Fixtures.AssertClose(c.GetProperty("grad_x").Data(), x.Grad, "grad x");
    }

    [Theory]
    [InlineData("batch_norm_train_2d")]
    [InlineData("batch_norm_train_3d")]
    [InlineData("batch_norm_eval")]
    public void BatchNorm1d_MatchesTorch(string name)
    {
        JsonElement c = Cases.GetProperty(name);
        Tensor x = c.GetProperty("x").ToTensor(requiresGrad: true);
        var norm = Load(new BatchNorm1d(x.Dim(1)), c);
        Fixtures.LoadByName(norm.NamedBuffers(), c.GetProperty("buffers_before"));
        norm.Train(c.GetProperty("training").GetBoolean());

        RunAndBackward(c, norm.Forward(x));

        Fixtures.AssertClose(c.GetProperty("grad_x").Data(), x.Grad, "grad x");
        Fixtures.AssertByName(norm.NamedParameters(), c.GetProperty("grads"), t => t.Grad, "grad");
        Fixtures.AssertByName(norm.NamedBuffers(), c.GetProperty("buffers_after"), t => t.Data, "buffer");
    }

    [Fact]
    public void Mlp_WithBatchNormAndGelu_MatchesTorchSequential()
    {
        JsonElement c = Cases.GetProperty("mlp_batch_norm_gelu");
        var mlp = Load(new Mlp(5, [8, 6], new Random(0), Activation.Gelu, batchNorm: true, outputSize: 3), c);
        Tensor x = c.GetProperty("x").ToTensor(requiresGrad: true);

        RunAndBackward(c, mlp.Forward(x));

        Fixtures.AssertClose(c.GetProperty("grad_x").Data(), x.Grad, "grad x");
        Fixtures.AssertByName(mlp.NamedParameters(), c.GetProperty("grads"), t => t.Grad, "grad");
        Fixtures.AssertByName(mlp.NamedBuffers(), c.GetProperty("buffers_after"), t => t.Data, "buffer");
    }

    private static TModule Load<TModule>(TModule module, JsonElement c)
        where TModule : Module
    {
        Fixtures.LoadByName(module.NamedParameters(), c.GetProperty("params"));
        return module;
    }

    /// <summary>Compares y with torch's, then back-propagates the stored r (L = Σ y · r).</summary>
    private static Tensor RunAndBackward(JsonElement c, Tensor y)
    {
        Assert.Equal(c.GetProperty("y").Shape(), y.Shape.ToArray());
        Fixtures.AssertClose(c.GetProperty("y").Data(), y.Data, "y");
        y.BackwardFrom(c.GetProperty("r").Data());
        return y;
    }

    private static bool[] Mask(JsonElement c) =>
        [.. c.GetProperty("key_padding_mask").EnumerateArray().SelectMany(row => row.EnumerateArray().Select(v => v.GetBoolean()))];
}
