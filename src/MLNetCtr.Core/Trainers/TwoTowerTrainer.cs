using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;

namespace MLNetCtr.Trainers;

/// <summary>Options of <see cref="TwoTowerTrainer"/>: the parallel two-tower's, with the MLP branch alone by default.</summary>
public sealed record TwoTowerOptions : ParallelTwoTowerOptions
{
    /// <summary>Creates the defaults: <see cref="ParallelTwoTowerOptions.Branches"/> = [<see cref="TowerBranchKind.Mlp"/>].</summary>
    public TwoTowerOptions() => Branches = [TowerBranchKind.Mlp];
}

/// <summary>Trains the classic two-tower (DSSM) model: a <see cref="ParallelTwoTower"/> with one MLP branch per tower.</summary>
public sealed class TwoTowerTrainer : CtrTrainer<TwoTowerOptions>
{
    /// <summary>Creates the trainer; null options take the defaults.</summary>
    public TwoTowerTrainer(TwoTowerOptions? options = null)
        : base(Definition, options ?? new TwoTowerOptions())
    {
    }

    /// <summary>The <c>two-tower</c> family.</summary>
    public static ModelFamily Definition { get; } =
        ModelFamily.Create<TwoTowerOptions>("two-tower", (encoder, options) => new ParallelTwoTower(encoder, options));
}
