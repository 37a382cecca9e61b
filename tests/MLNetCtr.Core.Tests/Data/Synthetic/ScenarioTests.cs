using System.Globalization;
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;

namespace MLNetCtr.Tests.Data.Synthetic;

public sealed class ScenarioTests
{
    [Fact]
    public void Funnel_ConversionsHappenOnlyAfterClicks()
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Funnel, SyntheticTestKit.Small with { Rows = 20_000 }, dir.Path);
        SyntheticSplit train = result.Train;
        float[] click = train.Labels["click"], daction = train.Labels["daction"], buy = train.Labels["buy"];

        Assert.All(Enumerable.Range(0, train.Rows), i => Assert.True(click[i] >= daction[i] && click[i] >= buy[i], $"row {i}: click {click[i]}, daction {daction[i]}, buy {buy[i]}"));
        Assert.True(buy.Sum() > 20, $"{buy.Sum()} purchases");
        Assert.True(daction.Sum() > buy.Sum(), $"{daction.Sum()} actions, {buy.Sum()} purchases");
        Assert.All(Enumerable.Range(0, train.Rows), i =>
        {
            Assert.True(train.Truths["click_buy"][i] <= train.Truths["click"][i]);
            Assert.True(train.Truths["click_daction"][i] <= train.Truths["click"][i]);
        });
    }

    [Fact]
    public void Funnel_ConversionRate_IsTheMeanOverImpressions()
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Funnel, SyntheticTestKit.Small with { Rows = 10_000, ConversionRate = 0.08 }, dir.Path);

        Assert.InRange(result.Train.Truths["buy_given_click"].Average(), 0.07, 0.09);
        Assert.InRange(result.Train.Truths["daction_given_click"].Average(), 0.27, 0.33);
    }

    [Fact]
    public void Funnel_ActionConversionLift_SetsHowMuchMoreOftenBuysFollowDActions()
    {
        using var dir = new TempDirectory();
        (double Ratio, double MeanCvr) Funnel(double lift)
        {
            SyntheticOptions options = SyntheticTestKit.Small with { Rows = 20_000, BaseClickRate = 0.3, ActionConversionLift = lift };
            SyntheticSplit train = SyntheticDataGenerator.Generate(ScenarioKind.Funnel, options, dir.Sub($"lift{lift}")).Train;
            float[] click = train.Labels["click"], daction = train.Labels["daction"], buy = train.Labels["buy"];
            double BuyRate(float action)
            {
                int[] rows = [.. Enumerable.Range(0, train.Rows).Where(i => click[i] > 0 && daction[i] == action)];
                return (rows.Sum(i => buy[i]) + 1.0) / (rows.Length + 2.0);   // Laplace-smoothed: a rate of 0 stays finite
            }
            return (BuyRate(1f) / BuyRate(0f), train.Truths["buy_given_click"].Average());
        }

        (double none, double noneCvr) = Funnel(0);
        (double strong, double strongCvr) = Funnel(3);

        Assert.InRange(none, 1.0, 3.0);   // only the features shared by the DAction and buy logits link them
        Assert.True(strong > 10 * none, $"buy-rate ratio after/without a DAction: lift 3 gave {strong:F2}, lift 0 gave {none:F2}");
        Assert.InRange(noneCvr, 0.045, 0.055);   // the intercept is still solved for ConversionRate (0.05)
        Assert.InRange(strongCvr, 0.045, 0.055);
    }

    [Fact]
    public void Multitask_TaskCorrelation_MovesEmpiricalCorrelationOfTaskFunctions()
    {
        using var dir = new TempDirectory();
        double Correlation(double rho, string name)
        {
            SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Multitask, SyntheticTestKit.Small with { Rows = 5_000, TaskCorrelation = rho }, dir.Sub(name));
            return SyntheticTestKit.Pearson(
                result.Train.Truths["click_relevance"].Select(SyntheticTestKit.Logit).ToArray(),
                result.Train.Truths["like"].Select(SyntheticTestKit.Logit).ToArray());
        }

        double low = Correlation(0.1, "low"), high = Correlation(0.9, "high"), negative = Correlation(-0.9, "negative");

        Assert.True(high > low + 0.4, $"ρ = 0.9 gave {high:F3}, ρ = 0.1 gave {low:F3}");
        Assert.True(negative < low - 0.4, $"ρ = −0.9 gave {negative:F3}, ρ = 0.1 gave {low:F3}");
    }

    [Fact]
    public void Multitask_PositionBias_LowersObservedClicksBelowRelevance()
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Multitask, SyntheticTestKit.Small with { TaskCount = 3 }, dir.Path);
        var csv = SyntheticTestKit.ReadCsv(result.Train.Path);
        int[] position = SyntheticTestKit.Column(csv, "position").Select(int.Parse).ToArray();
        float[] observed = result.Train.Truths["click"], relevance = result.Train.Truths["click_relevance"];

        Assert.Equal(ColumnRole.Position, result.Schema["position"].Role);
        Assert.Equal(["click", "like", "share", "dwell_time"], result.Schema.Labels.Select(c => c.Name));
        Assert.Equal(ColumnType.Numeric, result.Schema["dwell_time"].Type);
        Assert.All(position, p => Assert.InRange(p, 1, 10));
        Assert.All(Enumerable.Range(0, position.Length), i => Assert.Equal(relevance[i] / position[i], observed[i], 1e-6f));
        Assert.All(result.Train.Labels["dwell_time"], d => Assert.True(d >= 0));
    }

    [Fact]
    public void Multitask_NoPositionBias_MakesObservedEqualRelevance()
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Multitask, SyntheticTestKit.Small with { Rows = 500, PositionBiasStrength = 0 }, dir.Path);

        Assert.Equal(result.Train.Truths["click_relevance"], result.Train.Truths["click"]);
    }

    [Fact]
    public void Multitask_DenseTaskInput_WritesStandardNormalColumnsBesideTheSameFields()
    {
        using var dir = new TempDirectory();
        SyntheticOptions options = SyntheticTestKit.Small with { Rows = 5_000, LatentDimension = 12 };
        SyntheticResult plain = SyntheticDataGenerator.Generate(ScenarioKind.Multitask, options, dir.Sub("plain"));
        SyntheticResult dense = SyntheticDataGenerator.Generate(ScenarioKind.Multitask, options with { DenseTaskInput = true }, dir.Sub("dense"));
        string[] names = [.. Enumerable.Range(1, 12).Select(d => $"x{d}")];

        Assert.Equal(plain.Schema.Columns.Select(c => (c.Name, c.Role, c.Type, c.Side, c.Transform)),
            dense.Schema.Columns.Where(c => !names.Contains(c.Name)).Select(c => (c.Name, c.Role, c.Type, c.Side, c.Transform)));
        Assert.All(names, name =>
        {
            ColumnSchema column = dense.Schema[name];
            Assert.Equal((ColumnRole.Feature, ColumnType.Numeric, FeatureSide.Context, NumericTransform.None), (column.Role, column.Type, column.Side, column.Transform));
        });
        var csv = SyntheticTestKit.ReadCsv(dense.Train.Path);
        double[][] x = [.. names.Select(name => SyntheticTestKit.Column(csv, name).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
        Assert.All(x, values =>
        {
            double mean = values.Average();
            Assert.InRange(mean, -0.07, 0.07);                                               // 4 000 rows: SE 0.016
            Assert.InRange(values.Average(v => (v - mean) * (v - mean)), 0.9, 1.1);
        });
        Assert.InRange(SyntheticTestKit.Pearson(x[0], x[1]), -0.07, 0.07);
        Assert.InRange(dense.Train.Truths["like"].Average(), 0.09, 0.11);                   // the pilot drew x the same way
    }

    [Fact]
    public void Multitask_DenseTaskInput_TruthsRecomputeFromTheWrittenXAndPosition()
    {
        using var dir = new TempDirectory();
        SyntheticOptions options = SyntheticTestKit.Small with { Rows = 1_000, LatentDimension = 10, TaskCount = 3, DenseTaskInput = true };
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Multitask, options, dir.Path);
        var scenario = new MultitaskScenario(options);   // the same seed gives the same planted world
        var csv = SyntheticTestKit.ReadCsv(result.Train.Path);
        double[][] x = [.. Enumerable.Range(1, 10).Select(d => SyntheticTestKit.Column(csv, $"x{d}").Select(v => (double)float.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
        int[] position = [.. SyntheticTestKit.Column(csv, "position").Select(int.Parse)];
        var truths = new double[scenario.Truths.Count];

        for (int i = 0; i < result.Train.Rows; i++)
        {
            scenario.TruthsAt([.. x.Select(column => column[i])], position[i], truths);
            for (int t = 0; t < truths.Length; t++)
            {
                float written = result.Train.Truths[scenario.Truths[t].Name][i];
                Assert.Equal((float)truths[t], written);
            }
        }
    }

    [Fact]
    public void Multitask_TaskValueLabels_AreEachTasksScorePlusSmallNoiseBesideTheSameLabels()
    {
        using var dir = new TempDirectory();
        SyntheticOptions options = SyntheticTestKit.Small with { Rows = 5_000, TaskCount = 3, DenseTaskInput = true, LatentDimension = 10 };
        SyntheticResult plain = SyntheticDataGenerator.Generate(ScenarioKind.Multitask, options, dir.Sub("plain"));
        SyntheticResult valued = SyntheticDataGenerator.Generate(ScenarioKind.Multitask, options with { TaskValueLabels = true }, dir.Sub("valued"));
        string[] tasks = ["click", "like", "share"];

        Assert.Equal(["click", "like", "share", "dwell_time", "click_value", "like_value", "share_value"],
            valued.Schema.Columns.Where(c => c.Role == ColumnRole.Label).Select(c => c.Name));
        Assert.All(valued.Schema.Columns.Where(c => c.Name.EndsWith("_value", StringComparison.Ordinal) && c.Role == ColumnRole.Label), c => Assert.Equal(ColumnType.Numeric, c.Type));
        foreach (string name in plain.Train.Labels.Keys)
        {
            Assert.Equal(plain.Train.Labels[name], valued.Train.Labels[name]);                 // their noise has a stream of its own
        }
        foreach (string task in tasks)
        {
            float[] value = valued.Train.Labels[task + "_value"], mean = valued.Train.Truths[task + "_value"], label = valued.Train.Labels[task];
            double[] noise = [.. value.Select((v, i) => (double)v - mean[i])];
            Assert.InRange(noise.Average(), -0.01, 0.01);                                      // 4 000 rows: SE 0.0016
            Assert.InRange(Math.Sqrt(noise.Average(e => e * e)), 0.09, 0.11);
            Assert.InRange(mean.Average(), -0.1, 0.1);                                         // f̃ is standardized
            Assert.InRange(mean.Average(m => (double)m * m), 0.8, 1.2);
            double positives = mean.Where((_, i) => label[i] == 1).Average(), negatives = mean.Where((_, i) => label[i] == 0).Average();
            Assert.True(positives > negatives + 0.5, $"{task}: mean f̃ {positives:F3} where the label is 1, {negatives:F3} where it is 0");
        }
    }

    [Fact]
    public void Sequence_SideInfoSequences_AreAlignedWithHistItems()
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Sequence, SyntheticTestKit.Small with { Rows = 1_000, MaxHistoryLength = 12 }, dir.Path);
        var csv = SyntheticTestKit.ReadCsv(result.Train.Path);
        string[][] items = SyntheticTestKit.Column(csv, "hist_items").Select(s => s.Split('|')).ToArray();
        string[] aligned = result.Schema.Columns.Where(c => c.AlignedWith == "hist_items").Select(c => c.Name).ToArray();

        Assert.Equal(["hist_categories", "hist_brands", "hist_price_buckets", "hist_behavior_types", "hist_time_gaps"], aligned);
        Assert.Equal("item_id", result.Schema["hist_items"].VocabularyName);
        Assert.Equal("category", result.Schema["hist_categories"].VocabularyName);
        Assert.All(items, h => Assert.InRange(h.Length, 1, 12));
        Assert.All(items.SelectMany(h => h), token => Assert.Matches("^i[0-9]+$", token));
        foreach (string name in aligned)
        {
            Assert.Equal(items.Select(h => h.Length), SyntheticTestKit.Column(csv, name).Select(s => s.Split('|').Length));
        }
        Assert.Equal(["buy", "cart", "click"], SyntheticTestKit.Column(csv, "hist_behavior_types").SelectMany(s => s.Split('|')).Distinct().Order());
        Assert.All(SyntheticTestKit.Column(csv, "hist_time_gaps").Select(s => s.Split('|')), gaps =>
            Assert.Equal(gaps.Select(g => SequenceTimeGapOrder(g)).OrderDescending(), gaps.Select(g => SequenceTimeGapOrder(g))));   // oldest first
    }

    [Fact]
    public void Sequence_RecentSimilarity_DrivesClicks()
    {
        // The candidate's category matching the latest history category must lift the true click probability.
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.Sequence, SyntheticTestKit.Small with { Rows = 5_000 }, dir.Path);
        var csv = SyntheticTestKit.ReadCsv(result.Train.Path);
        string[] latest = SyntheticTestKit.Column(csv, "hist_categories").Select(s => s.Split('|')[^1]).ToArray();
        string[] candidate = SyntheticTestKit.Column(csv, "category");
        float[] truth = result.Train.Truths["click"];
        double matching = Enumerable.Range(0, truth.Length).Where(i => latest[i] == candidate[i]).Average(i => truth[i]);
        double other = Enumerable.Range(0, truth.Length).Where(i => latest[i] != candidate[i]).Average(i => truth[i]);

        Assert.True(matching > 2 * other, $"P(click) {matching:F3} when the candidate matches the latest category, {other:F3} otherwise");
    }

    [Fact]
    public void BehaviorText_TestParaphrases_NeverOccurInTrainingOrValidation()
    {
        using var dir = new TempDirectory();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.BehaviorText, SyntheticTestKit.Small with { Rows = 6_000 }, dir.Path);
        string[] columns = result.Schema.Columns.Where(c => c.Type == ColumnType.TextSequence).Select(c => c.Name).ToArray();
        HashSet<string> Texts(SyntheticSplit split)
        {
            var csv = SyntheticTestKit.ReadCsv(split.Path);
            return columns.SelectMany(c => SyntheticTestKit.Column(csv, c)).Where(s => s.Length > 0).SelectMany(s => s.Split('|')).ToHashSet();
        }

        HashSet<string> seen = Texts(result.Train);
        seen.UnionWith(Texts(result.Valid));
        HashSet<string> test = Texts(result.Test);

        Assert.Equal(["click_texts", "purchase_texts", "search_texts"], columns);
        Assert.True(test.Count > 300 && seen.Count > 1_000, $"{test.Count} test texts, {seen.Count} seen texts");
        Assert.Empty(test.Intersect(seen));
        Assert.All(test, t => Assert.Matches("^[A-Za-z][A-Za-z0-9 '-]+$", t));
    }

    [Fact]
    public void BehaviorText_Catalog_HasHundredsOfDistinctConcepts()
    {
        var catalog = new BehaviorTextCatalog();
        string[] forms = catalog.Concepts.SelectMany(c => c.Forms).ToArray();

        Assert.InRange(catalog.Concepts.Count, 200, 400);
        Assert.All(catalog.Concepts, c => Assert.Equal(3, c.Forms.Count));
        Assert.Equal(forms.Length, forms.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(forms, f => Assert.DoesNotMatch("[,|\"/;:]", f));
        Assert.All(BehaviorTextCatalog.Templates, t => Assert.Equal(8, t.Count));
    }

    [Fact]
    public void Fields_InteractionStrength_ChangesTheTruthButNotTheImpressions()
    {
        using var dir = new TempDirectory();
        SyntheticResult crossed = SyntheticDataGenerator.Generate(ScenarioKind.Fields, SyntheticTestKit.Small, dir.Sub("a"));
        SyntheticResult additive = SyntheticDataGenerator.Generate(ScenarioKind.Fields, SyntheticTestKit.Small with { InteractionStrength = 0 }, dir.Sub("b"));

        Assert.Equal(Features(crossed), Features(additive));
        double correlation = SyntheticTestKit.Pearson(
            crossed.Train.Truths["click"].Select(SyntheticTestKit.Logit).ToArray(), additive.Train.Truths["click"].Select(SyntheticTestKit.Logit).ToArray());
        Assert.InRange(correlation, 0.3, 0.95);
    }

    [Fact]
    public void Fields_ThirdOrderStrength_AddsATermOfAgeHourAndCategoryOnly()
    {
        using var dir = new TempDirectory();
        SyntheticResult plain = SyntheticDataGenerator.Generate(ScenarioKind.Fields, SyntheticTestKit.Small, dir.Sub("a"));
        SyntheticResult third = SyntheticDataGenerator.Generate(ScenarioKind.Fields, SyntheticTestKit.Small with { ThirdOrderStrength = 1 }, dir.Sub("b"));
        Assert.Equal(Features(plain), Features(third));

        // logit(third) − logit(plain) = T(age, hour, category) + a calibration shift: one value per triple, many values overall.
        var csv = SyntheticTestKit.ReadCsv(third.Train.Path);
        string[] age = SyntheticTestKit.Column(csv, "age_bucket"), hour = SyntheticTestKit.Column(csv, "hour"), category = SyntheticTestKit.Column(csv, "category");
        double[] difference = [.. Enumerable.Range(0, third.Train.Rows).Select(i =>
            SyntheticTestKit.Logit(third.Train.Truths["click"][i]) - SyntheticTestKit.Logit(plain.Train.Truths["click"][i]))];
        var byTriple = Enumerable.Range(0, difference.Length).GroupBy(i => (age[i], hour[i], category[i])).ToList();
        Assert.All(byTriple, g => Assert.InRange(g.Max(i => difference[i]) - g.Min(i => difference[i]), 0, 1e-2));   // float truths
        double mean = difference.Average();
        Assert.InRange(Math.Sqrt(difference.Average(d => (d - mean) * (d - mean))), 0.5, 2);   // about unit scale
    }

    /// <summary>The training rows without their last two columns (the click label and its truth).</summary>
    private static IEnumerable<string> Features(SyntheticResult r) => File.ReadLines(r.Train.Path).Select(line => string.Join(',', line.Split(',')[..^2]));

    private static int SequenceTimeGapOrder(string gap) => SequenceScenario.TimeGaps.ToList().IndexOf(gap);
}
