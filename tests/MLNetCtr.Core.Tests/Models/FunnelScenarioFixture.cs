using System.Collections.Concurrent;
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Models;
using MLNetCtr.Tests.TestKit;
using MLNetCtr.Trainers;

namespace MLNetCtr.Tests.Models;

/// <summary>
/// One small synthetic funnel dataset (impression → click → daction → buy), generated, loaded and encoded once and shared
/// by the ESMM tests. Click and conversion rates are raised above the defaults so 40 000 rows hold enough purchases.
/// </summary>
public sealed class FunnelScenarioFixture() : ScenarioFixture(ScenarioKind.Funnel,
    new SyntheticOptions { Rows = 40_000, Users = 100, Items = 100, BaseClickRate = 0.3, ConversionRate = 0.2, Seed = 5 })
{
    private readonly ConcurrentDictionary<EsmmMode, Lazy<CtrPredictionModel>> _trained = new();

    /// <summary>Small towers and a large step: 5 epochs of 32 000 rows take a few seconds.</summary>
    public static EsmmOptions SmallEsmm { get; } =
        new() { EmbeddingDimension = 8, TowerHiddenLayers = [32, 16], NumberOfEpochs = 5, LearningRate = 1e-2f, BatchSize = 512 };

    /// <summary>The first <paramref name="rows"/> training rows as one batch, in file order.</summary>
    public CtrBatch FirstBatch(int rows) =>
        new BatchIterator(Train, new BatchOptions { BatchSize = rows, Shuffle = false }).Epoch(0).First();

    /// <summary>A model of <paramref name="mode"/> trained with <see cref="SmallEsmm"/> (validating on <see cref="Valid"/>), trained once.</summary>
    public CtrPredictionModel Trained(EsmmMode mode) =>
        _trained.GetOrAdd(mode, m => new Lazy<CtrPredictionModel>(() => new EsmmTrainer(SmallEsmm, m).Fit(Train, Encoder, Valid))).Value;
}
