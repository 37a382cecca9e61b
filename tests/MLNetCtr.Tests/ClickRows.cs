namespace MLNetCtr.Tests;

/// <summary>One impression, as an ML.NET user would declare it for <c>LoadFromEnumerable</c>.</summary>
public sealed class ClickRow
{
    public bool Label { get; set; }

    public float TrueProbability { get; set; }

    public bool Buy { get; set; }

    public float Dwell { get; set; }

    public string UserId { get; set; } = "";

    public string ItemId { get; set; } = "";

    public string Category { get; set; } = "";

    public float Price { get; set; }

    public string[] History { get; set; } = [];

    public string[] HistoryTypes { get; set; } = [];
}

/// <summary>The prediction columns of a single-task model, read by a PredictionEngine.</summary>
public sealed class ClickPrediction
{
    public float Score { get; set; }

    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }
}

/// <summary>
/// Impressions with planted truth: logit = user bias + item bias + (user likes the item's category ? 2.5 : 0) − 1;
/// the history holds items of the user's liked category, so history models can find it.
/// </summary>
public static class ClickRows
{
    /// <summary>The AUC of the true probabilities: the ceiling a model is measured against.</summary>
    public static double OracleAuc(IReadOnlyList<ClickRow> rows) =>
        MLNetCtr.Evaluation.BinaryClassificationEvaluator.AreaUnderRocCurve([.. rows.Select(r => r.Label ? 1f : 0f)], [.. rows.Select(r => r.TrueProbability)]);

    public static List<ClickRow> Generate(int count, int seed, int users = 50, int items = 100, int categories = 5)
    {
        var random = new Random(seed);
        var truth = new Random(7);   // the same world for every split
        double[] userBias = [.. Enumerable.Range(0, users).Select(_ => truth.NextDouble() - 0.5)];
        double[] itemBias = [.. Enumerable.Range(0, items).Select(_ => 3 * truth.NextDouble() - 1.5)];
        int[] liked = [.. Enumerable.Range(0, users).Select(_ => truth.Next(categories))];
        var rows = new List<ClickRow>(count);
        for (int r = 0; r < count; r++)
        {
            int u = random.Next(users), i = random.Next(items), c = i % categories;
            double logit = userBias[u] + itemBias[i] + (liked[u] == c ? 2.5 : 0) - 1;
            double probability = 1 / (1 + Math.Exp(-logit));
            bool click = random.NextDouble() < probability;
            string[] history = [.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => $"i{random.Next(items / categories) * categories + liked[u]}")];
            rows.Add(new ClickRow
            {
                Label = click,
                TrueProbability = (float)probability,
                Buy = click && random.NextDouble() < 0.3 + 0.4 * itemBias[i] * itemBias[i],
                Dwell = click ? (float)(1 + itemBias[i] + random.NextDouble()) : 0f,
                UserId = $"u{u}",
                ItemId = $"i{i}",
                Category = $"c{c}",
                Price = (float)(10 + 5 * itemBias[i]),
                History = history,
                HistoryTypes = [.. history.Select(_ => random.Next(2) == 0 ? "click" : "cart")],
            });
        }
        return rows;
    }
}
