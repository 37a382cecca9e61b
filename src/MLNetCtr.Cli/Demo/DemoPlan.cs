using MLNetCtr.Data.Synthetic;
using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr.Cli.Demo;

/// <summary>One model the demo trains: its data, its trainer and options, and the truth each task is measured against.</summary>
/// <param name="Title">Heading in the table and the report.</param>
/// <param name="Scenario">The synthetic world it is trained on.</param>
/// <param name="Data">Size and knobs of that world.</param>
/// <param name="Family">The trainer.</param>
/// <param name="Options">The trainer's options.</param>
/// <param name="TruthOfTask">Task name → the <see cref="SyntheticTruth.Name"/> that is its oracle, in display order.</param>
internal sealed record DemoModel(string Title, ScenarioKind Scenario, SyntheticOptions Data, ModelFamily Family, TrainingOptions Options,
    IReadOnlyList<(string Task, string Truth)> TruthOfTask);

/// <summary>
/// What <c>mlnetctr demo</c> trains: a parallel two-tower on the fields scenario and ESMM on the funnel scenario, sized so
/// that the default <see cref="DefaultRows"/> finish in about a minute or two on two cores.
/// </summary>
internal static class DemoPlan
{
    /// <summary>Rows of each synthetic dataset (80% train, 10% valid, 10% test) unless <c>--rows</c> says otherwise.</summary>
    public const int DefaultRows = 150_000;

    /// <summary>Seed of the data and the training unless <c>--seed</c> says otherwise.</summary>
    public const int DefaultSeed = 1;

    /// <summary>The two models for <paramref name="rows"/> rows per dataset and <paramref name="seed"/>.</summary>
    public static IReadOnlyList<DemoModel> Create(int rows, int seed) =>
    [
        new DemoModel("Parallel two-tower (fields scenario)", ScenarioKind.Fields,
            new SyntheticOptions { Rows = rows, Seed = seed, Users = 1_000, Items = 500, Categories = 20 },
            ParallelTwoTowerTrainer.Definition,
            new ParallelTwoTowerOptions
            {
                MlpEmbeddingDimension = 8, MlpHiddenSizes = [64], MlpOutputDimension = 16,
                DcnEmbeddingDimension = 8, DcnHiddenSizes = [64], DcnCrossLayers = 2, DcnOutputDimension = 16,
                FmEmbeddingDimension = 8, FfmEmbeddingDimension = 4, CinEmbeddingDimension = 8, CinLayerSizes = [16, 16], CinCrossMaps = 4,
                NumberOfEpochs = 4, BatchSize = 512, LearningRate = 3e-3f, Seed = seed,
            },
            [("click", "click")]),
        new DemoModel("ESMM (funnel scenario)", ScenarioKind.Funnel,
            new SyntheticOptions { Rows = rows, Seed = seed, Users = 1_000, Items = 500, Categories = 20, BaseClickRate = 0.2, ConversionRate = 0.15 },
            EsmmTrainer.EsmmDefinition,
            new EsmmOptions { EmbeddingDimension = 16, TowerHiddenLayers = [128, 64], NumberOfEpochs = 8, BatchSize = 512, LearningRate = 2e-3f, Seed = seed },
            [(Esmm.CtrTask, "click"), (Esmm.CvrTask, "buy_given_click"), (Esmm.CtcvrTask, "click_buy")]),
    ];
}
