using MLNetCtr.Models;
using MLNetCtr.Serving;

namespace MLNetCtr.Tests.Serving;

public sealed class PredictionColumnsTests
{
    [Fact]
    public void For_OneBinaryTask_GivesTheMLNetBinaryColumns()
    {
        IReadOnlyList<PredictionColumn> columns = PredictionColumns.For([new CtrTask("click", TaskKind.Binary)]);

        Assert.Equal(["Score", "Probability", "PredictedLabel"], columns.Select(c => c.Name));
    }

    [Fact]
    public void For_SeveralTasks_PrefixesEachWithItsTaskAndGivesRegressionOnlyAScore()
    {
        IReadOnlyList<PredictionColumn> columns = PredictionColumns.For([new CtrTask("ctr", TaskKind.Binary), new CtrTask("watch", TaskKind.Regression)]);

        Assert.Equal(["ctr.Score", "ctr.Probability", "ctr.PredictedLabel", "watch.Score"], columns.Select(c => c.Name));
        Assert.Equal([0, 0, 0, 1], columns.Select(c => c.Task));
    }

    [Theory]
    [InlineData(PredictionKind.Score, 2f, 2f)]
    [InlineData(PredictionKind.Probability, 0f, 0.5f)]
    [InlineData(PredictionKind.PredictedLabel, 0.1f, 1f)]
    [InlineData(PredictionKind.PredictedLabel, 0f, 0f)]
    public void ValueOf_Score_GivesTheKindsValue(PredictionKind kind, float score, float expected) =>
        Assert.Equal(expected, new PredictionColumn("x", 0, kind).ValueOf(score), 6);
}
