using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// One extraction level of Progressive Layered Extraction (PLE; Tang et al., RecSys 2020): customized gate control
/// with task-specific experts E_k and shared experts S. Each task's gate mixes its own and the shared experts; the
/// shared gate (on every level but the last) mixes all of them, to feed the next level's shared experts:
/// <code>
///   out_k = gate_k(in_k) · [E_k(in_k); S(in_s)]                      (B, H)   task k of T
///   out_s = gate_s(in_s) · [E_1(in_1); …; E_T(in_T); S(in_s)]        (B, H)   shared, when the level has a shared output
/// </code>
/// </summary>
/// <remarks>Children: <c>taskExperts.{k}</c>, <c>sharedExperts</c> (<see cref="ExpertGroup"/>s), <c>taskGates.{k}</c>, and <c>sharedGate</c>.</remarks>
public sealed class PleLevel : Module
{
    private readonly ModuleList<ExpertGroup> _taskExperts;
    private readonly ExpertGroup _sharedExperts;
    private readonly ModuleList<ExpertGate> _taskGates;
    private readonly ExpertGate? _sharedGate;

    /// <summary>Creates the level and initializes it from <paramref name="random"/>.</summary>
    /// <param name="inFeatures">Size of every input's last dimension.</param>
    /// <param name="tasks">T, the number of tasks.</param>
    /// <param name="taskExperts">Experts per task (at least 1).</param>
    /// <param name="sharedExperts">Shared experts (at least 1).</param>
    /// <param name="expertHiddenSizes">Hidden sizes of each expert MLP.</param>
    /// <param name="sharedOutput">Whether the level also outputs a shared mixture (every level but the last).</param>
    /// <param name="random">Source of the initial weights and dropout masks.</param>
    /// <param name="dropout">Dropout after each hidden layer of the experts, in [0, 1).</param>
    public PleLevel(int inFeatures, int tasks, int taskExperts, int sharedExperts, IReadOnlyList<int> expertHiddenSizes,
        bool sharedOutput, Random random, float dropout = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tasks);
        _taskExperts = Register("taskExperts", new ModuleList<ExpertGroup>(
            Enumerable.Range(0, tasks).Select(_ => new ExpertGroup(inFeatures, taskExperts, expertHiddenSizes, random, dropout))));
        _sharedExperts = Register("sharedExperts", new ExpertGroup(inFeatures, sharedExperts, expertHiddenSizes, random, dropout));
        _taskGates = Register("taskGates", new ModuleList<ExpertGate>(
            Enumerable.Range(0, tasks).Select(_ => new ExpertGate(inFeatures, taskExperts + sharedExperts, random))));
        _sharedGate = sharedOutput ? Register("sharedGate", new ExpertGate(inFeatures, tasks * taskExperts + sharedExperts, random)) : null;
    }

    /// <summary>Each task's own experts.</summary>
    internal IReadOnlyList<ExpertGroup> TaskExperts => _taskExperts;

    /// <summary>The shared experts.</summary>
    internal ExpertGroup SharedExperts => _sharedExperts;

    /// <summary>Each task's gate over its own and the shared experts.</summary>
    internal IReadOnlyList<ExpertGate> TaskGates => _taskGates;

    /// <summary>The gate over all experts feeding the next level; null on the last level.</summary>
    internal ExpertGate? SharedGate => _sharedGate;

    /// <summary>T, the number of tasks.</summary>
    public int Tasks => _taskExperts.Count;

    /// <summary>H, the size of every output.</summary>
    public int OutFeatures => _sharedExperts.OutFeatures;

    /// <summary>Whether <see cref="Forward"/> returns a shared output.</summary>
    public bool HasSharedOutput => _sharedGate is not null;

    /// <summary>
    /// Runs the level on one input per task <paramref name="taskInputs"/> and the shared input <paramref name="sharedInput"/>,
    /// each <c>(B, in)</c>. Returns T task outputs <c>(B, H)</c>, and the shared output <c>(B, H)</c> or null on the last level.
    /// </summary>
    public (Tensor[] Tasks, Tensor? Shared) Forward(IReadOnlyList<Tensor> taskInputs, Tensor sharedInput)
    {
        ArgumentNullException.ThrowIfNull(taskInputs);
        if (taskInputs.Count != Tasks)
        {
            throw new ArgumentException($"The level has {Tasks} tasks; got {taskInputs.Count} task inputs.", nameof(taskInputs));
        }
        Tensor shared = _sharedExperts.Forward(sharedInput);                                              // (B, m_s, H)
        Tensor[] own = [.. _taskExperts.Select((experts, k) => experts.Forward(taskInputs[k]))];          // T × (B, m_t, H)
        Tensor[] tasks = [.. _taskGates.Select((gate, k) => gate.Forward(taskInputs[k], Ops.Concat([own[k], shared], axis: 1)))];   // T × (B, H)
        Tensor? sharedOut = _sharedGate?.Forward(sharedInput, Ops.Concat([.. own, shared], axis: 1));   // (B, H) from (B, T·m_t + m_s, H)
        return (tasks, sharedOut);
    }
}
