using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class DataSplitTests
{
    private static readonly DatasetSchema TimedSchema = new()
    {
        Columns =
        [
            new ColumnSchema { Name = "y", Role = ColumnRole.Label, Type = ColumnType.Binary },
            new ColumnSchema { Name = "x" },
            new ColumnSchema { Name = "ts", Role = ColumnRole.Ignore, Type = ColumnType.Numeric },
        ],
    };

    private static int[] XValues(RawDataset raw) =>
        raw.Store.Categorical["x"].Select(i => int.Parse(raw.Pools["x"].ValueAt(i))).ToArray();

    [Fact]
    public void ByRatio_PartitionsRowsDeterministically_KeepingOrder()
    {
        RawDataset raw = DataFiles.ReadText(
            DataFiles.Lines(["y,x", .. Enumerable.Range(0, 101).Select(i => $"{i % 2},{i}")]),
            DataFiles.Simple(new ColumnSchema { Name = "x" }));

        (RawDataset train, RawDataset test) = DataSplit.ByRatio(raw, 0.8, seed: 1);
        (RawDataset train2, _) = DataSplit.ByRatio(raw, 0.8, seed: 1);
        (RawDataset train3, _) = DataSplit.ByRatio(raw, 0.8, seed: 2);

        Assert.Equal(81, train.RowCount);
        Assert.Equal(20, test.RowCount);
        int[] trainX = XValues(train), testX = XValues(test);
        Assert.Equal(Enumerable.Range(0, 101), trainX.Concat(testX).Order());
        Assert.Equal(trainX.Order(), trainX);
        Assert.Equal(trainX, XValues(train2));
        Assert.NotEqual(trainX, XValues(train3));
    }

    [Fact]
    public void ByRatio_EncodedDataset()
    {
        (CtrDataset train, CtrDataset test) = DataSplit.ByRatio(DataFiles.Numbered(10), 0.5);
        Assert.Equal(5, train.RowCount);
        Assert.Equal(5, test.RowCount);
        Assert.Empty(train.Categorical["x"].Intersect(test.Categorical["x"]));
    }

    [Fact]
    public void ByOrder_EarliestRowsTrain_AndEncoderFitOnTrainOnly()
    {
        RawDataset raw = DataFiles.ReadText(DataFiles.Lines(
            "y,x,ts",
            "1,late,1700000000003",
            "0,early,1700000000001",
            "1,mid,1700000000002",
            "0,tie,1700000000001"), TimedSchema);

        (RawDataset train, RawDataset test) = DataSplit.ByOrder(raw, "ts", trainFraction: 0.5);
        DataEncoder encoder = DataEncoder.Fit(train);
        CtrDataset testSet = encoder.Encode(test);

        Assert.Equal(["early", "tie"], train.Store.Categorical["x"].Select(i => raw.Pools["x"].ValueAt(i)));
        Assert.Equal(["early", "tie"], encoder.VocabularyOf("x").Values);
        Assert.Equal([Vocabulary.OutOfVocabularyId, Vocabulary.OutOfVocabularyId], testSet.Categorical["x"]);
        Assert.False(testSet.Numeric.ContainsKey("ts"));
    }

    [Fact]
    public void ByOrder_MissingKey_NamesColumnAndRow()
    {
        RawDataset raw = DataFiles.ReadText(DataFiles.Lines("y,x,ts", "1,a,5", "0,b,"), TimedSchema);
        var e = Assert.Throws<ArgumentException>(() => DataSplit.ByOrder(raw, "ts", 0.5));
        Assert.Contains("'ts'", e.Message);
        Assert.Contains("row 1", e.Message);
    }

    [Fact]
    public void ByOrder_NonNumericColumn_ListsNumericColumns()
    {
        RawDataset raw = DataFiles.ReadText(DataFiles.Lines("y,x,ts", "1,a,5"), TimedSchema);
        var e = Assert.Throws<ArgumentException>(() => DataSplit.ByOrder(raw, "x", 0.5));
        Assert.Contains("'x'", e.Message);
        Assert.Contains("ts", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void ByRatio_FractionOutOfRange_Throws(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.ByRatio(DataFiles.Numbered(4), fraction));
}
