using MLNetCtr.Serialization;
using MLNetCtr.Tensors;

namespace MLNetCtr.Nn.Optim;

/// <summary>
/// Base of the optimizers: owns the parameter groups, their current learning rates and weight decays, and the step
/// loop that updates dense parameters whole and sparse-gradient tables row by row.
/// </summary>
/// <remarks>
/// A dense parameter is updated when its gradient exists, as torch does (a zeroed gradient still decays moments).
/// A sparse-gradient parameter (<see cref="Tensor.TouchedRows"/> not null) is updated lazily: only its touched rows
/// change, together with their state; other rows and their state are left as they are. After the update its
/// touched gradient rows and the row set are cleared. Each parameter counts the steps in which it received a
/// gradient; Adam's bias correction uses that count, as torch's Adam and SparseAdam do (it equals
/// <see cref="StepCount"/> when every parameter takes part in every step).
/// </remarks>
public abstract class Optimizer
{
    private readonly ParameterGroup[] _groups;
    private readonly float[] _learningRates;
    private readonly float[] _initialLearningRates;
    private readonly float[] _weightDecays;
    private readonly Tensor[] _parameters;
    private readonly int[] _groupOfSlot;
    private readonly long[] _stepsOfSlot;

    private protected Optimizer(IEnumerable<ParameterGroup> groups, float learningRate, float weightDecay)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _groups = [.. groups];
        _learningRates = new float[_groups.Length];
        _weightDecays = new float[_groups.Length];
        var parameters = new List<Tensor>();
        var groupOfSlot = new List<int>();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int g = 0; g < _groups.Length; g++)
        {
            ParameterGroup group = _groups[g] ?? throw new ArgumentException($"Parameter group {g} is null.", nameof(groups));
            _learningRates[g] = CheckedNonNegative(group.LearningRate ?? learningRate, g, "learning rate");
            _weightDecays[g] = CheckedNonNegative(group.WeightDecay ?? weightDecay, g, "weight decay");
            foreach (Tensor p in group.Parameters)
            {
                ArgumentNullException.ThrowIfNull(p);
                if (!seen.Add(p))
                {
                    throw new ArgumentException($"Parameter '{p.Name}' {Tensor.ShapeString(p.Shape)} appears more than once (group {g}).", nameof(groups));
                }
                parameters.Add(p);
                groupOfSlot.Add(g);
            }
        }
        if (parameters.Count == 0)
        {
            throw new ArgumentException($"The optimizer got no parameters ({_groups.Length} groups).", nameof(groups));
        }
        _initialLearningRates = (float[])_learningRates.Clone();
        _parameters = [.. parameters];
        _groupOfSlot = [.. groupOfSlot];
        _stepsOfSlot = new long[_parameters.Length];
    }

    /// <summary>The parameter groups, as given.</summary>
    public IReadOnlyList<ParameterGroup> ParameterGroups => _groups;

    /// <summary>Every parameter, group by group, in order.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>The number of times <see cref="Step"/> has run.</summary>
    public long StepCount { get; private set; }

    /// <summary>The learning rate group <paramref name="group"/> uses in the next step.</summary>
    public float GetLearningRate(int group) => _learningRates[CheckedGroup(group)];

    /// <summary>Sets the learning rate of group <paramref name="group"/> (what a schedule does every step).</summary>
    public void SetLearningRate(int group, float learningRate) =>
        _learningRates[CheckedGroup(group)] = CheckedNonNegative(learningRate, group, "learning rate");

    /// <summary>The learning rate group <paramref name="group"/> was created with; schedules scale it.</summary>
    public float GetInitialLearningRate(int group) => _initialLearningRates[CheckedGroup(group)];

    /// <summary>The weight decay of group <paramref name="group"/>.</summary>
    public float GetWeightDecay(int group) => _weightDecays[CheckedGroup(group)];

    /// <summary>Updates every parameter that has a gradient, from its gradient.</summary>
    public void Step()
    {
        StepCount++;
        for (int slot = 0; slot < _parameters.Length; slot++)
        {
            Tensor p = _parameters[slot];
            if (p.Grad is null || p.TouchedRows is { Count: 0 })
            {
                continue;
            }
            int g = _groupOfSlot[slot];
            long step = ++_stepsOfSlot[slot];
            if (p.TouchedRows is { } rows)
            {
                int width = p.Size / p.Dim(0);
                foreach (int row in rows)
                {
                    Update(new ParameterSlice(slot, p, row * width, width, step, _learningRates[g], _weightDecays[g]));
                }
                p.ZeroGrad();   // clears the touched rows and the row set
            }
            else
            {
                Update(new ParameterSlice(slot, p, 0, p.Size, step, _learningRates[g], _weightDecays[g]));
            }
        }
    }

    /// <summary>Zeroes the gradient of every parameter (only the touched rows of sparse-gradient tables).</summary>
    public void ZeroGrad()
    {
        foreach (Tensor p in _parameters)
        {
            p.ZeroGrad();
        }
    }

    /// <summary>A copy of the optimizer's state (step counts and every state buffer), for checkpoints.</summary>
    internal OptimizerState CaptureState()
    {
        var buffers = new List<NamedArray>();
        foreach ((string name, float[]?[] perSlot) in StateBuffers)
        {
            for (int slot = 0; slot < perSlot.Length; slot++)
            {
                if (perSlot[slot] is { } buffer)
                {
                    buffers.Add(new NamedArray($"{name}.{slot}", _parameters[slot].ShapeArray, (float[])buffer.Clone()));
                }
            }
        }
        return new OptimizerState(StepCount, (long[])_stepsOfSlot.Clone(), buffers);
    }

    /// <summary>Restores a state captured by <see cref="CaptureState"/> from an optimizer over parameters of the same shapes.</summary>
    internal void RestoreState(OptimizerState state)
    {
        if (state.ParameterSteps.Length != _parameters.Length)
        {
            throw new InvalidDataException($"The optimizer state is for {state.ParameterSteps.Length} parameters; this optimizer has {_parameters.Length}.");
        }
        var byName = state.Buffers.ToDictionary(b => b.Name);
        foreach ((string name, float[]?[] perSlot) in StateBuffers)
        {
            for (int slot = 0; slot < perSlot.Length; slot++)
            {
                perSlot[slot] = byName.TryGetValue($"{name}.{slot}", out NamedArray? saved)
                    ? saved.Data.Length == _parameters[slot].Size ? (float[])saved.Data.Clone()
                        : throw new InvalidDataException($"Optimizer state '{saved.Name}' has {saved.Data.Length} values; parameter '{_parameters[slot].Name}' has {_parameters[slot].Size}.")
                    : null;
            }
        }
        StepCount = state.StepCount;
        state.ParameterSteps.CopyTo(_stepsOfSlot, 0);
    }

    /// <summary>The optimizer's per-parameter state buffers by kind (e.g. Adam's moments), indexed by slot.</summary>
    private protected abstract IReadOnlyList<(string Name, float[]?[] PerSlot)> StateBuffers { get; }

    /// <summary>Applies the update rule to one range of one parameter.</summary>
    private protected abstract void Update(in ParameterSlice slice);

    /// <summary>A state buffer for <paramref name="slice"/>'s parameter, created on first use filled with <paramref name="initialValue"/>.</summary>
    private protected static float[] StateOf(float[]?[] states, in ParameterSlice slice, float initialValue = 0f)
    {
        if (states[slice.Slot] is { } state)
        {
            return state;
        }
        state = new float[slice.Parameter.Size];
        if (initialValue != 0f)
        {
            Array.Fill(state, initialValue);
        }
        return states[slice.Slot] = state;
    }

    /// <summary>The index of <paramref name="parameter"/> in <see cref="Parameters"/>, which indexes per-parameter state.</summary>
    private protected int SlotOf(Tensor parameter)
    {
        int slot = Array.FindIndex(_parameters, p => ReferenceEquals(p, parameter));
        return slot >= 0 ? slot : throw new ArgumentException($"Parameter '{parameter.Name}' {Tensor.ShapeString(parameter.Shape)} is not optimized by this optimizer.", nameof(parameter));
    }

    private int CheckedGroup(int group)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(group, _groups.Length);
        return group;
    }

    private static float CheckedNonNegative(float value, int group, string what) =>
        value >= 0f ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"Parameter group {group}: {what} must be ≥ 0, got {value}.");
}
