using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Trainers;

/// <summary>Base of every trainer: validates options once, builds the family's network, runs the training loop.</summary>
/// <typeparam name="TOptions">The trainer's options record.</typeparam>
public abstract class CtrTrainer<TOptions>
    where TOptions : TrainingOptions
{
    /// <summary>Validates and keeps <paramref name="options"/>.</summary>
    protected CtrTrainer(ModelFamily family, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Family = family;
        Options = options;
    }

    /// <summary>The options this trainer was created with.</summary>
    public TOptions Options { get; }

    /// <summary>The family of the models this trainer makes.</summary>
    public ModelFamily Family { get; }

    /// <summary>
    /// Trains a model on <paramref name="train"/> (encoded by <paramref name="encoder"/>), validating on
    /// <paramref name="validation"/> when given, and returns it ready to score, evaluate and save.
    /// </summary>
    public CtrPredictionModel Fit(CtrDataset train, DataEncoder encoder, CtrDataset? validation = null,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        => Family.Fit(train, encoder, validation, Options, progress, cancellationToken).Model;
}
