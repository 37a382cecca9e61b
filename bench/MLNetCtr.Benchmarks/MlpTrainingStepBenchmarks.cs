using BenchmarkDotNet.Attributes;
using MLNetCtr.Nn;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;

namespace MLNetCtr.Benchmarks;

/// <summary>
/// One training step (forward, backward, Adam update) of a 3-layer MLP [512, 256, 128] → 1 on a batch of 1,024 rows
/// of 512 inputs, with BCE-with-logits; buffers pooled as in the training loop. Compare with the same step in PyTorch
/// (<c>bench/pytorch/mlp_step.py</c>).
/// </summary>
public class MlpTrainingStepBenchmarks
{
    private const int Batch = 1024;
    private const int Inputs = 512;

    private readonly BufferPool _pool = new();
    private Linear[] _layers = [];
    private Adam _optimizer = null!;
    private Tensor _x = null!, _y = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(0);
        int[] sizes = [Inputs, 512, 256, 128, 1];
        _layers = Enumerable.Range(0, sizes.Length - 1).Select(i => new Linear(sizes[i], sizes[i + 1], random)).ToArray();
        _optimizer = new Adam(_layers.SelectMany(l => l.Parameters()));
        _x = Tensor.From(Enumerable.Range(0, Batch * Inputs).Select(_ => random.NextSingle() - 0.5f).ToArray(), Batch, Inputs);
        _y = Tensor.From(Enumerable.Range(0, Batch).Select(i => (float)(i % 2)).ToArray(), Batch, 1);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float TrainingStep()
    {
        using TensorScope scope = TensorScope.Begin(_pool);
        Tensor h = _x;
        for (int i = 0; i < _layers.Length; i++)
        {
            h = _layers[i].Forward(h);
            h = i < _layers.Length - 1 ? Ops.Relu(h) : h;
        }
        Tensor loss = Ops.BceWithLogits(h, _y);
        loss.Backward();
        _optimizer.Step();
        _optimizer.ZeroGrad();
        return loss.Item();
    }
}
