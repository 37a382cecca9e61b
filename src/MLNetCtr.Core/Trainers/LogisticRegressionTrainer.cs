using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Trainers;

/// <summary>Options of <see cref="LogisticRegressionTrainer"/>: the training loop's, with a larger default learning rate.</summary>
public sealed record LogisticRegressionOptions : TrainingOptions
{
    /// <summary>Creates the defaults: learning rate 0.01 (a linear model takes larger steps than a deep one).</summary>
    public LogisticRegressionOptions() => LearningRate = 0.01f;
}

/// <summary>Trains a <see cref="LogisticRegression"/> over every feature field of the schema.</summary>
public sealed class LogisticRegressionTrainer : CtrTrainer<LogisticRegressionOptions>
{
    /// <summary>Creates the trainer; null options take the defaults.</summary>
    public LogisticRegressionTrainer(LogisticRegressionOptions? options = null)
        : base(Definition, options ?? new LogisticRegressionOptions())
    {
    }

    /// <summary>The <c>logistic-regression</c> family.</summary>
    public static ModelFamily Definition { get; } =
        ModelFamily.Create<LogisticRegressionOptions>("logistic-regression", (encoder, options) => new LogisticRegression(encoder, new Random(options.Seed)));
}
