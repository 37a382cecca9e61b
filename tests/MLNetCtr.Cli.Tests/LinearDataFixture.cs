using MLNetCtr.Evaluation;

namespace MLNetCtr.Cli.Tests;

/// <summary>
/// One synthetic linear dataset made by <c>mlnetctr synth</c> (20 000 rows) and one logistic-regression model trained on it by
/// <c>mlnetctr train</c> with validation and test files, shared by the command tests.
/// </summary>
public sealed class LinearDataFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public LinearDataFixture()
    {
        SynthRun = CliRunner.Succeed("synth", "--scenario", "linear", "--rows", "20000", "--seed", "1", "--out", DataDirectory);
        TrainRun = CliRunner.Succeed("train", "--trainer", "logistic-regression", "--schema", File("schema.json"),
            "--train", File("train.csv"), "--valid", File("valid.csv"), "--test", File("test.csv"),
            "--model-out", ModelPath, "--metrics-out", MetricsPath);
    }

    public string DataDirectory => _directory["data"];

    public string ModelPath => _directory["model/lr.mlnetctr"];

    public string MetricsPath => _directory["model/metrics.json"];

    public CliRun SynthRun { get; }

    public CliRun TrainRun { get; }

    /// <summary>A file of the generated dataset.</summary>
    public string File(string name) => Path.Combine(DataDirectory, name);

    /// <summary>A fresh path in the fixture's directory, for a test's own outputs.</summary>
    public string Scratch(string name) => _directory[Guid.NewGuid().ToString("N") + "-" + name];

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ReadMetrics(string path) =>
        CtrMetrics.ParseJson(System.IO.File.ReadAllText(path));

    public void Dispose() => _directory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class LinearDataCollection : ICollectionFixture<LinearDataFixture>
{
    public const string Name = "linear data";
}
