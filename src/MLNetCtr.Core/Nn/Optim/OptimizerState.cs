using MLNetCtr.Serialization;

namespace MLNetCtr.Nn.Optim;

/// <summary>An optimizer's state for a checkpoint: global and per-parameter step counts, and its state buffers.</summary>
/// <param name="StepCount">Calls to <see cref="Optimizer.Step"/> so far.</param>
/// <param name="ParameterSteps">Updates each parameter received, by slot.</param>
/// <param name="Buffers">State buffers named <c>"&lt;kind&gt;.&lt;slot&gt;"</c>, e.g. <c>"exp_avg.3"</c>.</param>
internal sealed record OptimizerState(long StepCount, long[] ParameterSteps, IReadOnlyList<NamedArray> Buffers);
