using MLNetCtr.Nn;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn;

/// <summary>DESIGN.md §3: after warm-up, a fixed-shape training step allocates nothing in proportion to the data.</summary>
[Collection(SerialCollection.Name)]
public sealed class TrainingStepAllocationTests
{
    private sealed class TinyMlp : Module
    {
        private readonly Linear _hidden;
        private readonly Linear _output;

        public TinyMlp(Random random)
        {
            _hidden = Register("hidden", new Linear(32, 64, random));
            _output = Register("output", new Linear(64, 1, random));
        }

        public Tensor Forward(Tensor x) => _output.Forward(Ops.Relu(_hidden.Forward(x)));
    }

    [Fact]
    public void TrainingStep_AfterWarmUp_AllocatesIndependentlyOfBatchSize()
    {
        // Both sizes run the parallel kernels, whose bookkeeping (Parallel.For) costs a constant few KB per call.
        long small = BytesPerStep(batch: 2048);
        long large = BytesPerStep(batch: 16384);   // 8× the data: one leaked activation alone would be 4 MB

        Assert.True(large < 256 * 1024, $"a step at batch 16384 allocated {large} bytes");
        Assert.True(large < small + 32 * 1024, $"allocations grew with the batch: {small} bytes at 2048 rows, {large} at 16384");
    }

    private static long BytesPerStep(int batch)
    {
        var random = new Random(1);
        var model = new TinyMlp(random);
        var optimizer = new Adam(model.Parameters());
        var pool = new BufferPool();
        Tensor x = Tensor.From(Enumerable.Range(0, batch * 32).Select(_ => (float)random.NextDouble()).ToArray(), batch, 32);
        Tensor y = Tensor.From(Enumerable.Range(0, batch).Select(i => (float)(i % 2)).ToArray(), batch, 1);

        void Step()
        {
            using TensorScope scope = TensorScope.Begin(pool);
            Tensor loss = Ops.BceWithLogits(model.Forward(x), y);
            loss.Backward();
            optimizer.Step();
            optimizer.ZeroGrad();
        }

        for (int i = 0; i < 60; i++)   // past tiered JIT recompilation, which allocates too
        {
            Step();
        }
        const int steps = 20;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < steps; i++)
        {
            Step();
        }
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / steps;
    }
}
