using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr;

/// <summary>Trains ESMM or ESM2 (<see cref="EsmmTrainer"/>). Create it with <c>mlContext.Ctr().Trainers.Esmm(…)</c>.</summary>
public sealed class EsmmEstimator : CtrEstimator<EsmmOptions>
{
    internal EsmmEstimator(CtrEstimatorOptions<EsmmOptions> options, EsmmMode mode)
        : base(options) => Mode = mode;

    /// <summary>ESMM or ESM2.</summary>
    public EsmmMode Mode { get; }

    private protected override CtrPredictionModel Train(CtrDataset train, DataEncoder encoder, CtrDataset? validation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        new EsmmTrainer(Options.Trainer, Mode).Fit(train, encoder, validation, progress, cancellationToken);
}
