using MLNetCtr.Data;
using MLNetCtr.Evaluation;

namespace MLNetCtr.Cli.Tests.Commands;

public sealed class InferSchemaCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static double TestAuc(string metricsPath, string task) =>
        LinearDataFixture.ReadMetrics(metricsPath)[task][CtrMetricNames.AreaUnderRocCurve];

    private CliRun Train(string schema, string train, string test, string name) => CliRunner.Succeed("train", "--trainer", "fm",
        "--schema", schema, "--train", train, "--valid-fraction", "0.2", "--test", test,
        "--model-out", _directory[name + ".mlnetctr"], "--metrics-out", _directory[name + ".json"],
        "--set", "NumberOfEpochs=3", "--set", "LearningRate=0.02", "--set", "BatchSize=256");

    [Fact]
    public void InferSchema_CriteoLikeHeaderlessTsv_GuessesLabelLogNumericsAndCategoricals_ThenTrains()
    {
        PublicLikeData.WriteCriteo(_directory["train.txt"], rows: 4_000, seed: 1);
        PublicLikeData.WriteCriteo(_directory["test.txt"], rows: 1_000, seed: 2);

        CliRun run = CliRunner.Succeed("infer-schema", "--data", _directory["train.txt"], "--no-header", "--label", "c0", "--out", _directory["schema.json"]);
        DatasetSchema schema = DatasetSchema.Load(_directory["schema.json"]);

        Assert.Equal('\t', schema.Delimiter);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"c{i}"), schema.FileColumns);
        Assert.Equal((ColumnRole.Label, ColumnType.Binary), (schema["c0"].Role, schema["c0"].Type));
        Assert.All(Enumerable.Range(1, 13), i => Assert.Equal((ColumnType.Numeric, NumericTransform.Log), (schema[$"c{i}"].Type, schema[$"c{i}"].Transform)));
        Assert.All(Enumerable.Range(14, 26), i => Assert.Equal((ColumnRole.Feature, ColumnType.Categorical, 2), (schema[$"c{i}"].Role, schema[$"c{i}"].Type, schema[$"c{i}"].MinCount)));
        Assert.Contains("delimiter tab, no header", run.Stdout);
        Assert.Matches(@"\nc1 +feature +numeric +context +\d+ distinct numbers, 1\d% empty, skew \d+\.\d: log", run.Stdout);

        CliRun train = Train(_directory["schema.json"], _directory["train.txt"], _directory["test.txt"], "inferred");
        Assert.Contains("Held out 800 of 4000 rows of train.txt for validation", train.Stdout);
        Assert.InRange(TestAuc(_directory["inferred.json"], "c0"), 0.62, 1.0);
    }

    [Fact]
    public void InferSchema_AvazuLikeCsv_IgnoresTheIdAndKeepsStringsCategorical_ThenTrains()
    {
        PublicLikeData.WriteAvazu(_directory["train.csv"], rows: 4_000, seed: 3);
        PublicLikeData.WriteAvazu(_directory["test.csv"], rows: 1_000, seed: 4);

        CliRunner.Succeed("infer-schema", "--data", _directory["train.csv"], "--label", "click", "--user", "device_ip", "--item", "C14", "--out", _directory["schema.json"]);
        DatasetSchema schema = DatasetSchema.Load(_directory["schema.json"]);

        Assert.Equal(',', schema.Delimiter);
        Assert.Null(schema.FileColumns);
        Assert.Equal(ColumnRole.Ignore, schema["id"].Role);
        Assert.Equal((ColumnRole.Label, ColumnType.Binary), (schema["click"].Role, schema["click"].Type));
        Assert.Equal(ColumnType.Numeric, schema["hour"].Type);
        Assert.Equal((ColumnType.Categorical, FeatureSide.Context), (schema["site_category"].Type, schema["site_category"].Side));
        Assert.Equal((ColumnType.Categorical, FeatureSide.User), (schema["device_ip"].Type, schema["device_ip"].Side));
        Assert.Equal(FeatureSide.Item, schema["C14"].Side);
        Assert.Equal(ColumnType.Categorical, schema["banner_pos"].Type);

        Train(_directory["schema.json"], _directory["train.csv"], _directory["test.csv"], "inferred");
        Assert.InRange(TestAuc(_directory["inferred.json"], "click"), 0.6, 1.0);

        CliRunner.Succeed("infer-schema", "--data", _directory["train.csv"], "--label", "click", "--min-numeric-distinct", "100000", "--out", _directory["codes.json"]);
        Assert.Equal(ColumnType.Categorical, DatasetSchema.Load(_directory["codes.json"])["C14"].Type);
    }

    [Fact]
    public void ExampleSchemas_LoadAndTrainOnFilesOfTheirLayout()
    {
        string examples = Path.Combine(RepositoryRoot(), "examples", "schemas");
        PublicLikeData.WriteCriteo(_directory["criteo.txt"], rows: 3_000, seed: 5);
        PublicLikeData.WriteAvazu(_directory["avazu.csv"], rows: 3_000, seed: 6);

        Train(Path.Combine(examples, "criteo.json"), _directory["criteo.txt"], _directory["criteo.txt"], "criteo");
        Train(Path.Combine(examples, "avazu.json"), _directory["avazu.csv"], _directory["avazu.csv"], "avazu");

        Assert.Equal(40, DatasetSchema.Load(Path.Combine(examples, "criteo.json")).FileColumns!.Count);
        Assert.InRange(TestAuc(_directory["criteo.json"], "label"), 0.6, 1.0);
        Assert.InRange(TestAuc(_directory["avazu.json"], "click"), 0.6, 1.0);
    }

    [Fact]
    public void DataDoc_EveryJsonSchemaBlock_LoadsAndValidates()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "DATA.md"));
        string[] blocks = [.. System.Text.RegularExpressions.Regex.Matches(doc, "```json\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Groups[1].Value)];

        Assert.Equal(2, blocks.Length);
        foreach (string block in blocks)
        {
            File.WriteAllText(_directory["doc.json"], block);
            Assert.NotEmpty(DatasetSchema.Load(_directory["doc.json"]).Columns);
        }
    }

    [Fact]
    public void InferSchema_UnknownLabel_IsAUsageErrorListingTheColumns()
    {
        PublicLikeData.WriteAvazu(_directory["a.csv"], rows: 50, seed: 1);

        CliRun run = CliRunner.Run("infer-schema", "--data", _directory["a.csv"], "--label", "clicked", "--out", _directory["s.json"]);

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("'clicked'", run.SingleErrorLine);
        Assert.Contains("id, click, hour", run.SingleErrorLine);
        Assert.False(File.Exists(_directory["s.json"]));
    }

    [Fact]
    public void InferSchema_BadDelimiter_IsAUsageError()
    {
        CliRun run = CliRunner.Run("infer-schema", "--data", "x.csv", "--label", "y", "--delimiter", "ab", "--out", _directory["s.json"]);

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("one character or 'tab'", run.SingleErrorLine);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MLNetCtr.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No MLNetCtr.sln above {AppContext.BaseDirectory}.");
    }
}
