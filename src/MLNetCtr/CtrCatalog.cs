using Microsoft.ML;

namespace MLNetCtr;

/// <summary>The entry point of the ML.NET skin: <c>mlContext.Ctr()</c>.</summary>
public static class MLContextCtrExtensions
{
    /// <summary>
    /// The catalog of click-through-rate and conversion estimators, e.g.
    /// <c>mlContext.Ctr().Trainers.ParallelTwoTower(userColumnNames: ["UserId"], itemColumnNames: ["ItemId"])</c>.
    /// </summary>
    public static CtrCatalog Ctr(this MLContext mlContext) => new(mlContext);
}

/// <summary>Catalog of CTR estimators and of the loaders of their saved models (like ML.NET's <c>RecommendationCatalog</c>).</summary>
public sealed class CtrCatalog
{
    internal CtrCatalog(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        Trainers = new CtrTrainers();
    }

    /// <summary>The estimators, one simple-argument and one <c>Options</c> overload per family.</summary>
    public CtrTrainers Trainers { get; }

    /// <summary>
    /// Loads a model saved by <see cref="CtrPredictionTransformer.Save"/> (or by the CLI). ML.NET's
    /// <c>mlContext.Model.Load</c> cannot: see <see cref="CtrPredictionTransformer"/>.
    /// </summary>
    public CtrPredictionTransformer LoadModel(string path) => CtrPredictionTransformer.Load(path);

    /// <summary>Loads a pretrained FG-BERT saved by <see cref="FgBertTransformer.Save"/>.</summary>
    public FgBertTransformer LoadPretrainedEncoder(string path) => FgBertTransformer.Load(path);
}
