using MLNetCtr.Evaluation;

namespace MLNetCtr.Cli.Tests.Commands;

[Collection(LinearDataCollection.Name)]
public sealed class EvaluateCommandTests(LinearDataFixture data)
{
    [Fact]
    public void Evaluate_SavedModelOnTheTestFile_GivesTheMetricsTrainReported()
    {
        string metricsPath = data.Scratch("evaluate.json");

        CliRun run = CliRunner.Succeed("evaluate", "--model", data.ModelPath, "--data", data.File("test.csv"), "--metrics-out", metricsPath);

        Assert.Equal(File.ReadAllText(data.MetricsPath), File.ReadAllText(metricsPath));
        Assert.Contains(CtrMetricNames.AreaUnderRocCurve, run.Stdout);
        Assert.Contains("test.csv", run.Stdout);
    }

    [Fact]
    public void Evaluate_NotAModelFile_IsOneLineNamingTheFile()
    {
        CliRun run = CliRunner.Run("evaluate", "--model", data.File("schema.json"), "--data", data.File("test.csv"));

        Assert.Equal(CliApp.Failure, run.ExitCode);
        Assert.Contains(data.File("schema.json"), run.SingleErrorLine);
    }

    [Fact]
    public void Evaluate_MissingDataFile_IsOneLineNamingTheFile()
    {
        string missing = data.File("no-such-test.csv");

        CliRun run = CliRunner.Run("evaluate", "--model", data.ModelPath, "--data", missing);

        Assert.Equal(CliApp.Failure, run.ExitCode);
        Assert.Contains(missing, run.SingleErrorLine);
    }
}
