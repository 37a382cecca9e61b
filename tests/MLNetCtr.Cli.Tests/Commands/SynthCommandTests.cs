using MLNetCtr.Evaluation;

namespace MLNetCtr.Cli.Tests.Commands;

[Collection(LinearDataCollection.Name)]
public sealed class SynthCommandTests(LinearDataFixture data)
{
    [Fact]
    public void Synth_Linear_WritesSplitsSchemaAndOracleMetrics()
    {
        foreach (string file in new[] { "train.csv", "valid.csv", "test.csv", "schema.json", "oracle_metrics.json" })
        {
            Assert.True(File.Exists(data.File(file)), $"{file} is missing");
        }
        Assert.Equal(16_000, File.ReadLines(data.File("train.csv")).Count() - 1);
        Assert.Equal(2_000, File.ReadLines(data.File("test.csv")).Count() - 1);
    }

    [Fact]
    public void Synth_OracleAuc_IsTheAucOfTheTrueProbabilitiesOnTheTestFile()
    {
        float[] labels = CsvColumns.Read(data.File("test.csv"), "click");
        float[] truths = CsvColumns.Read(data.File("test.csv"), "oracle_click");
        double expected = BinaryClassificationEvaluator.AreaUnderRocCurve(labels, truths);

        var oracle = LinearDataFixture.ReadMetrics(data.File("oracle_metrics.json"));

        Assert.Equal(["click"], oracle.Keys);
        Assert.Equal(expected, oracle["click"][CtrMetricNames.AreaUnderRocCurve], 12);
        Assert.InRange(expected, 0.65, 0.95);
        Assert.Equal(labels.Average(), oracle["click"][CtrMetricNames.MeanLabel], 6);
        Assert.Equal(truths.Average(), oracle["click"][CtrMetricNames.MeanPrediction], 5);
    }

    [Fact]
    public void Synth_Stdout_ListsTheFilesAndATableOfOracleAucs()
    {
        double auc = LinearDataFixture.ReadMetrics(data.File("oracle_metrics.json"))["click"][CtrMetricNames.AreaUnderRocCurve];

        Assert.Contains("test.csv (2000 rows)", data.SynthRun.Stdout);
        Assert.Contains("Oracle on the test split", data.SynthRun.Stdout);
        Assert.Contains(MetricsTable.Format(auc), data.SynthRun.Stdout);
        Assert.DoesNotContain('\u001b', data.SynthRun.Stdout);   // not a terminal: no escapes
        Assert.Empty(data.SynthRun.Stderr);
    }

    [Fact]
    public void Synth_SetOverrides_ShapeTheWorld_AndAnUnknownOneIsAUsageError()
    {
        string directory = data.Scratch("set");
        CliRunner.Succeed("synth", "--scenario", "fields", "--rows", "3000", "--out", directory, "--set", "Users=7", "--set", "Items=9", "--set", "Categories=3");
        CliRun unknown = CliRunner.Run("synth", "--scenario", "fields", "--out", data.Scratch("bad"), "--set", "Shoppers=7");

        string[] lines = File.ReadAllLines(Path.Combine(directory, "train.csv"));
        int user = Array.IndexOf(lines[0].Split(','), "user_id"), item = Array.IndexOf(lines[0].Split(','), "item_id");
        Assert.InRange(lines.Skip(1).Select(l => l.Split(',')[user]).Distinct().Count(), 2, 7);
        Assert.InRange(lines.Skip(1).Select(l => l.Split(',')[item]).Distinct().Count(), 2, 9);
        Assert.Equal(CliApp.UsageError, unknown.ExitCode);
        Assert.Contains("Unknown option 'Shoppers' for synth. Valid options: Rows, Seed", unknown.SingleErrorLine);
    }

    [Fact]
    public void Synth_Funnel_ScoresConditionalTruthsOnTheGivenRowsOnly()
    {
        using var directory = new TempDirectory();
        CliRunner.Succeed("synth", "--scenario", "funnel", "--rows", "20000", "--seed", "2", "--out", directory.Path);
        float[] clicks = CsvColumns.Read(directory["test.csv"], "click");
        float[] buys = CsvColumns.Read(directory["test.csv"], "buy");
        float[] buyGivenClick = CsvColumns.Read(directory["test.csv"], "oracle_buy_given_click");
        int[] clicked = Enumerable.Range(0, clicks.Length).Where(i => clicks[i] > 0.5f).ToArray();

        var oracle = LinearDataFixture.ReadMetrics(directory["oracle_metrics.json"]);

        Assert.Equal(["click", "click_daction", "click_buy", "daction_given_click", "buy_given_click"], oracle.Keys);
        Assert.Equal(clicks.Length, RowCount(oracle["click"]));
        Assert.Equal(clicked.Length, RowCount(oracle["buy_given_click"]));
        double expected = BinaryClassificationEvaluator.AreaUnderRocCurve(
            clicked.Select(i => buys[i]).ToArray(), clicked.Select(i => buyGivenClick[i]).ToArray());
        Assert.Equal(expected, oracle["buy_given_click"][CtrMetricNames.AreaUnderRocCurve], 12);
    }

    [Fact]
    public void Synth_SequenceWithObservableTruths_AddsTheRowCeilingToTheOracleMetrics()
    {
        using var directory = new TempDirectory();
        CliRunner.Succeed("synth", "--scenario", "sequence", "--rows", "3000", "--out", directory.Path,
            "--set", "Users=300", "--set", "Items=200", "--set", "ObservableTruths=true");
        float[] labels = CsvColumns.Read(directory["test.csv"], "click");
        float[] observable = CsvColumns.Read(directory["test.csv"], "oracle_click_observable");

        var oracle = LinearDataFixture.ReadMetrics(directory["oracle_metrics.json"]);

        Assert.Equal(["click", "click_observable"], oracle.Keys);
        Assert.Equal(BinaryClassificationEvaluator.AreaUnderRocCurve(labels, observable), oracle["click_observable"][CtrMetricNames.AreaUnderRocCurve], 12);
    }

    [Fact]
    public void Synth_Multitask_EvaluatesTheMeanTruthAsRegression()
    {
        using var directory = new TempDirectory();
        CliRunner.Succeed("synth", "--scenario", "multitask", "--rows", "5000", "--out", directory.Path);

        var oracle = LinearDataFixture.ReadMetrics(directory["oracle_metrics.json"]);

        IReadOnlyDictionary<string, double> dwell = oracle["dwell_time"];
        Assert.False(dwell.ContainsKey(CtrMetricNames.AreaUnderRocCurve));
        Assert.InRange(dwell[CtrMetricNames.RootMeanSquaredError], 1e-6, double.MaxValue);
        Assert.InRange(dwell[CtrMetricNames.RSquared], 0.0, 1.0);
        Assert.True(oracle["click"].ContainsKey(CtrMetricNames.AreaUnderRocCurve));

        // Within a position the examination factor is one constant, so the observed P(click) and the position-free
        // relevance rank rows alike there: equal position AUCs, while the all-rows AUCs differ.
        Assert.Equal(oracle["click"][CtrMetricNames.PositionAuc], oracle["click_relevance"][CtrMetricNames.PositionAuc], 12);
        Assert.NotEqual(oracle["click"][CtrMetricNames.AreaUnderRocCurve], oracle["click_relevance"][CtrMetricNames.AreaUnderRocCurve]);
        Assert.InRange(oracle["click"][CtrMetricNames.PositionAuc], 0.55, 1.0);
        Assert.False(oracle["dwell_time"].ContainsKey(CtrMetricNames.PositionAuc));
    }

    [Fact]
    public void Synth_UnknownScenario_IsAUsageErrorListingTheScenarios()
    {
        CliRun run = CliRunner.Run("synth", "--scenario", "galaxy", "--out", data.Scratch("nowhere"));

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        string line = run.SingleErrorLine;
        Assert.Contains("'galaxy'", line);
        Assert.Contains("fields, linear, sequence, funnel, multitask, behavior-text", line);
    }

    [Fact]
    public void Synth_ZeroRows_IsAUsageErrorNamingTheValue()
    {
        CliRun run = CliRunner.Run("synth", "--scenario", "linear", "--rows", "0", "--out", data.Scratch("nowhere"));

        Assert.Equal(CliApp.UsageError, run.ExitCode);
        Assert.Contains("Rows", run.SingleErrorLine);
    }

    private static double RowCount(IReadOnlyDictionary<string, double> metrics) =>
        metrics[CtrMetricNames.TruePositives] + metrics[CtrMetricNames.FalseNegatives]
        + metrics[CtrMetricNames.FalsePositives] + metrics[CtrMetricNames.TrueNegatives];
}
