using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Tests.Data;

public sealed class LogTransformTests
{
    [Fact]
    public void SignedLog_IsOddAndZeroAtZero()
    {
        Assert.Equal(0f, NumericStatistics.SignedLog(0f));
        Assert.Equal(MathF.Log(4f), NumericStatistics.SignedLog(3f), 6);
        Assert.Equal(-MathF.Log(4f), NumericStatistics.SignedLog(-3f), 6);
        Assert.True(float.IsNaN(NumericStatistics.SignedLog(float.NaN)));
    }

    [Fact]
    public void Fit_StandardizesTheLogOfPresentValues_MissingEncodesAsZero()
    {
        float[] values = [0f, 9f, float.NaN, 99f, -9f];
        NumericStatistics s = NumericStatistics.Fit("x", NumericTransform.Log, 10, values);
        float[] logs = [0f, MathF.Log(10f), MathF.Log(100f), -MathF.Log(10f)];
        float mean = logs.Average();
        float std = MathF.Sqrt(logs.Select(v => (v - mean) * (v - mean)).Average());

        Assert.Equal(NumericTransform.Log, s.Transform);
        Assert.Equal(mean, s.Mean, 5);
        Assert.Equal(std, s.StandardDeviation, 5);
        Assert.Equal((MathF.Log(100f) - mean) / std, s.Standardize(99f), 5);
        Assert.Equal((-MathF.Log(10f) - mean) / std, s.Standardize(-9f), 5);
        Assert.Equal(0f, s.Standardize(float.NaN));
    }

    [Fact]
    public void Encoder_LogColumn_EncodesThroughTheLogAndSurvivesJson()
    {
        DatasetSchema schema = DataFiles.Simple(new ColumnSchema { Name = "n", Type = ColumnType.Numeric, Transform = NumericTransform.Log });
        (CtrDataset data, DataEncoder encoder) = DataFiles.LoadText(DataFiles.Lines("y,n", "1,0", "0,1000000", "1,", "0,3"), schema);
        DataEncoder restored = DataEncoder.FromJson(encoder.ToJson());

        NumericStatistics s = restored.NumericStatisticsOf("n");
        Assert.Equal(NumericTransform.Log, s.Transform);
        Assert.Equal(encoder.NumericStatisticsOf("n").Mean, s.Mean);
        Assert.Equal([s.Standardize(0f), s.Standardize(1e6f), 0f, s.Standardize(3f)], data.Numeric["n"]);
        Assert.InRange(data.Numeric["n"][1], 0f, 2f);   // a million is not a wild outlier after the log
    }

    [Fact]
    public void SaveLoad_ModelWithLogColumn_GivesIdenticalScores()
    {
        DatasetSchema schema = DataFiles.Simple(
            new ColumnSchema { Name = "n", Type = ColumnType.Numeric, Transform = NumericTransform.Log },
            new ColumnSchema { Name = "c" });
        var lines = new List<string> { "y,n,c" };
        var random = new Random(3);
        for (int i = 0; i < 400; i++)
        {
            int count = (int)MathF.Exp(random.NextSingle() * 8f);
            lines.Add($"{(count > 100 ? 1 : 0)},{(i % 7 == 0 ? "" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))},k{i % 5}");
        }
        (CtrDataset data, DataEncoder encoder) = DataFiles.LoadText(DataFiles.Lines([.. lines]), schema);
        ModelFamily family = ModelRegistry.Get("logistic-regression");
        (CtrPredictionModel model, _) = family.Fit(data, encoder, null, family.DefaultOptions() with { NumberOfEpochs = 2, BatchSize = 64 });
        string path = DataFiles.Write("", ".mlnetctr");

        model.Save(path);
        CtrPredictionModel loaded = CtrPredictionModel.LoadFrom(path);

        Assert.Equal(NumericTransform.Log, loaded.Encoder.NumericStatisticsOf("n").Transform);
        Assert.Equal(model.Score(data), loaded.Score(loaded.Encoder.Encode(DataFiles.ReadText(DataFiles.Lines([.. lines]), loaded.Encoder.Schema))));
    }
}
