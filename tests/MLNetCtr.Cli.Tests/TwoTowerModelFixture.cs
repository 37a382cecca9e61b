namespace MLNetCtr.Cli.Tests;

/// <summary>
/// A small fields dataset made by <c>mlnetctr synth</c> and a small two-tower model trained on it by <c>mlnetctr train</c>,
/// for the serving commands; also a few request rows (the first test rows) and a logistic-regression model.
/// </summary>
public sealed class TwoTowerModelFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TwoTowerModelFixture()
    {
        CliRunner.Succeed("synth", "--scenario", "fields", "--rows", "10000", "--seed", "2", "--out", _directory["data"]);
        CliRunner.Succeed("train", "--trainer", "two-tower", "--schema", File("schema.json"), "--train", File("train.csv"),
            "--set", "NumberOfEpochs=1", "--set", "MlpEmbeddingDimension=4", "--set", "MlpHiddenSizes=16", "--set", "MlpOutputDimension=8",
            "--model-out", ModelPath);
        CliRunner.Succeed("train", "--trainer", "logistic-regression", "--schema", File("schema.json"), "--train", File("train.csv"),
            "--set", "NumberOfEpochs=1", "--model-out", LogisticRegressionPath);
        System.IO.File.WriteAllLines(RequestsPath, System.IO.File.ReadLines(File("test.csv")).Take(1 + Requests));
    }

    /// <summary>Request rows in <see cref="RequestsPath"/>.</summary>
    public const int Requests = 3;

    public string ModelPath => _directory["model/two-tower.mlnetctr"];

    public string LogisticRegressionPath => _directory["model/lr.mlnetctr"];

    /// <summary>The header and the first <see cref="Requests"/> rows of the test file.</summary>
    public string RequestsPath => _directory["requests.csv"];

    /// <summary>A file of the generated dataset.</summary>
    public string File(string name) => Path.Combine(_directory["data"], name);

    /// <summary>A fresh path in the fixture's directory, for a test's own outputs.</summary>
    public string Scratch(string name) => _directory[Guid.NewGuid().ToString("N") + "-" + name];

    public void Dispose() => _directory.Dispose();
}
