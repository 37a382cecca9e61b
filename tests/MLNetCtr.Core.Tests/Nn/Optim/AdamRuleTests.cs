using MLNetCtr.Nn.Optim;

namespace MLNetCtr.Tests.Nn.Optim;

public sealed class AdamRuleTests
{
    [Theory]
    [InlineData(37, 0f)]
    [InlineData(1_000, 0.01f)]
    [InlineData(100_003, 0f)]     // long enough to be split across cores
    public void Step_RandomState_EqualsReferenceBitForBit(int length, float weightDecay)
    {
        var random = new Random(length);
        float[] Values(float scale) => [.. Enumerable.Range(0, length).Select(_ => (random.NextSingle() - 0.5f) * scale)];
        float[] theta = Values(2f), grad = Values(1f), m = Values(0.1f), v = [.. Values(0.1f).Select(MathF.Abs)];
        (float[] theta2, float[] m2, float[] v2) = ((float[])theta.Clone(), (float[])m.Clone(), (float[])v.Clone());
        var coefficients = new AdamRule.Coefficients(step: 7, learningRate: 1e-3f, beta1: 0.9f, beta2: 0.999f);

        AdamRule.Step(theta, grad, m, v, 0.9f, 0.999f, 1e-8f, weightDecay, coefficients);
        AdamRule.StepReference(theta2, grad, m2, v2, 0.9f, 0.999f, 1e-8f, weightDecay, coefficients);

        Assert.Equal(theta2, theta);
        Assert.Equal(m2, m);
        Assert.Equal(v2, v);
    }
}
