using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;

namespace MLNetCtr.Trainers;

/// <summary>Trains a <see cref="ParallelTwoTower"/> with every branch (MLP, DCN-V2, FM, FFM, CIN) by default.</summary>
public sealed class ParallelTwoTowerTrainer : CtrTrainer<ParallelTwoTowerOptions>
{
    /// <summary>Creates the trainer; null options take the defaults.</summary>
    public ParallelTwoTowerTrainer(ParallelTwoTowerOptions? options = null)
        : base(Definition, options ?? new ParallelTwoTowerOptions())
    {
    }

    /// <summary>The <c>parallel-two-tower</c> family.</summary>
    public static ModelFamily Definition { get; } =
        ModelFamily.Create<ParallelTwoTowerOptions>("parallel-two-tower", (encoder, options) => new ParallelTwoTower(encoder, options));
}
