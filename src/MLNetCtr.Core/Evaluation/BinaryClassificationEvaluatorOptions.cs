namespace MLNetCtr.Evaluation;

/// <summary>Options for <see cref="BinaryClassificationEvaluator"/>.</summary>
public sealed record BinaryClassificationEvaluatorOptions
{
    /// <summary>A row is predicted positive when its score (a logit) is strictly greater than this threshold.</summary>
    /// <value>Default: 0, ML.NET's raw-score threshold, i.e. <c>Probability &gt; 0.5</c>.</value>
    public float ScoreThreshold { get; init; }

    /// <summary>
    /// Probabilities are clamped to <c>[ε, 1 − ε]</c> before the log of <see cref="BinaryClassificationMetrics.LogLoss"/>.
    /// ML.NET's binary evaluator does not clamp, so a probability of exactly 0 or 1 on the wrong side makes its log-loss
    /// infinite (dotnet/machinelearning issues 2708 and 5055); set 0 to reproduce that.
    /// </summary>
    /// <value>Default: <see cref="EvaluationDefaults.LogLossEpsilon"/> (1e-15), ML.NET's multiclass epsilon.</value>
    public double LogLossEpsilon { get; init; } = EvaluationDefaults.LogLossEpsilon;

    /// <summary>Throws if an option is out of range.</summary>
    public void Validate()
    {
        if (!float.IsFinite(ScoreThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(ScoreThreshold), ScoreThreshold, $"ScoreThreshold must be finite, got {ScoreThreshold}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(LogLossEpsilon);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(LogLossEpsilon, 0.5);
    }
}
