using MLNetCtr.Evaluation;
using MLNetCtr.Models;

namespace MLNetCtr.Cli.Tests.Commands;

[Collection(LinearDataCollection.Name)]
public sealed class TrainCommandTests(LinearDataFixture data)
{
    [Fact]
    public void Train_WritesTheModelAndTheTestMetricsKeyedByTask()
    {
        Assert.True(File.Exists(data.ModelPath));
        var metrics = LinearDataFixture.ReadMetrics(data.MetricsPath);
        double oracleAuc = LinearDataFixture.ReadMetrics(data.File("oracle_metrics.json"))["click"][CtrMetricNames.AreaUnderRocCurve];

        IReadOnlyDictionary<string, double> click = Assert.Single(metrics, m => m.Key == "click").Value;
        Assert.InRange(click[CtrMetricNames.AreaUnderRocCurve], 0.6, oracleAuc + 0.02);
        Assert.True(click.ContainsKey(CtrMetricNames.LogLoss));
        Assert.True(click.ContainsKey(CtrMetricNames.AreaUnderPrecisionRecallCurve));
    }

    [Fact]
    public void Train_MetricsFile_HoldsTheTestMetricsOfTheSavedModel()
    {
        CtrPredictionModel model = CtrPredictionModel.LoadFrom(data.ModelPath);
        CtrMetrics expected = model.Evaluate(model.Load(data.File("test.csv")));

        Assert.Equal(expected.ToJson().Trim(), File.ReadAllText(data.MetricsPath).Trim());
    }

    [Fact]
    public void Train_Stdout_ShowsPlainProgressAndAValidAndTestTable()
    {
        string stdout = data.TrainRun.Stdout;

        Assert.Contains("train.csv: 16000 rows loaded.", stdout);
        Assert.Contains("valid AUC", stdout);            // progress lines carry the watched metric of the last validation
        Assert.Contains("rows/s", stdout);
        Assert.Contains("100%", stdout);
        Assert.Contains(CtrMetricNames.AreaUnderRocCurve, stdout);
        Assert.Matches(@"Task\s*│\s*Metric\s*│\s*valid\s*│\s*test", stdout);
        Assert.DoesNotContain('\u001b', stdout);
        Assert.Empty(data.TrainRun.Stderr);
    }

    [Fact]
    public void Train_SetOverrides_AreAppliedToTheSavedModel()
    {
        string modelPath = data.Scratch("set.mlnetctr");

        CliRunner.Succeed("train", "--trainer", "logistic-regression", "--schema", data.File("schema.json"),
            "--train", data.File("train.csv"), "--valid", data.File("valid.csv"), "--model-out", modelPath,
            "--set", "LearningRate=0.05", "--set", "NumberOfEpochs=1");

        CtrPredictionModel model = CtrPredictionModel.LoadFrom(modelPath);
        Assert.Equal(0.05f, model.Options.LearningRate);
        Assert.Equal(1, model.Options.NumberOfEpochs);
        Assert.Single(model.History);                   // one epoch, one validation
    }

    [Fact]
    public void Train_UnknownSetName_IsOneLineNamingTheValidOptions()
    {
        CliRun run = Train("--set", "LearningRat=0.05");

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        string line = run.SingleErrorLine;
        Assert.Contains("'LearningRat'", line);
        Assert.Contains("LearningRate", line);
        Assert.Contains("NumberOfEpochs", line);
        Assert.Contains("Optimizer", line);
    }

    [Fact]
    public void Train_UnknownTrainer_ListsTheKnownIds()
    {
        CliRun run = CliRunner.Run("train", "--trainer", "deep-magic", "--schema", data.File("schema.json"),
            "--train", data.File("train.csv"), "--model-out", data.Scratch("m"));

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        string line = run.SingleErrorLine;
        Assert.Contains("'deep-magic'", line);
        Assert.Contains(string.Join(", ", ModelRegistry.Families.Select(f => f.Id)), line);
    }

    [Fact]
    public void Train_MissingFile_IsOneLineNamingTheFileWithoutAStackTrace()
    {
        string missing = Path.Combine(data.DataDirectory, "no-such-train.csv");

        CliRun run = CliRunner.Run("train", "--trainer", "logistic-regression", "--schema", data.File("schema.json"),
            "--train", missing, "--model-out", data.Scratch("m"));

        Assert.Equal(CliApp.Failure, run.ExitCode);
        Assert.Contains(missing, run.SingleErrorLine);
        Assert.DoesNotContain(" at ", run.Stderr);
    }

    [Fact]
    public void Train_MissingFileWithVerbose_PrintsTheStackTrace()
    {
        CliRun run = CliRunner.Run("train", "--trainer", "logistic-regression", "--schema", data.File("no-such-schema.json"),
            "--train", data.File("train.csv"), "--model-out", data.Scratch("m"), "--verbose");

        Assert.Equal(CliApp.Failure, run.ExitCode);
        Assert.StartsWith("error: ", run.ErrorLines[0]);
        Assert.Contains("FileNotFoundException", run.Stderr);
        Assert.Contains(" at ", run.Stderr);
    }

    [Fact]
    public void Train_BadRow_IsOneLineNamingFileLineAndColumn()
    {
        string bad = data.Scratch("bad-train.csv");
        CsvColumns.WriteWithBadField(data.File("train.csv"), bad, lineNumber: 5, "item_price", "cheap");

        CliRun run = CliRunner.Run("train", "--trainer", "logistic-regression", "--schema", data.File("schema.json"),
            "--train", bad, "--model-out", data.Scratch("m"));

        Assert.Equal(CliApp.Failure, run.ExitCode);
        string line = run.SingleErrorLine;
        Assert.Contains(bad, line);
        Assert.Contains("line 5", line);
        Assert.Contains("'item_price'", line);
        Assert.Contains("'cheap'", line);
    }

    [Fact]
    public void Train_BadRowWithSkipBadRows_TrainsAndReportsTheSkippedRow()
    {
        string bad = data.Scratch("bad-train.csv");
        CsvColumns.WriteWithBadField(data.File("train.csv"), bad, lineNumber: 5, "item_price", "cheap");

        CliRun run = CliRunner.Succeed("train", "--trainer", "logistic-regression", "--schema", data.File("schema.json"),
            "--train", bad, "--model-out", data.Scratch("m"), "--skip-bad-rows", "--set", "NumberOfEpochs=1");

        Assert.Contains("15999 rows loaded, 1 skipped", run.Stdout);
        Assert.Contains("line 5", run.Stdout);
    }

    [Fact]
    public void Train_MetricsOutWithoutValidOrTest_IsAUsageError()
    {
        CliRun run = CliRunner.Run("train", "--trainer", "logistic-regression", "--schema", data.File("schema.json"),
            "--train", data.File("train.csv"), "--model-out", data.Scratch("m"), "--metrics-out", data.Scratch("m.json"));

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("--metrics-out", run.SingleErrorLine);
    }

    [Fact]
    public void Train_WithoutValidation_SaysThatNothingStopsEarly()
    {
        CliRun run = Train("--set", "NumberOfEpochs=1");

        Assert.True(run.ExitCode == CliApp.Success, run.ToString());
        Assert.Contains("No validation data (--valid or --valid-fraction): no early stopping", run.Stdout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("1.5")]
    public void Train_ValidFractionOutsideZeroOne_IsAUsageErrorWithTheValue(string fraction)
    {
        CliRun run = Train("--valid-fraction", fraction);

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains($"got {fraction}", run.SingleErrorLine);
    }

    [Fact]
    public void Train_ValidAndValidFraction_IsAUsageError()
    {
        CliRun run = Train("--valid", data.File("valid.csv"), "--valid-fraction", "0.1");

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("cannot be combined", run.SingleErrorLine);
    }

    [Fact]
    public void Train_ValidFraction_HoldsOutSeededRowsAndValidatesOnThem()
    {
        string modelPath = data.Scratch("holdout.mlnetctr");

        CliRun run = CliRunner.Succeed("train", "--trainer", "logistic-regression", "--schema", data.File("schema.json"),
            "--train", data.File("train.csv"), "--valid-fraction", "0.25", "--model-out", modelPath, "--set", "NumberOfEpochs=1");

        Assert.Contains("Held out 4000 of 16000 rows of train.csv for validation (--valid-fraction 0.25, seed 0).", run.Stdout);
        Assert.Matches(@"Task\s*│\s*Metric\s*│\s*valid", run.Stdout);
        Assert.Single(CtrPredictionModel.LoadFrom(modelPath).History);
    }

    private CliRun Train(params string[] extra) => CliRunner.Run(
        ["train", "--trainer", "logistic-regression", "--schema", data.File("schema.json"), "--train", data.File("train.csv"),
         "--model-out", data.Scratch("m"), .. extra]);
}
