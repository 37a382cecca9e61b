namespace MLNetCtr.Models;

/// <summary>The default values of the multi-task families (<c>mmoe</c>, <c>shared-bottom</c>, <c>ple</c>), in one place.</summary>
public static class MultitaskDefaults
{
    /// <summary>Experts of MMoE, and shared experts per level of PLE.</summary>
    public const int ExpertCount = 4;

    /// <summary>Task-specific experts per task and level of PLE.</summary>
    public const int TaskExpertCount = 1;

    /// <summary>Extraction levels of PLE.</summary>
    public const int PleLevels = 2;

    /// <summary>Distinct display positions the bias tower embeds; larger positions share the last one.</summary>
    public const int BiasTowerPositions = 32;

    /// <summary>Probability of dropping a training row's position in the bias tower (Zhao et al., RecSys 2019: 10%).</summary>
    public const float BiasTowerPositionDropout = 0.1f;

    /// <summary>Name of the categorical column the bias tower reads besides the position, when the schema has it.</summary>
    public const string DeviceColumn = "device";

    /// <summary>Hidden size of the LSTM and of the attention of the DUPN user representation.</summary>
    public const int BehaviorHiddenSize = 32;

    /// <summary>Hidden sizes of each expert (and of the shared bottom).</summary>
    public static IReadOnlyList<int> ExpertHiddenLayers => [256, 128];

    /// <summary>Hidden sizes of each task tower, before its one output.</summary>
    public static IReadOnlyList<int> TowerHiddenLayers => [64];

    /// <summary>Hidden sizes of the shallow bias tower, before its one output.</summary>
    public static IReadOnlyList<int> BiasTowerHiddenLayers => [16];
}
