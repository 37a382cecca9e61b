using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Progressive Layered Extraction (PLE; Tang et al., RecSys 2020): <see cref="PleLevel"/>s stacked so that each level's
/// task and shared outputs are the next level's task and shared inputs; the first level reads the shared input
/// everywhere, and the last has no shared output. Input <c>(B, in)</c>; output T tensors <c>(B, H)</c>.
/// </summary>
/// <remarks>Children: <c>levels.0</c> … <c>levels.{N−1}</c>.</remarks>
public sealed class ProgressiveLayeredExtraction : Module
{
    private readonly ModuleList<PleLevel> _levels;

    /// <summary>Creates the levels, first to last, initialized from <paramref name="random"/>.</summary>
    /// <param name="inFeatures">Size of the input's last dimension.</param>
    /// <param name="tasks">T, the number of tasks.</param>
    /// <param name="levels">N, the number of extraction levels (at least 1).</param>
    /// <param name="taskExperts">Experts per task on each level.</param>
    /// <param name="sharedExperts">Shared experts on each level.</param>
    /// <param name="expertHiddenSizes">Hidden sizes of each expert MLP.</param>
    /// <param name="random">Source of the initial weights and dropout masks.</param>
    /// <param name="dropout">Dropout after each hidden layer of the experts, in [0, 1).</param>
    public ProgressiveLayeredExtraction(int inFeatures, int tasks, int levels, int taskExperts, int sharedExperts,
        IReadOnlyList<int> expertHiddenSizes, Random random, float dropout = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(levels);
        ArgumentNullException.ThrowIfNull(expertHiddenSizes);
        ArgumentOutOfRangeException.ThrowIfZero(expertHiddenSizes.Count);
        _levels = Register("levels", new ModuleList<PleLevel>());
        for (int n = 0; n < levels; n++)
        {
            int width = n == 0 ? inFeatures : expertHiddenSizes[^1];
            _levels.Add(new PleLevel(width, tasks, taskExperts, sharedExperts, expertHiddenSizes, sharedOutput: n < levels - 1, random, dropout));
        }
    }

    /// <summary>The levels, first to last.</summary>
    internal IReadOnlyList<PleLevel> Levels => _levels;

    /// <summary>H, the size of each task's output.</summary>
    public int OutFeatures => _levels[^1].OutFeatures;

    /// <summary>Runs every level on <paramref name="input"/> <c>(B, in)</c>; returns T tensors <c>(B, H)</c>.</summary>
    public Tensor[] Forward(Tensor input)
    {
        IReadOnlyList<Tensor> tasks = [.. Enumerable.Repeat(input, _levels[0].Tasks)];   // T × (B, in)
        Tensor shared = input;                                                           // (B, in)
        foreach (PleLevel level in _levels)
        {
            (Tensor[] taskOutputs, Tensor? sharedOutput) = level.Forward(tasks, shared);  // T × (B, H), (B, H) or null
            (tasks, shared) = (taskOutputs, sharedOutput ?? shared);
        }
        return [.. tasks];
    }
}
