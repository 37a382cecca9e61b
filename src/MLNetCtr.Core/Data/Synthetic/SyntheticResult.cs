namespace MLNetCtr.Data.Synthetic;

/// <summary>One of the three files a synthetic dataset is split into.</summary>
public enum DatasetSplit
{
    /// <summary>Training rows (<c>train.csv</c>).</summary>
    Train,

    /// <summary>Validation rows (<c>valid.csv</c>), drawn like the training rows.</summary>
    Valid,

    /// <summary>Test rows (<c>test.csv</c>), on which the oracle metrics are computed.</summary>
    Test,
}

/// <summary>What a <see cref="SyntheticTruth"/> is the true value of.</summary>
public enum TruthKind
{
    /// <summary>The true probability that a binary label is 1.</summary>
    Probability,

    /// <summary>The true expected value of a numeric label.</summary>
    Mean,
}

/// <summary>
/// A quantity the generator knows exactly for every row, written to the column <see cref="Column"/> (role
/// <see cref="ColumnRole.Ignore"/>) and returned in <see cref="SyntheticSplit.Truths"/>. Scoring the rows by it gives the
/// oracle metric of <see cref="Label"/>: the ceiling a model is measured against.
/// </summary>
public sealed record SyntheticTruth
{
    /// <summary>Prefix of the data-file column that holds a truth.</summary>
    public const string ColumnPrefix = "oracle_";

    /// <summary>Name of the truth, e.g. <c>click</c> or <c>click_buy</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The label column whose outcome this truth is the probability (or mean) of.</summary>
    public required string Label { get; init; }

    /// <summary>
    /// When set, the binary label whose positive rows alone this truth is evaluated on (a conditional probability such
    /// as P(buy | click) is scored on clicked rows). Default: null, every row.
    /// </summary>
    public string? Given { get; init; }

    /// <summary>Whether this is a probability or a mean. Default: <see cref="TruthKind.Probability"/>.</summary>
    public TruthKind Kind { get; init; } = TruthKind.Probability;

    /// <summary>What the truth is, in words.</summary>
    public required string Description { get; init; }

    /// <summary>Name of the data-file column holding this truth: <see cref="ColumnPrefix"/> + <see cref="Name"/>.</summary>
    public string Column => ColumnPrefix + Name;
}

/// <summary>One written split: its file, and for every row its labels and true values.</summary>
public sealed class SyntheticSplit
{
    internal SyntheticSplit(DatasetSplit split, string path, IReadOnlyDictionary<string, float[]> labels, IReadOnlyDictionary<string, float[]> truths, int rows)
    {
        Split = split;
        Path = path;
        Labels = labels;
        Truths = truths;
        Rows = rows;
    }

    /// <summary>Which split this is.</summary>
    public DatasetSplit Split { get; }

    /// <summary>Full path of the CSV file.</summary>
    public string Path { get; }

    /// <summary>Number of data rows in the file (the header excluded).</summary>
    public int Rows { get; }

    /// <summary>Label column name → one value per row, in file order (0/1 for binary labels). Do not modify the arrays.</summary>
    public IReadOnlyDictionary<string, float[]> Labels { get; }

    /// <summary><see cref="SyntheticTruth.Name"/> → one true value per row, in file order. Do not modify the arrays.</summary>
    public IReadOnlyDictionary<string, float[]> Truths { get; }

    /// <summary>
    /// The true values of <paramref name="truth"/> and the labels they predict, restricted to the rows where
    /// <see cref="SyntheticTruth.Given"/> is positive: the inputs of the oracle metric.
    /// </summary>
    public (float[] Scores, float[] Labels) Oracle(SyntheticTruth truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        float[] scores = Find(Truths, truth.Name, "truth");
        float[] labels = Find(Labels, truth.Label, "label");
        if (truth.Given is null)
        {
            return (scores, labels);
        }
        int[] kept = OracleRows(truth);
        return (kept.Select(i => scores[i]).ToArray(), kept.Select(i => labels[i]).ToArray());
    }

    /// <summary>The rows (file order) <see cref="Oracle"/> keeps for <paramref name="truth"/>: all, or those where its <see cref="SyntheticTruth.Given"/> label is positive.</summary>
    public int[] OracleRows(SyntheticTruth truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        float[]? given = truth.Given is null ? null : Find(Labels, truth.Given, "label");
        return [.. Enumerable.Range(0, Rows).Where(i => given is null || given[i] > 0.5f)];
    }

    private static float[] Find(IReadOnlyDictionary<string, float[]> values, string name, string what) =>
        values.TryGetValue(name, out float[]? found) ? found
            : throw new KeyNotFoundException($"No {what} '{name}' in this split. Known: {string.Join(", ", values.Keys)}.");
}

/// <summary>Everything <see cref="SyntheticDataGenerator.Generate"/> wrote, and the truth behind it.</summary>
public sealed record SyntheticResult
{
    /// <summary>The scenario that was generated.</summary>
    public required ScenarioKind Scenario { get; init; }

    /// <summary>The options used.</summary>
    public required SyntheticOptions Options { get; init; }

    /// <summary>Full path of the schema file (<c>schema.json</c>).</summary>
    public required string SchemaPath { get; init; }

    /// <summary>The schema written to <see cref="SchemaPath"/>; the oracle columns have role <see cref="ColumnRole.Ignore"/>.</summary>
    public required DatasetSchema Schema { get; init; }

    /// <summary>The truths known for every row, main task first.</summary>
    public required IReadOnlyList<SyntheticTruth> Truths { get; init; }

    /// <summary>The training split.</summary>
    public required SyntheticSplit Train { get; init; }

    /// <summary>The validation split.</summary>
    public required SyntheticSplit Valid { get; init; }

    /// <summary>The test split.</summary>
    public required SyntheticSplit Test { get; init; }

    /// <summary>The split called <paramref name="split"/>.</summary>
    public SyntheticSplit this[DatasetSplit split] => split switch
    {
        DatasetSplit.Train => Train,
        DatasetSplit.Valid => Valid,
        DatasetSplit.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, $"Unknown split {split}."),
    };
}
