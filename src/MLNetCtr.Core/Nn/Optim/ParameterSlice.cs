using MLNetCtr.Tensors;

namespace MLNetCtr.Nn.Optim;

/// <summary>
/// A contiguous range of one parameter that an optimizer step updates: the whole tensor for a dense parameter, one
/// touched row for a sparse-gradient table. <see cref="Slot"/> indexes the optimizer's per-parameter state.
/// </summary>
internal readonly record struct ParameterSlice(int Slot, Tensor Parameter, int Start, int Length, long Step, float LearningRate, float WeightDecay)
{
    /// <summary>The parameter's values in the range.</summary>
    public Span<float> Values => Parameter.Data.AsSpan(Start, Length);

    /// <summary>The parameter's gradient in the range.</summary>
    public Span<float> Gradient => Parameter.Grad!.AsSpan(Start, Length);

    /// <summary>The same range of a state buffer laid out like the parameter (moments, accumulators).</summary>
    public Span<float> Of(float[] state) => state.AsSpan(Start, Length);
}
