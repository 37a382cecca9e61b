using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;

namespace MLNetCtr.Benchmarks;

/// <summary>The two passes every CTR-model benchmark times, each over one batch inside a pooled <see cref="TensorScope"/>.</summary>
internal static class ModelPasses
{
    /// <summary>A training step: forward, loss, backward, one optimizer step; returns the loss.</summary>
    public static float Train(CtrModel model, Optimizer optimizer, CtrBatch batch, BufferPool pool)
    {
        using TensorScope scope = TensorScope.Begin(pool);
        model.Train();
        Tensor loss = model.Loss(model.Forward(batch), batch);
        loss.Backward();
        optimizer.Step();
        optimizer.ZeroGrad();
        return loss.Item();
    }

    /// <summary>Inference: the forward pass in evaluation mode without a graph; returns the first output.</summary>
    public static float Infer(CtrModel model, CtrBatch batch, BufferPool pool)
    {
        using TensorScope scope = TensorScope.Begin(pool);
        using GradMode.NoGradRegion noGrad = GradMode.NoGrad();
        model.Eval();
        return model.Forward(batch).Data[0];
    }
}
