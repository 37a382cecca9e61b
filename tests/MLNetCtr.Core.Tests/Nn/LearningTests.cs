using MLNetCtr.Nn;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn;

using Ops = MLNetCtr.Tensors.Ops;

/// <summary>End-to-end proofs that the layers, autograd and optimizers learn small tasks (seeded, a few seconds each).</summary>
public sealed class LearningTests
{
    [Fact]
    public void Mlp_Xor_ReachesFullAccuracy()
    {
        Tensor x = Tensor.From([0, 0, 0, 1, 1, 0, 1, 1], 4, 2);
        Tensor labels = Tensor.From([0, 1, 1, 0], 4, 1);
        var mlp = new Mlp(2, [16], new Random(0), outputSize: 1);
        var adam = new Adam(mlp.Parameters(), new AdamOptions { LearningRate = 0.03f });
        var losses = new List<float>();

        for (int step = 0; step < 300; step++)
        {
            adam.ZeroGrad();
            Tensor loss = Ops.BceWithLogits(mlp.Forward(x), labels);   // (1,)
            loss.Backward();
            adam.Step();
            losses.Add(loss.Item());
        }

        mlp.Eval();
        float[] logits = mlp.Forward(x).Data;
        Assert.Equal([false, true, true, false], logits.Select(z => z > 0f));
        Assert.True(losses[^1] < 0.01f, $"final loss {losses[^1]}");
        LossCurve.AssertFallsSteadily(losses, maxFinalRatio: 0.01);
    }

    [Fact]
    public void Transformer_CopyTask_LearnsToCopyRandomTokens()
    {
        const int vocabulary = 10, length = 8, batch = 32;
        var random = new Random(1);
        var model = new CopyModel(vocabulary, length, random);
        var adam = new Adam(model.Parameters(), new AdamOptions { LearningRate = 3e-3f });
        var losses = new List<float>();

        for (int step = 0; step < 150; step++)
        {
            int[] tokens = RandomTokens(batch * length, vocabulary, random);
            adam.ZeroGrad();
            Tensor loss = Ops.CrossEntropy(model.Forward(tokens, batch).Reshape(batch * length, vocabulary), tokens);
            loss.Backward();
            adam.Step();
            losses.Add(loss.Item());
        }

        model.Eval();
        int[] test = RandomTokens(64 * length, vocabulary, new Random(99));
        float[] logits = model.Forward(test, 64).Data;   // (64, L, V)
        int correct = Enumerable.Range(0, test.Length).Count(p => ArgMax(logits.AsSpan(p * vocabulary, vocabulary)) == test[p]);
        Assert.True(correct > 0.95 * test.Length, $"token accuracy {correct}/{test.Length}");
        LossCurve.AssertFallsSteadily(losses, maxFinalRatio: 0.02);
    }

    /// <summary>Token + learned position embeddings → 2 post-norm encoder layers → Linear head over the vocabulary.</summary>
    private sealed class CopyModel : Module
    {
        private readonly Embedding _tokens;
        private readonly Embedding _positions;
        private readonly TransformerEncoder _encoder;
        private readonly Linear _head;
        private readonly int[] _positionIds;

        public CopyModel(int vocabulary, int length, Random random)
        {
            const int d = 32;
            _tokens = Register("tokens", new Embedding(vocabulary, d, random));
            _positions = Register("positions", new Embedding(length, d, random));
            _encoder = Register("encoder", new TransformerEncoder(2, d, heads: 4, feedForward: 64, random));
            _head = Register("head", new Linear(d, vocabulary, random));
            _positionIds = [.. Enumerable.Range(0, length)];
        }

        public Tensor Forward(int[] tokens, int batch)
        {
            int length = _positionIds.Length;
            Tensor x = _tokens.Forward(tokens, [batch, length]) + _positions.Forward(_positionIds, [1, length]);   // (B, L, D)
            return _head.Forward(_encoder.Forward(x));                                                               // (B, L, V)
        }
    }

    private static int[] RandomTokens(int count, int vocabulary, Random random) => [.. Enumerable.Range(0, count).Select(_ => random.Next(vocabulary))];

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }
}
