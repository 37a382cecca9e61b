using MLNetCtr.Data.Synthetic;
using MLNetCtr.Models.Baselines;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Tests.TestKit;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr.Tests.Models;

/// <summary>
/// One small synthetic <see cref="ScenarioKind.Fields"/> dataset (user, item and context fields with planted second-order
/// effects), generated, loaded and encoded once, and small options of every model family that trains on it.
/// </summary>
public sealed class FieldsScenarioFixture() : ScenarioFixture(ScenarioKind.Fields,
    new SyntheticOptions { Rows = 40_000, Users = 100, Items = 200, Categories = 10, Seed = 5 })
{
    /// <summary>The new families, by id, for theories.</summary>
    public static IReadOnlyList<string> NewFamilyIds { get; } = ["parallel-two-tower", "two-tower", "fm", "ffm", "dcn-v2", "xdeepfm", "deepfm"];

    /// <summary><see cref="NewFamilyIds"/> for theories.</summary>
    public static TheoryData<string> FamilyIds => new(NewFamilyIds);

    /// <summary>Small, quick options of family <paramref name="id"/>: narrow layers, a few epochs, no early stopping.</summary>
    public static TrainingOptions TinyOptions(string id) => id switch
    {
        "parallel-two-tower" => TinyTwoTower(new ParallelTwoTowerOptions()),
        "two-tower" => TinyTwoTower(new TwoTowerOptions()),
        "fm" => new FmOptions { LearningRate = 0.02f, NumberOfEpochs = 3, BatchSize = 1024, EarlyStoppingPatience = 0 },
        "ffm" => new FfmOptions { EmbeddingDimension = 4, LearningRate = 0.02f, NumberOfEpochs = 3, BatchSize = 1024, EarlyStoppingPatience = 0 },
        "dcn-v2" => new DcnV2Options { HiddenSizes = [32, 16], LearningRate = 3e-3f, NumberOfEpochs = 3, BatchSize = 1024, EarlyStoppingPatience = 0 },
        "xdeepfm" => new XDeepFmOptions { HiddenSizes = [32, 16], CinLayerSizes = [8, 8], LearningRate = 3e-3f, NumberOfEpochs = 3, BatchSize = 1024, EarlyStoppingPatience = 0 },
        "deepfm" => new DeepFmOptions { HiddenSizes = [32, 16], LearningRate = 3e-3f, NumberOfEpochs = 3, BatchSize = 1024, EarlyStoppingPatience = 0 },
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "No tiny options for this family."),
    };

    /// <summary>Small options of a two-tower family with <paramref name="branches"/> (default: the family's own).</summary>
    public static ParallelTwoTowerOptions TinyTwoTower(ParallelTwoTowerOptions defaults, IReadOnlyList<TowerBranchKind>? branches = null) => defaults with
    {
        Branches = branches ?? defaults.Branches,
        MlpEmbeddingDimension = 8,
        MlpHiddenSizes = [32],
        MlpOutputDimension = 16,
        DcnEmbeddingDimension = 8,
        DcnHiddenSizes = [32],
        DcnCrossLayers = 2,
        DcnOutputDimension = 16,
        FmEmbeddingDimension = 8,
        FfmEmbeddingDimension = 4,
        CinEmbeddingDimension = 8,
        CinLayerSizes = [8, 8],
        CinCrossMaps = 4,
        NumberOfEpochs = 2,
        BatchSize = 512,
        LearningRate = 3e-3f,
        EarlyStoppingPatience = 0,
    };
}
