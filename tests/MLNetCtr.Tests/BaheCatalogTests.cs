using Microsoft.ML;

namespace MLNetCtr.Tests;

/// <summary>An impression with textual behaviors: the user's browsed items and the candidate, as sentences.</summary>
public sealed class BehaviorTextRow
{
    public bool Label { get; set; }

    public string UserId { get; set; } = "";

    public string ItemId { get; set; } = "";

    public string ItemText { get; set; } = "";

    public string[] Browsed { get; set; } = [];

    private static readonly string[] s_categories = ["garden", "kitchen", "camping", "music", "office"];

    /// <summary><see cref="ClickRows"/> told in words: an item is "a &lt;category&gt; product number &lt;id&gt;", so only the texts tell which category the user likes (ids tell the biases).</summary>
    public static List<BehaviorTextRow> Generate(int count, int seed) => [.. ClickRows.Generate(count, seed).Select(r => new BehaviorTextRow
    {
        Label = r.Label,
        UserId = r.UserId,
        ItemId = r.ItemId,
        ItemText = Describe(r.ItemId),
        Browsed = [.. r.History.Select(h => "browsed " + Describe(h))],
    })];

    private static string Describe(string itemId)
    {
        int id = int.Parse(itemId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
        return $"a {s_categories[id % s_categories.Length]} product number {id}";
    }
}

public sealed class BaheCatalogTests
{
    /// <summary>Universal Sentence Encoder lite: <c>$MLNETCTR_MODELS/use-lite</c>, else the first <c>.models/use-lite</c> above the test folder (tools/fetch-use-lite.sh).</summary>
    private static string UseLiteDirectory()
    {
        string? root = Environment.GetEnvironmentVariable("MLNETCTR_MODELS");
        IEnumerable<string> candidates = !string.IsNullOrEmpty(root) ? [Path.Combine(root, "use-lite")]
            : EnumerateAncestors(AppContext.BaseDirectory).Select(d => Path.Combine(d, ".models", "use-lite"));
        string? found = candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "model.json")));
        Assert.True(found is not null, $"Universal Sentence Encoder lite was not found in .models/use-lite above {AppContext.BaseDirectory}: run tools/fetch-use-lite.sh at the repository root.");
        return found!;
    }

    private static IEnumerable<string> EnumerateAncestors(string start)
    {
        for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
        {
            yield return d.FullName;
        }
    }

    [Fact]
    public void Bahe_FitTransformEvaluate_LearnsFromBehaviorTextsAndEncodesThemIntoTheTable()
    {
        var ml = new MLContext(seed: 1);
        IDataView train = ml.Data.LoadFromEnumerable(BehaviorTextRow.Generate(6_000, seed: 1));
        IDataView test = ml.Data.LoadFromEnumerable(BehaviorTextRow.Generate(2_000, seed: 2));
        string folder = Directory.CreateTempSubdirectory("mlnetctr-bahe-").FullName, table = Path.Combine(folder, "behaviors.db");
        var estimator = ml.Ctr().Trainers.Bahe(new CtrEstimatorOptions<Trainers.BaheOptions>
        {
            Columns = new() { FeatureColumnNames = ["UserId", "ItemId", "Browsed", "ItemText"], MaxSequenceLength = 5 },
            Trainer = new()
            {
                BehaviorTable = table, EncoderModel = UseLiteDirectory(), FrozenLayers = 0, HiddenSize = 32, Heads = 2, FeedForward = 64,
                HiddenSizes = [32], NumberOfEpochs = 4, BatchSize = 256, LearningRate = 5e-3f,
            },
        }, behaviorColumnNames: ["Browsed"], itemTextColumnName: "ItemText");
        try
        {
            CtrPredictionTransformer model = estimator.Fit(train);

            double auc = ml.BinaryClassification.Evaluate(model.Transform(test)).AreaUnderRocCurve;
            Assert.True(auc >= 0.62, $"test AUC {auc}; the oracle's is about 0.80, and the liked category is only in the words");
            int encoded = ((Models.Bahe)model.Model.Network).Table.Count;
            Assert.True(encoded > 100, $"the table holds {encoded} texts; the 100 item texts and the browsed ones should have been encoded");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Bahe_BehaviorColumnNotAFeature_ThrowsNamingIt()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(BehaviorTextRow.Generate(10, seed: 1));
        var estimator = ml.Ctr().Trainers.Bahe(["Browsed"], "ItemText", behaviorTable: "unused.db", featureColumnNames: ["UserId", "ItemText"]);

        var error = Assert.Throws<ArgumentException>(() => estimator.Fit(data));

        Assert.Contains("'Browsed'", error.Message);
    }
}
