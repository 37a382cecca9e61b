using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>Every model family this build knows, by id: the CLI's <c>--trainer</c> values and what model files may hold.</summary>
public static class ModelRegistry
{
    private static readonly ModelFamily[] s_families =
    [
        LogisticRegressionTrainer.Definition,
        DinTrainer.Definition,
        BstTrainer.Definition,
        Srp4CtrTrainer.Definition,
        EsmmTrainer.EsmmDefinition,
        EsmmTrainer.Esm2Definition,
        MmoeTrainer.Definition,
        MmoeTrainer.SharedBottomDefinition,
        MmoeTrainer.OmoeDefinition,
        MmoeTrainer.PleDefinition,
        ParallelTwoTowerTrainer.Definition,
        TwoTowerTrainer.Definition,
        FmTrainer.Definition,
        FfmTrainer.Definition,
        DcnV2Trainer.Definition,
        XDeepFmTrainer.Definition,
        DeepFmTrainer.Definition,
        BaheTrainer.Definition,
    ];

    /// <summary>The known families, in a fixed order.</summary>
    public static IReadOnlyList<ModelFamily> Families => s_families;

    /// <summary>The family with <paramref name="id"/>, or an error listing the known ids.</summary>
    public static ModelFamily Get(string id) =>
        s_families.FirstOrDefault(f => f.Id == id)
        ?? throw new KeyNotFoundException($"Unknown model family '{id}'. Known: {string.Join(", ", s_families.Select(f => f.Id))}.");
}
