using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;

namespace MLNetCtr.Tests.Serving.Onnx;

/// <summary>
/// Small behavior-sequence data with every input kind: categorical and shared-vocabulary sequence columns, the item
/// price made a standardized number (instead of buckets), and the oracle probability made a regression task beside
/// the click task.
/// </summary>
public sealed class OnnxExportFixture : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ScenarioKind, Lazy<(DataEncoder, CtrDataset, SyntheticResult)>> _scenarios = new();

    private string? _behaviorTable;

    public OnnxExportFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mlnetctr-onnx-" + Guid.NewGuid().ToString("N"));
        SyntheticResult synthetic = SyntheticDataGenerator.Generate(ScenarioKind.Sequence,
            new SyntheticOptions { Rows = 3_000, Users = 100, Items = 200, MaxHistoryLength = 8, Seed = 5 }, Directory);
        DatasetSchema schema = synthetic.Schema with
        {
            Columns = [.. synthetic.Schema.Columns.Select(c => c switch
            {
                { Name: "item_price" } => c with { Transform = NumericTransform.Standardize },
                { Role: ColumnRole.Ignore, Type: ColumnType.Numeric } => c with { Role = ColumnRole.Label },
                _ => c,
            })],
        };
        (_, Encoder) = CtrDataLoader.LoadAndFit(synthetic.Train.Path, schema);
        CtrDataset test = CtrDataLoader.Load(synthetic.Test.Path, Encoder);
        Rows = test.Select([.. Enumerable.Range(0, 64)]);
    }

    public string Directory { get; }

    public DataEncoder Encoder { get; }

    /// <summary>64 encoded test rows.</summary>
    public CtrDataset Rows { get; }

    public string Scratch(string name) => Path.Combine(Directory, name);

    /// <summary>
    /// A behavior table (<c>FrozenLayers</c> = 0, so D = 256) holding a seeded random vector for every behavior and item text
    /// of the <see cref="ScenarioKind.BehaviorText"/> rows of <see cref="Scenario"/>: no text encoder is needed (built once).
    /// </summary>
    public string BehaviorTablePath => LazyInitializer.EnsureInitialized(ref _behaviorTable, () =>
    {
        string path = Scratch("behaviors.db");
        int dimension = MLNetCtr.Text.BaheBehaviorEncoder.DimensionOf(0);
        string[] texts = [.. Models.BehaviorTextFixture.Texts(Scenario(ScenarioKind.BehaviorText).Rows).Distinct()];
        var random = new Random(7);
        float[] vectors = [.. Enumerable.Range(0, texts.Length * dimension).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        MLNetCtr.Text.BehaviorTable.Open(path, dimension, MLNetCtr.Text.BaheBehaviorEncoder.IdentityOf(0)).Add(texts, vectors);
        return path;
    });

    /// <summary>A small dataset of <paramref name="kind"/> (generated once): its encoder and 64 encoded test rows.</summary>
    public (DataEncoder Encoder, CtrDataset Rows) Scenario(ScenarioKind kind)
    {
        (DataEncoder encoder, CtrDataset rows, _) = Generated(kind);
        return (encoder, rows);
    }

    /// <summary>The first <paramref name="count"/> raw test rows of <see cref="Scenario"/>'s dataset, as column → text.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string?>> RawRows(ScenarioKind kind, int count)
    {
        (DataEncoder encoder, _, SyntheticResult synthetic) = Generated(kind);
        (_, List<IReadOnlyDictionary<string, string?>> rows) = MLNetCtr.Serving.DelimitedRows.Read(synthetic.Test.Path, encoder.Schema.Delimiter);
        return rows.Take(count).ToArray();
    }

    private (DataEncoder Encoder, CtrDataset Rows, SyntheticResult Synthetic) Generated(ScenarioKind kind) => _scenarios.GetOrAdd(kind, k => new Lazy<(DataEncoder, CtrDataset, SyntheticResult)>(() =>
    {
        SyntheticResult synthetic = SyntheticDataGenerator.Generate(k, new SyntheticOptions { Rows = 2_000, Users = 100, Items = 100, Seed = 6 }, Path.Combine(Directory, k.ToString()));
        (_, DataEncoder encoder) = CtrDataLoader.LoadAndFit(synthetic.Train.Path, synthetic.Schema);
        return (encoder, CtrDataLoader.Load(synthetic.Test.Path, encoder).Select([.. Enumerable.Range(0, 64)]), synthetic);
    })).Value;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
