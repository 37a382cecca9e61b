using System.Text.Json;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using TensorOps = MLNetCtr.Tensors.Ops;

namespace MLNetCtr.Tests.Tensors.Ops;

/// <summary>Fused ops against PyTorch 1.13 (float64 reference): outputs and input gradients. Fixture: tools/golden_fused_ops.py.</summary>
public sealed class FusedGoldenTests
{
    private static readonly JsonElement Golden = Fixtures.Load("golden_fused_ops.json");

    public static TheoryData<string> CrossEntropyCases => Fixtures.CaseNames(Golden, "cross_entropy");

    public static TheoryData<string> BceCases => Fixtures.CaseNames(Golden, "bce_with_logits");

    public static TheoryData<string> LogSoftmaxCases => Fixtures.CaseNames(Golden, "log_softmax");

    public static TheoryData<string> SoftmaxCases => Fixtures.CaseNames(Golden, "softmax");

    public static TheoryData<string> LayerNormCases => Fixtures.CaseNames(Golden, "layer_norm");

    public static TheoryData<string> MseCases => Fixtures.CaseNames(Golden, "mse");

    public static TheoryData<string> AttentionCases => Fixtures.CaseNames(Golden, "attention");

    [Theory]
    [MemberData(nameof(CrossEntropyCases))]
    public void CrossEntropy_MatchesTorch(string name)
    {
        JsonElement c = Fixtures.Case(Golden, "cross_entropy", name);
        Tensor logits = c.GetProperty("logits").ToTensor(requiresGrad: true);
        Tensor loss = TensorOps.CrossEntropy(logits, c.GetProperty("targets").Ints(), c.GetProperty("ignore_index").GetInt32(),
            c.GetProperty("class_weights").FloatsOrNull());
        loss.Backward();
        Fixtures.AssertClose(c.GetProperty("loss").GetDouble(), loss.Item(), "loss");
        Fixtures.AssertClose(c.GetProperty("grad_logits").Data(), logits.Grad, "grad logits");
    }

    [Theory]
    [MemberData(nameof(BceCases))]
    public void BceWithLogits_MatchesTorch(string name)
    {
        JsonElement c = Fixtures.Case(Golden, "bce_with_logits", name);
        Tensor logits = c.GetProperty("logits").ToTensor(requiresGrad: true), labels = c.GetProperty("labels").ToTensor(requiresGrad: true);
        Tensor loss = TensorOps.BceWithLogits(logits, labels, c.GetProperty("weights").FloatsOrNull());
        loss.Backward();
        Fixtures.AssertClose(c.GetProperty("loss").GetDouble(), loss.Item(), "loss");
        Fixtures.AssertClose(c.GetProperty("grad_logits").Data(), logits.Grad, "grad logits");
        Fixtures.AssertClose(c.GetProperty("grad_labels").Data(), labels.Grad, "grad labels");
    }

    [Theory]
    [MemberData(nameof(LogSoftmaxCases))]
    public void LogSoftmax_MatchesTorch(string name) => CheckRowOp(Fixtures.Case(Golden, "log_softmax", name), TensorOps.LogSoftmax);

    [Theory]
    [MemberData(nameof(SoftmaxCases))]
    public void Softmax_MatchesTorch(string name) => CheckRowOp(Fixtures.Case(Golden, "softmax", name), TensorOps.Softmax);

    [Theory]
    [MemberData(nameof(LayerNormCases))]
    public void LayerNorm_MatchesTorch(string name)
    {
        JsonElement c = Fixtures.Case(Golden, "layer_norm", name);
        Tensor x = c.GetProperty("x").ToTensor(requiresGrad: true);
        Tensor? gamma = c.GetProperty("gamma").ToTensorOrNull(requiresGrad: true), beta = c.GetProperty("beta").ToTensorOrNull(requiresGrad: true);
        Tensor y = TensorOps.LayerNorm(x, gamma, beta, c.GetProperty("eps").GetSingle());
        y.BackwardFrom(c.GetProperty("upstream").Data());
        Fixtures.AssertClose(c.GetProperty("y").Data(), y.Data, "y");
        Fixtures.AssertClose(c.GetProperty("grad_x").Data(), x.Grad, "grad x");
        if (gamma is not null && beta is not null)
        {
            Fixtures.AssertClose(c.GetProperty("grad_gamma").Data(), gamma.Grad, "grad gamma");
            Fixtures.AssertClose(c.GetProperty("grad_beta").Data(), beta.Grad, "grad beta");
        }
    }

    [Theory]
    [MemberData(nameof(MseCases))]
    public void Mse_MatchesTorch(string name)
    {
        JsonElement c = Fixtures.Case(Golden, "mse", name);
        Tensor prediction = c.GetProperty("prediction").ToTensor(requiresGrad: true), target = c.GetProperty("target").ToTensor(requiresGrad: true);
        Tensor loss = TensorOps.Mse(prediction, target);
        loss.Backward();
        Fixtures.AssertClose(c.GetProperty("loss").GetDouble(), loss.Item(), "loss");
        Fixtures.AssertClose(c.GetProperty("grad_prediction").Data(), prediction.Grad, "grad prediction");
        Fixtures.AssertClose(c.GetProperty("grad_target").Data(), target.Grad, "grad target");
    }

    [Theory]
    [MemberData(nameof(AttentionCases))]
    public void ScaledDotProductAttention_MatchesTorch(string name)
    {
        JsonElement c = Fixtures.Case(Golden, "attention", name);
        Tensor q = c.GetProperty("query").ToTensor(requiresGrad: true), k = c.GetProperty("key").ToTensor(requiresGrad: true), v = c.GetProperty("value").ToTensor(requiresGrad: true);
        Tensor output = TensorOps.ScaledDotProductAttention(q, k, v, c.GetProperty("key_padding_mask").BoolsOrNull(), c.GetProperty("causal").GetBoolean());
        output.BackwardFrom(c.GetProperty("upstream").Data());
        Assert.Equal(c.GetProperty("output").Shape(), output.Shape.ToArray());
        Fixtures.AssertClose(c.GetProperty("output").Data(), output.Data, "output");
        Fixtures.AssertClose(c.GetProperty("grad_query").Data(), q.Grad, "grad query");
        Fixtures.AssertClose(c.GetProperty("grad_key").Data(), k.Grad, "grad key");
        Fixtures.AssertClose(c.GetProperty("grad_value").Data(), v.Grad, "grad value");
    }

    private static void CheckRowOp(JsonElement c, Func<Tensor, Tensor> op)
    {
        Tensor x = c.GetProperty("x").ToTensor(requiresGrad: true);
        Tensor y = op(x);
        y.BackwardFrom(c.GetProperty("upstream").Data());
        Fixtures.AssertClose(c.GetProperty("y").Data(), y.Data, "y");
        Fixtures.AssertClose(c.GetProperty("grad_x").Data(), x.Grad, "grad x");
    }
}
