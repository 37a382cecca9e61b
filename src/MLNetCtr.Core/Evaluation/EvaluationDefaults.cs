namespace MLNetCtr.Evaluation;

/// <summary>The single source of the evaluators' default settings.</summary>
public static class EvaluationDefaults
{
    /// <summary>
    /// Probabilities are clamped to <c>[ε, 1 − ε]</c> before the log of the log-loss, so one confident mistake costs at
    /// most <c>−log₂ ε ≈ 49.8</c> bits instead of infinity. The value of ML.NET's multiclass evaluator (its binary
    /// evaluator does not clamp; see <see cref="BinaryClassificationEvaluatorOptions.LogLossEpsilon"/>).
    /// </summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>Number of equal-width probability bins of the reliability table.</summary>
    public const int CalibrationBinCount = 10;

    /// <summary>Share of the items, least frequent in training first, that make up the long tail.</summary>
    public const double LongTailFraction = 0.2;
}
