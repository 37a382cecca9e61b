namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Writes a synthetic dataset with planted truth: <c>train.csv</c>, <c>valid.csv</c>, <c>test.csv</c> and
/// <c>schema.json</c> (a <see cref="DatasetSchema"/>). Every row also carries its true probabilities in
/// <c>oracle_*</c> columns (role <see cref="ColumnRole.Ignore"/>), so the oracle metrics — the ceiling a model is
/// measured against — can be computed. The same options give byte-identical files.
/// </summary>
/// <example>
/// <code>
/// SyntheticResult data = SyntheticDataGenerator.Generate(ScenarioKind.Fields, new SyntheticOptions { Rows = 100_000 }, "data/fields");
/// (float[] scores, float[] labels) = data.Test.Oracle(data.Truths[0]);   // AUC of these = oracle AUC
/// </code>
/// </example>
public static class SyntheticDataGenerator
{
    /// <summary>Name of the schema file in the output directory.</summary>
    public const string SchemaFileName = "schema.json";

    private const int ProgressInterval = 10_000;

    /// <summary>Name of the data file of <paramref name="split"/>: <c>train.csv</c>, <c>valid.csv</c> or <c>test.csv</c>.</summary>
    public static string FileName(DatasetSplit split) => split switch
    {
        DatasetSplit.Train => "train.csv",
        DatasetSplit.Valid => "valid.csv",
        DatasetSplit.Test => "test.csv",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, $"Unknown split {split}."),
    };

    /// <summary>Generates <paramref name="scenario"/> into <paramref name="outputDirectory"/> (created if needed; files are overwritten).</summary>
    /// <param name="scenario">Which planted world and click model.</param>
    /// <param name="options">Size, seed, split and scenario knobs; validated here.</param>
    /// <param name="outputDirectory">Where the four files go.</param>
    /// <param name="progress">Receives the fraction of rows written, now and then. Default: none.</param>
    public static SyntheticResult Generate(ScenarioKind scenario, SyntheticOptions options, string outputDirectory, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        options.Validate();
        SyntheticScenario world = SyntheticScenario.Create(scenario, options);
        DatasetSchema schema = world.Schema;
        schema.Validate();

        Directory.CreateDirectory(outputDirectory);
        string schemaPath = Path.GetFullPath(Path.Combine(outputDirectory, SchemaFileName));
        schema.Save(schemaPath);
        var random = new SyntheticRandom(options.Seed, RandomStream.Rows);
        SyntheticSplitPlan plan = SyntheticSplitPlan.For(options);
        var splits = new Dictionary<DatasetSplit, SyntheticSplit>();
        int written = 0;
        foreach (DatasetSplit split in Enum.GetValues<DatasetSplit>())
        {
            string path = Path.GetFullPath(Path.Combine(outputDirectory, FileName(split)));
            splits[split] = WriteSplit(world, schema, random, split, plan.RowsOf(split), path, rowsDone =>
                progress?.Report((double)(written + rowsDone) / options.Rows));
            written += plan.RowsOf(split);
        }
        progress?.Report(1.0);
        return new SyntheticResult
        {
            Scenario = scenario,
            Options = options,
            SchemaPath = schemaPath,
            Schema = schema,
            Truths = world.Truths,
            Train = splits[DatasetSplit.Train],
            Valid = splits[DatasetSplit.Valid],
            Test = splits[DatasetSplit.Test],
        };
    }

    private static SyntheticSplit WriteSplit(
        SyntheticScenario world, DatasetSchema schema, SyntheticRandom random, DatasetSplit split, int rows, string path, Action<int> rowsDone)
    {
        IReadOnlyList<ColumnSchema> labelColumns = world.LabelColumns;
        IReadOnlyList<SyntheticTruth> truthList = world.Truths;
        float[][] labels = labelColumns.Select(_ => new float[rows]).ToArray();
        float[][] truths = truthList.Select(_ => new float[rows]).ToArray();
        Span<float> rowLabels = stackalloc float[labels.Length];
        Span<double> rowTruths = stackalloc double[truths.Length];
        using (var row = new CsvRowWriter(path, schema.Columns.Select(c => c.Name).ToList(), schema.Delimiter))
        {
            for (int r = 0; r < rows; r++)
            {
                world.NextRow(random, split, row, rowLabels, rowTruths);
                for (int t = 0; t < labels.Length; t++)
                {
                    labels[t][r] = rowLabels[t];
                    WriteLabel(row, labelColumns[t], rowLabels[t]);
                }
                for (int t = 0; t < truths.Length; t++)
                {
                    truths[t][r] = (float)rowTruths[t];   // the file holds exactly this float
                    row.Number(truths[t][r]);
                }
                row.EndRow();
                if ((r + 1) % ProgressInterval == 0)
                {
                    rowsDone(r + 1);
                }
            }
        }
        return new SyntheticSplit(
            split,
            path,
            labelColumns.Select((c, t) => (c.Name, labels[t])).ToDictionary(p => p.Name, p => p.Item2),
            truthList.Select((c, t) => (c.Name, truths[t])).ToDictionary(p => p.Name, p => p.Item2),
            rows);
    }

    private static void WriteLabel(CsvRowWriter row, ColumnSchema column, float value)
    {
        if (column.Type == ColumnType.Binary)
        {
            row.Integer(value > 0.5f ? 1 : 0);
        }
        else
        {
            row.Number(value);
        }
    }
}
