using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class MultiHeadAttentionTests
{
    [Fact]
    public void Constructor_ChildrenNamesAndTorchInit()
    {
        var attention = new MultiHeadAttention(16, 4, new Random(0));

        Assert.Equal(["query", "key", "value", "output"], attention.NamedChildren().Select(c => c.Name));
        Assert.Equal(8, attention.Parameters().Count);
        float bound = MathF.Sqrt(6f / 64f);   // Xavier over the stacked (3E, E) in-projection
        Assert.All(attention.Query.Weight.Data.Concat(attention.Value.Weight.Data), v => Assert.InRange(v, -bound, bound));
        Assert.Contains(attention.Key.Weight.Data, v => Math.Abs(v) > 0.25f);   // wider than the output's U(±1/4)
        Assert.All(attention.Output.Weight.Data, v => Assert.InRange(v, -0.25f, 0.25f));
        Assert.All(attention.Output.Bias!.Data.Concat(attention.Query.Bias!.Data), v => Assert.Equal(0f, v));
        Assert.Equal(4, attention.HeadDim);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Forward_SelfAttention_GradCheck(bool padding, bool causal)
    {
        MultiHeadAttention attention = Randomized(bias: true);
        bool[]? mask = padding ? [false, false, false, false, false, true] : null;   // (B = 2, L = 3): the last key of row 1 is padded
        GradCheck.Check(t => attention.Forward(t[0], t[0], mask, causal), [GradCheck.Input([2, 3, 4], seed: 3, name: "x"), .. attention.Parameters()]);
    }

    [Fact]
    public void Forward_CrossAttentionWithoutBias_GradCheck()
    {
        MultiHeadAttention attention = Randomized(bias: false);
        Assert.Equal(4, attention.Parameters().Count);
        bool[] mask = [false, true, false, false, false, false, true, true];   // (B = 2, Lk = 4)
        GradCheck.Check(t => attention.Forward(t[0], t[1], mask),
            [GradCheck.Input([2, 2, 4], seed: 4, name: "q"), GradCheck.Input([2, 4, 4], seed: 5, name: "kv"), .. attention.Parameters()]);
    }

    [Fact]
    public void ProjectKeyValueThenAttend_EqualsForward()
    {
        MultiHeadAttention attention = Randomized(bias: true);
        Tensor query = GradCheck.Input([2, 3, 4], seed: 6), memory = GradCheck.Input([2, 5, 4], seed: 7);

        (Tensor keys, Tensor values) = attention.ProjectKeyValue(memory);

        Assert.Equal([2, 2, 5, 2], keys.Shape.ToArray());
        Assert.Equal([2, 2, 5, 2], values.Shape.ToArray());
        Assert.Equal(attention.Forward(query, memory).Data, attention.Attend(query, keys, values).Data);
    }

    [Fact]
    public void Forward_TrainingWithDropout_ComposedPathMatchesFusedAttention()
    {
        // p so small that no element is dropped: the composed path must then reproduce the fused one, gradients included.
        var attention = new MultiHeadAttention(4, 2, new Random(8), dropout: 1e-7f);
        Tensor query = GradCheck.Input([2, 3, 4], seed: 9, name: "q"), memory = GradCheck.Input([2, 4, 4], seed: 10, name: "kv");
        bool[] mask = [false, false, false, false, true, true, true, true];   // the second row has no key at all: zeros

        (float[] output, float[][] grads) Run(bool training)
        {
            attention.Train(training);
            foreach (Tensor t in (Tensor[])[query, memory, .. attention.Parameters()])
            {
                t.ZeroGrad();
            }
            Tensor y = attention.Forward(query, memory, mask, causal: true);
            y.BackwardFrom(GradCheck.Input(y.Shape.ToArray(), seed: 11).Data);
            return (y.Data, [.. ((Tensor[])[query, memory, .. attention.Parameters()]).Select(t => (float[])t.Grad!.Clone())]);
        }

        (float[] composed, float[][] composedGrads) = Run(training: true);
        (float[] fused, float[][] fusedGrads) = Run(training: false);

        Fixtures.AssertClose(fused, composed, "output");
        for (int i = 0; i < fusedGrads.Length; i++)
        {
            Fixtures.AssertClose(fusedGrads[i], composedGrads[i], $"grad {i}");
        }
        Assert.Equal(attention.Output.Bias!.Data, composed[12..16]);   // batch 1, query 0: no visible key
    }

    [Fact]
    public void Forward_TrainingWithDropout_GradCheckAndEvalIsDeterministic()
    {
        var attention = new MultiHeadAttention(4, 2, new Random(12), dropout: 0.3f);
        Tensor x = GradCheck.Input([1, 5, 4], seed: 13, name: "x");
        Tensor first = attention.Forward(x, x), second = attention.Forward(x, x);
        Assert.NotEqual(first.Data, second.Data);   // fresh masks

        attention.Eval();
        Assert.Equal(attention.Forward(x, x).Data, attention.Forward(x, x).Data);
        GradCheck.Check(t => attention.Forward(t[0], t[0]), [x, .. attention.Parameters()]);
    }

    [Fact]
    public void Constructor_HeadsDoNotDivideWidth_ThrowsNamingBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => new MultiHeadAttention(10, 4, new Random(0)));
        Assert.Contains("10", e.Message);
        Assert.Contains("4", e.Message);
    }

    [Fact]
    public void Forward_WrongWidth_ThrowsNamingShape() =>
        Assert.Contains("(2, 3, 5)", Assert.Throws<ArgumentException>(() => Randomized(true).Forward(Tensor.Zeros(2, 3, 5), Tensor.Zeros(2, 3, 4))).Message);

    /// <summary>E = 4, H = 2, with non-zero random biases so that the gradient check sees them.</summary>
    private static MultiHeadAttention Randomized(bool bias)
    {
        var attention = new MultiHeadAttention(4, 2, new Random(2), bias: bias);
        var random = new Random(3);
        foreach ((string name, Tensor p) in attention.NamedParameters().Where(p => p.Name.EndsWith("bias", StringComparison.Ordinal)))
        {
            Init.Normal(p, 0.3f, random);
        }
        return attention;
    }
}
