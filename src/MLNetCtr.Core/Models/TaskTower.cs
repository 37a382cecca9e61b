using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>
/// One task's head of a multi-task model: a tower MLP to one output, and the task's loss. A binary task outputs a
/// logit (BCE, row weights applied). A regression task outputs <c>y = μ + σ·z</c>, where μ and σ are the mean and
/// standard deviation of the first training batch's targets, fixed from then on (data-dependent initialization, as
/// Glow's ActNorm, but not trained), and its loss is <c>MSE(y, target) / σ²</c>: the tower fits a standardized target,
/// so a task measured in seconds weighs as much as a click. σ stays fixed because it is redundant with the tower's
/// output layer: trained, it drifts freely under Adam and rescales the task's loss weight (and the reported loss) while
/// the predictions stay the same.
/// </summary>
/// <remarks>Children: <c>mlp</c>; a regression task also has buffers <c>shift</c> (μ) and <c>scale</c> (σ, 0 until initialized).</remarks>
internal sealed class TaskTower : Module
{
    private readonly Mlp _mlp;
    private readonly Tensor? _shift, _scale;   // (1) each, regression tasks only: buffers

    public TaskTower(CtrTask task, int inFeatures, IReadOnlyList<int> hiddenSizes, Random random, float dropout)
    {
        Task = task;
        _mlp = Register("mlp", new Mlp(inFeatures, hiddenSizes, random, dropout: dropout, outputSize: 1));
        if (task.Kind == TaskKind.Regression)
        {
            _shift = RegisterBuffer("shift", Tensor.Zeros([1]));
            _scale = RegisterBuffer("scale", Tensor.Zeros([1]));
        }
    }

    public CtrTask Task { get; }

    /// <summary>The task's output for <paramref name="input"/> <c>(B, in)</c>: <c>(B, 1)</c> logits or values.</summary>
    public Tensor Forward(Tensor input, CtrBatch batch)
    {
        Tensor z = _mlp.Forward(input);                                          // (B, 1)
        if (_scale is null)
        {
            return z;
        }
        if (IsTraining && _scale.Data[0] == 0f)
        {
            InitializeScale(Task.Target(batch));
        }
        return z * _scale + _shift!;                                             // (B, 1): μ + σ·z
    }

    /// <summary><see cref="Forward"/> in ONNX (evaluation mode): <c>(B, 1)</c>.</summary>
    public string ExportOnnx(OnnxGraph g, string input, string name)
    {
        string z = g.Mlp(_mlp, input, $"{name}.mlp");                                                    // (B, 1)
        return _scale is null ? z : g.Add(g.Mul(z, g.Parameter(_scale, $"{name}.scale")), g.Parameter(_shift!, $"{name}.shift"));   // μ + σ·z
    }

    /// <summary>The task's loss of <paramref name="prediction"/> <c>(B)</c> on the batch's targets: a one-element tensor.</summary>
    public Tensor Loss(Tensor prediction, CtrBatch batch)
    {
        Tensor target = Tensor.From(Task.Target(batch), batch.RowCount);         // (B)
        if (_scale is null)
        {
            return Ops.BceWithLogits(prediction, target, batch.Weights);
        }
        float sigma = _scale.Data[0];
        return Ops.Mse(prediction, target) * (1f / Math.Max(sigma * sigma, 1e-12f));
    }

    private void InitializeScale(float[] targets)
    {
        double sum = 0, sumOfSquares = 0;
        int count = 0;
        foreach (float y in targets)
        {
            if (!float.IsNaN(y))
            {
                (sum, sumOfSquares, count) = (sum + y, sumOfSquares + (double)y * y, count + 1);
            }
        }
        double mean = count == 0 ? 0 : sum / count;
        double deviation = count == 0 ? 0 : Math.Sqrt(Math.Max(sumOfSquares / count - mean * mean, 0));
        _shift!.Data[0] = (float)mean;
        _scale!.Data[0] = deviation > 1e-6 ? (float)deviation : 1f;
    }
}
