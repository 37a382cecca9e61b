using System.Text.Json;
using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.Evaluation;

public sealed class CtrMetricsTests
{
    [Fact]
    public void ToJson_ObjectKeyedByTask_WithMlNetNames()
    {
        using JsonDocument doc = JsonDocument.Parse(Sample().ToJson());
        Assert.Equal(["click", "dwell"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        JsonElement click = doc.RootElement.GetProperty("click");
        string[] expected =
        [
            "AreaUnderRocCurve", "AreaUnderPrecisionRecallCurve", "Accuracy", "PositivePrecision", "PositiveRecall",
            "NegativePrecision", "NegativeRecall", "F1Score", "LogLoss", "LogLossReduction", "Entropy",
            "TruePositives", "FalseNegatives", "FalsePositives", "TrueNegatives",
            "Gauc", "GaucGroupsUsed", "GaucGroupCount", "PositionAuc", "PositionAucPositionsUsed", "CalibrationRatio", "MeanPrediction", "MeanLabel",
            "ExpectedCalibrationError", "LongTailAuc", "LongTailRows",
        ];
        Assert.Equal(expected, click.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.75, click.GetProperty("AreaUnderRocCurve").GetDouble(), 1e-12);
        Assert.Equal(["MeanAbsoluteError", "MeanSquaredError", "RootMeanSquaredError", "RSquared"],
            doc.RootElement.GetProperty("dwell").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ParseJson_RoundTripsValues_IncludingNonFinite()
    {
        CtrMetrics metrics = Sample();
        metrics.Add("allPositive", new TaskMetrics { Binary = BinaryClassificationEvaluator.Evaluate([1f, 1f], [1f, 2f], [1f, 0.5f]) });
        var expected = metrics.ToDictionary();
        foreach (bool indented in new[] { true, false })
        {
            string json = metrics.ToJson(indented);
            Assert.Contains("\"NaN\"", json);
            Assert.Contains("\"-Infinity\"", json);   // LogLossReduction of the one-class task
            var parsed = CtrMetrics.ParseJson(json);
            Assert.Equal(expected.Keys, parsed.Keys);
            foreach ((string task, IReadOnlyDictionary<string, double> values) in expected)
            {
                Assert.Equal(values.Keys, parsed[task].Keys);
                Assert.Equal(values.Values, parsed[task].Values);   // exact: JSON numbers round-trip
            }
        }
        Assert.DoesNotContain('\n', metrics.ToJson(indented: false));
    }

    [Fact]
    public void Add_DuplicateTask_ThrowsNamingTasks()
    {
        CtrMetrics metrics = Sample();
        var e = Assert.Throws<ArgumentException>(() => metrics.Add("click", new TaskMetrics()));
        Assert.Contains("'click' already has metrics", e.Message);
        Assert.Contains("click, dwell", e.Message);
    }

    [Fact]
    public void Indexer_UnknownTask_ThrowsNamingKnownTasks()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Sample()["conversion"]);
        Assert.Contains("'conversion'", e.Message);
        Assert.Contains("click, dwell", e.Message);
    }

    [Fact]
    public void Dictionary_KeepsInsertionOrder_AndOmitsMissingParts()
    {
        CtrMetrics metrics = Sample();
        Assert.Equal(["click", "dwell"], metrics.Keys);
        Assert.Equal(2, metrics.Count);
        Assert.True(metrics.TryGetValue("dwell", out TaskMetrics? dwell));
        Assert.Null(dwell!.Binary);
        Assert.Empty(new TaskMetrics().ToDictionary());
    }

    private static CtrMetrics Sample()
    {
        float[] labels = [1, 0, 1, 0];
        float[] scores = [2f, 1f, -1f, -3f];
        float[] probabilities = BruteForce.Sigmoid(scores);
        var metrics = new CtrMetrics();
        metrics.Add("click", new TaskMetrics
        {
            Binary = BinaryClassificationEvaluator.Evaluate(labels, scores, probabilities),
            Gauc = GaucEvaluator.Evaluate<int>([1, 1, 2, 2], labels, scores),
            PositionAuc = GaucEvaluator.Evaluate<int>([1, 2, 1, 2], labels, scores),
            Calibration = CalibrationEvaluator.Evaluate(labels, probabilities),
            LongTail = LongTailAucEvaluator.Evaluate<int>([1, 2, 3, 4], new Dictionary<int, long> { [1] = 9 }, labels, scores),
        });
        metrics.Add("dwell", new TaskMetrics { Regression = RegressionEvaluator.Evaluate([1f, 2f], [1.5f, 2f]) });
        return metrics;
    }
}
