using MLNetCtr.Data.Synthetic;

namespace MLNetCtr.Tests.Data.Synthetic;

public sealed class SequencePosteriorTests
{
    private static readonly SyntheticOptions s_options = SyntheticTestKit.Small with { Rows = 6_000, ObservableTruths = true };

    [Fact]
    public void ObservableTruths_Off_WritesOnlyTheClickTruth()
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Sequence, SyntheticTestKit.Small with { Rows = 500 }, dir.Path);

        Assert.Equal(["click"], result.Truths.Select(t => t.Name));
    }

    [Fact]
    public void ObservableTruths_On_LeavesFeaturesLabelsAndTruthUnchanged()
    {
        using var plain = new TempDirectory();
        using var observed = new TempDirectory();
        SyntheticResult without = SyntheticDataGenerator.Generate(ScenarioKind.Sequence, s_options with { Rows = 1_000, ObservableTruths = false }, plain.Path);
        SyntheticResult with = SyntheticDataGenerator.Generate(ScenarioKind.Sequence, s_options with { Rows = 1_000 }, observed.Path);

        Assert.Equal(["click", "click_observable"], with.Truths.Select(t => t.Name));
        var a = SyntheticTestKit.ReadCsv(without.Train.Path);
        var b = SyntheticTestKit.ReadCsv(with.Train.Path);
        foreach (string column in without.Schema.Columns.Select(c => c.Name))
        {
            Assert.Equal(SyntheticTestKit.Column(a, column), SyntheticTestKit.Column(b, column));
        }
    }

    [Fact]
    public void ObservableTruth_AgesThatDoNotMatter_EqualsTheTruth()
    {
        // With an endless half-life every behavior weighs its type weight whatever its age: the row hides nothing.
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Sequence, s_options with { Rows = 1_000, RecencyHalfLifeHours = 1e12 }, dir.Path);

        float[] truth = result.Train.Truths["click"], observable = result.Train.Truths["click_observable"];
        Assert.All(Enumerable.Range(0, truth.Length), i => Assert.Equal(truth[i], observable[i], 1e-5f));
    }

    [Fact]
    public void ObservableTruth_IsTheConditionalMeanOfTheTruth()
    {
        // E[truth | observable] = observable: within each fifth of the rows ranked by the observable truth, the means agree.
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Sequence, s_options with { RecencyHalfLifeHours = 2 }, dir.Path);

        float[] truth = result.Train.Truths["click"], observable = result.Train.Truths["click_observable"];
        int[] order = Enumerable.Range(0, truth.Length).OrderBy(i => observable[i]).ToArray();
        for (int q = 0; q < 5; q++)
        {
            int[] rows = order[(q * order.Length / 5)..((q + 1) * order.Length / 5)];
            double meanTruth = rows.Average(i => truth[i]), meanObservable = rows.Average(i => observable[i]);
            Assert.True(Math.Abs(meanTruth - meanObservable) < 0.1 * meanObservable + 0.002, $"fifth {q}: mean truth {meanTruth:F4}, mean observable {meanObservable:F4}");
        }
    }

    [Fact]
    public void ObservableTruth_ShortHalfLife_DiffersFromTheTruthRowByRow()
    {
        // A half-life of an hour makes the age inside a bucket matter: the posterior mean cannot equal every true value.
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Sequence, s_options with { Rows = 2_000, RecencyHalfLifeHours = 1 }, dir.Path);

        float[] truth = result.Train.Truths["click"], observable = result.Train.Truths["click_observable"];
        double meanAbsoluteLogitGap = Enumerable.Range(0, truth.Length).Average(i => Math.Abs(SyntheticTestKit.Logit(truth[i]) - SyntheticTestKit.Logit(observable[i])));
        Assert.InRange(meanAbsoluteLogitGap, 0.02, 1.0);
    }
}
