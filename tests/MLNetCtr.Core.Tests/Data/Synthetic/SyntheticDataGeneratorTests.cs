using System.Globalization;
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;

namespace MLNetCtr.Tests.Data.Synthetic;

public sealed class SyntheticDataGeneratorTests
{
    private static readonly string[] s_files = ["train.csv", "valid.csv", "test.csv", SyntheticDataGenerator.SchemaFileName];

    public static TheoryData<ScenarioKind> Kinds => SyntheticTestKit.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_SameSeed_WritesIdenticalBytes(ScenarioKind kind)
    {
        using var dir = new TempDirectory();
        SyntheticDataGenerator.Generate(kind, SyntheticTestKit.Small, dir.Sub("a"));
        SyntheticDataGenerator.Generate(kind, SyntheticTestKit.Small, dir.Sub("b"));

        foreach (string file in s_files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Sub("a"), file)), File.ReadAllBytes(Path.Combine(dir.Sub("b"), file)));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_DifferentSeeds_WriteDifferentRows(ScenarioKind kind)
    {
        using var dir = new TempDirectory();
        SyntheticDataGenerator.Generate(kind, SyntheticTestKit.Small, dir.Sub("a"));
        SyntheticDataGenerator.Generate(kind, SyntheticTestKit.Small with { Seed = 2 }, dir.Sub("b"));

        string[] a = File.ReadAllLines(Path.Combine(dir.Sub("a"), "train.csv"));
        string[] b = File.ReadAllLines(Path.Combine(dir.Sub("b"), "train.csv"));
        Assert.Equal(a[0], b[0]);
        Assert.True(a.Skip(1).Zip(b.Skip(1)).Count(p => p.First != p.Second) > a.Length * 0.9, $"{kind}: seeds 1 and 2 gave mostly equal rows.");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_SplitFractions_GiveRowCounts(ScenarioKind kind)
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(kind, SyntheticTestKit.Small with { Rows = 1_000, ValidFraction = 0.15, TestFraction = 0.2 }, dir.Path);

        Assert.Equal((650, 150, 200), (result.Train.Rows, result.Valid.Rows, result.Test.Rows));
        foreach (DatasetSplit split in Enum.GetValues<DatasetSplit>())
        {
            SyntheticSplit data = result[split];
            Assert.Equal(data.Rows + 1, File.ReadAllLines(data.Path).Length);
            Assert.All(data.Labels.Values, values => Assert.Equal(data.Rows, values.Length));
            Assert.All(data.Truths.Values, values => Assert.Equal(data.Rows, values.Length));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_Schema_ValidatesAndNamesEveryHeaderColumn(ScenarioKind kind)
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(kind, SyntheticTestKit.Small with { Rows = 200 }, dir.Path);
        DatasetSchema schema = DatasetSchema.Load(result.SchemaPath);
        string[] header = File.ReadLines(result.Train.Path).First().Split(',');

        Assert.Equal(schema.Columns.Select(c => c.Name), header);
        Assert.Equal(result.Schema.ToJson(), schema.ToJson());
        Assert.All(result.Truths, t => Assert.Equal(ColumnRole.Ignore, schema[t.Column].Role));
        Assert.All(result.Truths, t => Assert.Equal(ColumnRole.Label, schema[t.Label].Role));
        Assert.Contains(schema.Columns, c => c.Role == ColumnRole.Feature && c.Side == FeatureSide.User);
        Assert.Contains(schema.Columns, c => c.Role == ColumnRole.Feature && c.Side == FeatureSide.Item);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_ReturnedLabelsAndTruths_EqualTheFile(ScenarioKind kind)
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(kind, SyntheticTestKit.Small with { Rows = 500 }, dir.Path);
        var csv = SyntheticTestKit.ReadCsv(result.Test.Path);

        foreach ((string name, float[] values) in result.Test.Labels)
        {
            Assert.Equal(values, SyntheticTestKit.Column(csv, name).Select(s => float.Parse(s, CultureInfo.InvariantCulture)));
        }
        foreach (SyntheticTruth truth in result.Truths)
        {
            Assert.Equal(result.Test.Truths[truth.Name], SyntheticTestKit.Column(csv, truth.Column).Select(s => float.Parse(s, CultureInfo.InvariantCulture)));
        }
    }

    [Theory]
    [InlineData(ScenarioKind.Fields, 0.05)]
    [InlineData(ScenarioKind.Linear, 0.2)]
    [InlineData(ScenarioKind.Sequence, 0.05)]
    [InlineData(ScenarioKind.Funnel, 0.15)]
    [InlineData(ScenarioKind.Multitask, 0.05)]
    [InlineData(ScenarioKind.BehaviorText, 0.2)]
    public void Generate_BaseClickRate_SetsClickRate(ScenarioKind kind, double rate)
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(kind, SyntheticTestKit.Small with { Rows = 10_000, BaseClickRate = rate }, dir.Path);
        float[] truth = [.. result.Train.Truths["click"], .. result.Test.Truths["click"]];
        float[] clicks = [.. result.Train.Labels["click"], .. result.Test.Labels["click"]];

        Assert.InRange(truth.Average(), rate * 0.85, rate * 1.15);
        Assert.InRange(clicks.Average(), rate * 0.8, rate * 1.2);
        Assert.All(result.Train.Truths.Where(p => result.Truths.Single(t => t.Name == p.Key).Kind == TruthKind.Probability),
            p => Assert.All(p.Value, v => Assert.InRange(v, 0f, 1f)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void OracleAuc_OnTest_IsWellAboveChance_AndRandomScoresAreNot(ScenarioKind kind)
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(kind, new SyntheticOptions { Rows = 20_000, TestFraction = 0.5 }, dir.Path);
        (float[] scores, float[] labels) = result.Test.Oracle(result.Truths[0]);
        var random = new Random(7);
        float[] noise = scores.Select(_ => random.NextSingle()).ToArray();

        double oracle = SyntheticTestKit.Auc(scores, labels);
        Assert.True(oracle > 0.7, $"{kind}: oracle AUC {oracle:F4}");
        Assert.InRange(SyntheticTestKit.Auc(noise, labels), 0.45, 0.55);
    }

    [Fact]
    public void Oracle_ConditionalTruth_KeepsOnlyRowsWhereGivenIsPositive()
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Funnel, SyntheticTestKit.Small, dir.Path);
        SyntheticTruth cvr = result.Truths.Single(t => t.Name == "buy_given_click");
        (float[] scores, float[] labels) = result.Test.Oracle(cvr);

        Assert.Equal(result.Test.Labels["click"].Count(v => v == 1), scores.Length);
        Assert.Equal(scores.Length, labels.Length);
    }

    [Fact]
    public void Validate_FractionsLeavingNoTrainingRow_NameTheValues()
    {
        var options = new SyntheticOptions { Rows = 10, ValidFraction = 0.5, TestFraction = 0.5 };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate());
        Assert.Contains("0.5", e.Message);
        Assert.Contains("10 rows", e.Message);
    }

    [Fact]
    public void Validate_RateOutOfRange_NamesOptionAndValue()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticOptions { BaseClickRate = 1.5 }.Validate());
        Assert.Equal(nameof(SyntheticOptions.BaseClickRate), e.ParamName);
        Assert.Contains("1.5", e.Message);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(11.0)]
    public void Validate_ActionConversionLiftOutOfRange_NamesOptionAndValue(double lift)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticOptions { ActionConversionLift = lift }.Validate());
        Assert.Equal(nameof(SyntheticOptions.ActionConversionLift), e.ParamName);
        Assert.Contains(lift.ToString(System.Globalization.CultureInfo.CurrentCulture), e.Message);
    }

    [Fact]
    public void Generate_ReportsProgressUpToOne()
    {
        using var dir = new TempDirectory();
        var reports = new List<double>();
        SyntheticDataGenerator.Generate(ScenarioKind.Linear, SyntheticTestKit.Small with { Rows = 25_000 }, dir.Path, new SynchronousProgress(reports.Add));

        Assert.True(reports.Count >= 3, $"{reports.Count} reports");
        Assert.Equal(1.0, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
