using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr;

/// <summary>Trains a parallel two-tower model (<see cref="ParallelTwoTowerTrainer"/>). Create it with <c>mlContext.Ctr().Trainers.ParallelTwoTower(…)</c>.</summary>
public sealed class ParallelTwoTowerEstimator : CtrEstimator<ParallelTwoTowerOptions>
{
    internal ParallelTwoTowerEstimator(CtrEstimatorOptions<ParallelTwoTowerOptions> options)
        : base(options)
    {
    }

    private protected override CtrPredictionModel Train(CtrDataset train, DataEncoder encoder, CtrDataset? validation, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        new ParallelTwoTowerTrainer(Options.Trainer).Fit(train, encoder, validation, progress, cancellationToken);
}
