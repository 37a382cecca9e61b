namespace MLNetCtr.Tests.Evaluation;

/// <summary>
/// Metric definitions written the slow, obvious way: each is an independent oracle for a fast evaluator. Positive
/// means label &gt; 0; a null weights array means unit weights.
/// </summary>
internal static class BruteForce
{
    /// <summary>AUC by counting every (positive, negative) pair: O(n²), ties count one half.</summary>
    public static double RocArea(float[] labels, float[] scores, float[]? weights = null)
    {
        double credit = 0, positives = 0, negatives = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            positives += labels[i] > 0 ? W(weights, i) : 0;
            negatives += labels[i] > 0 ? 0 : W(weights, i);
            for (int j = 0; j < labels.Length; j++)
            {
                if (labels[i] > 0 && !(labels[j] > 0))
                {
                    double win = scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    credit += W(weights, i) * W(weights, j) * win;
                }
            }
        }
        return credit / (positives * negatives);
    }

    /// <summary>
    /// Lower-trapezoid PR area from its definition (Boyd et al. 2013): the (recall, precision) point of every distinct
    /// threshold "predict positive when score ≥ t", plus (0, 1); between consecutive recall levels, the mean of the
    /// minimum precision at the lower level and the maximum precision at the higher one.
    /// </summary>
    public static double PrecisionRecallArea(float[] labels, float[] scores, float[]? weights = null)
    {
        double positives = Enumerable.Range(0, labels.Length).Where(i => labels[i] > 0).Sum(i => W(weights, i));
        var points = new List<(double Recall, double Precision)> { (0, 1) };
        foreach (float t in scores.Distinct())
        {
            double tp = 0, fp = 0;
            for (int i = 0; i < labels.Length; i++)
            {
                bool predictedPositive = scores[i] >= t;
                tp += predictedPositive && labels[i] > 0 ? W(weights, i) : 0;
                fp += predictedPositive && !(labels[i] > 0) ? W(weights, i) : 0;
            }
            points.Add((positives > 0 ? tp / positives : 0, tp / (tp + fp)));
        }
        var levels = points.GroupBy(p => p.Recall).OrderBy(g => g.Key)
            .Select(g => (Recall: g.Key, Min: g.Min(p => p.Precision), Max: g.Max(p => p.Precision))).ToList();
        double area = 0;
        for (int k = 0; k + 1 < levels.Count; k++)
        {
            area += (levels[k + 1].Recall - levels[k].Recall) * (levels[k].Min + levels[k + 1].Max) / 2;
        }
        return area;
    }

    /// <summary>Mean base-2 log-loss by its formula, p clamped to [ε, 1 − ε].</summary>
    public static double LogLoss(float[] labels, float[] probabilities, float[]? weights = null, double epsilon = 1e-15)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = Math.Min(Math.Max(probabilities[i], epsilon), 1 - epsilon);
            sum += W(weights, i) * (labels[i] > 0 ? -Math.Log(p) : -Math.Log(1 - p)) / Math.Log(2);
            total += W(weights, i);
        }
        return sum / total;
    }

    /// <summary>gAUC by explicit grouping: the pair-count AUC of each group with both classes, weighted by its total weight.</summary>
    public static (double Gauc, int GroupsUsed) Gauc<T>(T[] groups, float[] labels, float[] scores, float[]? weights = null)
        where T : notnull
    {
        double sum = 0, impressions = 0;
        int used = 0;
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => groups[i]))
        {
            int[] rows = group.ToArray();
            if (!rows.Any(i => labels[i] > 0) || rows.All(i => labels[i] > 0))
            {
                continue;
            }
            float[]? groupWeights = weights is null ? null : rows.Select(i => weights[i]).ToArray();
            double auc = RocArea(rows.Select(i => labels[i]).ToArray(), rows.Select(i => scores[i]).ToArray(), groupWeights);
            double groupImpressions = rows.Sum(i => W(weights, i));
            sum += groupImpressions * auc;
            impressions += groupImpressions;
            used++;
        }
        return (sum / impressions, used);
    }

    /// <summary>Each row repeated <c>weights[i]</c> times (integer weights): the unweighted twin of a weighted data set.</summary>
    public static float[] Repeat(float[] column, float[] weights) =>
        column.SelectMany((v, i) => Enumerable.Repeat(v, (int)weights[i])).ToArray();

    /// <summary>Random rows: labels 0/1 with the given positive rate, logits with only <paramref name="distinctScores"/> values (many ties).</summary>
    public static (float[] Labels, float[] Scores, float[] Weights) Data(int n, int seed, int distinctScores = 25, double positiveRate = 0.3)
    {
        var rng = new Random(seed);
        var labels = new float[n];
        var scores = new float[n];
        var weights = new float[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = rng.NextDouble() < positiveRate ? 1f : 0f;
            // Scores lean towards the label, so AUCs are away from 0.5 and every metric is exercised.
            int level = Math.Clamp(rng.Next(distinctScores) + (labels[i] > 0 ? distinctScores / 4 : 0), 0, distinctScores - 1);
            scores[i] = (level - distinctScores / 2) / 4f;
            weights[i] = 0.5f + (float)rng.NextDouble() * 1.5f;
        }
        return (labels, scores, weights);
    }

    /// <summary><c>σ(s)</c> in double, rounded to float as a model's Probability column would be.</summary>
    public static float[] Sigmoid(float[] scores) => scores.Select(s => (float)(1 / (1 + Math.Exp(-(double)s)))).ToArray();

    private static double W(float[]? weights, int i) => weights is null ? 1 : weights[i];
}
