using System.Collections.Concurrent;
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Models;
using MLNetCtr.Trainers;

namespace MLNetCtr.Tests.Models;

/// <summary>
/// One small synthetic funnel dataset (impression → click → daction → buy), generated, loaded and encoded once and shared
/// by the ESMM tests. Click and conversion rates are raised above the defaults so 40 000 rows hold enough purchases.
/// </summary>
public sealed class FunnelScenarioFixture : IDisposable
{
    private readonly ConcurrentDictionary<EsmmMode, Lazy<CtrPredictionModel>> _trained = new();

    /// <summary>Small towers and a large step: 5 epochs of 32 000 rows take a few seconds.</summary>
    public static EsmmOptions SmallEsmm { get; } =
        new() { EmbeddingDimension = 8, TowerHiddenLayers = [32, 16], NumberOfEpochs = 5, LearningRate = 1e-2f, BatchSize = 512 };

    public FunnelScenarioFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mlnetctr-funnel-" + Guid.NewGuid().ToString("N"));
        var options = new SyntheticOptions { Rows = 40_000, Users = 100, Items = 100, BaseClickRate = 0.3, ConversionRate = 0.2, Seed = 5 };
        Synthetic = SyntheticDataGenerator.Generate(ScenarioKind.Funnel, options, Directory);
        (Train, Encoder) = CtrDataLoader.LoadAndFit(Synthetic.Train.Path, Synthetic.Schema);
        Valid = CtrDataLoader.Load(Synthetic.Valid.Path, Encoder);
        Test = CtrDataLoader.Load(Synthetic.Test.Path, Encoder);
    }

    public string Directory { get; }

    public SyntheticResult Synthetic { get; }

    public CtrDataset Train { get; }

    public CtrDataset Valid { get; }

    public CtrDataset Test { get; }

    public DataEncoder Encoder { get; }

    /// <summary>The first <paramref name="rows"/> training rows as one batch, in file order.</summary>
    public CtrBatch FirstBatch(int rows) =>
        new BatchIterator(Train, new BatchOptions { BatchSize = rows, Shuffle = false }).Epoch(0).First();

    /// <summary>A model of <paramref name="mode"/> trained with <see cref="SmallEsmm"/> (validating on <see cref="Valid"/>), trained once.</summary>
    public CtrPredictionModel Trained(EsmmMode mode) =>
        _trained.GetOrAdd(mode, m => new Lazy<CtrPredictionModel>(() => new EsmmTrainer(SmallEsmm, m).Fit(Train, Encoder, Valid))).Value;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
