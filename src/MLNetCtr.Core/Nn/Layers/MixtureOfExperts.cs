using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Multi-gate mixture of experts (MMoE; Ma et al., KDD 2018): n expert MLPs over a shared input and one softmax gate
/// per task, so each task mixes the experts its own way:
/// <code>
///   f_k(x) = Σ_i softmax(W_k·x + b_k)_i · expert_i(x)        task k of T: (B, in) → (B, H)
/// </code>
/// With one expert there is nothing to gate: every task gets that expert's output, which is the shared-bottom
/// model (Caruana, 1997). With one gate shared by the tasks (OMoE, the paper's baseline) every task gets the same
/// mixture <c>Σ_i softmax(W·x + b)_i · expert_i(x)</c>.
/// </summary>
/// <remarks>Children: <c>experts</c> (an <see cref="ExpertGroup"/>), then <c>gates.0</c> … <c>gates.{T−1}</c> (with n ≥ 2), or only <c>gates.0</c> when shared.</remarks>
public sealed class MixtureOfExperts : Module
{
    private readonly ExpertGroup _experts;
    private readonly ModuleList<ExpertGate>? _gates;

    /// <summary>Creates the experts, then the gates, initialized from <paramref name="random"/>.</summary>
    /// <param name="inFeatures">Size of the shared input's last dimension.</param>
    /// <param name="experts">n, the number of experts; 1 gives a shared bottom.</param>
    /// <param name="tasks">T, the number of tasks (outputs).</param>
    /// <param name="expertHiddenSizes">Hidden sizes of each expert MLP.</param>
    /// <param name="random">Source of the initial weights and dropout masks.</param>
    /// <param name="dropout">Dropout after each hidden layer of the experts, in [0, 1).</param>
    /// <param name="sharedGate">One gate for every task (OMoE) instead of one per task (MMoE).</param>
    public MixtureOfExperts(int inFeatures, int experts, int tasks, IReadOnlyList<int> expertHiddenSizes, Random random, float dropout = 0f, bool sharedGate = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tasks);
        _experts = Register("experts", new ExpertGroup(inFeatures, experts, expertHiddenSizes, random, dropout));
        if (experts > 1)
        {
            int gates = sharedGate ? 1 : tasks;
            _gates = Register("gates", new ModuleList<ExpertGate>(Enumerable.Range(0, gates).Select(_ => new ExpertGate(inFeatures, experts, random))));
        }
        Tasks = tasks;
    }

    /// <summary>The experts.</summary>
    internal ExpertGroup Experts => _experts;

    /// <summary>One gate per task, or one for all (OMoE); null with a single expert (shared bottom).</summary>
    internal IReadOnlyList<ExpertGate>? Gates => _gates;

    /// <summary>T, the number of tasks.</summary>
    public int Tasks { get; }

    /// <summary>H, the size of each task's output.</summary>
    public int OutFeatures => _experts.OutFeatures;

    /// <summary>Each task's mixture of the experts over <paramref name="input"/> <c>(B, in)</c>: T tensors <c>(B, H)</c>.</summary>
    public Tensor[] Forward(Tensor input)
    {
        Tensor stacked = _experts.Forward(input);                                        // (B, n, H)
        if (_gates is null)
        {
            Tensor shared = stacked.Reshape(input.Dim(0), OutFeatures);                  // (B, H): the one expert
            return [.. Enumerable.Repeat(shared, Tasks)];
        }
        Tensor[] mixtures = [.. _gates.Select(gate => gate.Forward(input, stacked))];   // T × (B, H), or 1 × (B, H) shared
        return mixtures.Length == Tasks ? mixtures : [.. Enumerable.Repeat(mixtures[0], Tasks)];
    }
}
