using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr;

/// <summary>Trains MMoE, shared-bottom or PLE (<see cref="MmoeTrainer"/>). Create it with <c>mlContext.Ctr().Trainers.Mmoe(…)</c>.</summary>
public sealed class MmoeEstimator : CtrEstimator<MmoeOptions>
{
    internal MmoeEstimator(CtrEstimatorOptions<MmoeOptions> options, MultitaskStructure structure)
        : base(options) => Structure = structure;

    /// <summary>MMoE, shared-bottom or PLE.</summary>
    public MultitaskStructure Structure { get; }

    private protected override CtrPredictionModel Train(CtrDataset train, DataEncoder encoder, CtrDataset? validation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        new MmoeTrainer(Options.Trainer, Structure).Fit(train, encoder, validation, progress, cancellationToken);
}
