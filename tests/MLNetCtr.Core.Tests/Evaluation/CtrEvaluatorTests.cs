using MLNetCtr.Data;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;

namespace MLNetCtr.Tests.Evaluation;

public sealed class CtrEvaluatorTests
{
    private static CtrDataset Funnel()
    {
        DatasetSchema schema = new()
        {
            Columns =
            [
                new ColumnSchema { Name = "item", Side = FeatureSide.Item },
                new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
                new ColumnSchema { Name = "buy", Role = ColumnRole.Label, Type = ColumnType.Binary },
            ],
        };
        string[][] rows = [["a", "1", "1"], ["b", "1", "0"], ["a", "0", "0"], ["c", "1", "1"], ["b", "0", "0"], ["c", "1", "0"]];
        string text = "item,click,buy\n" + string.Join("\n", rows.Select(r => string.Join(",", r))) + "\n";
        RawDataset raw = CtrDataLoader.ReadRaw(new StringReader(text), "funnel.csv", schema);
        return DataEncoder.Fit(raw).Encode(raw);
    }

    [Fact]
    public void Evaluate_ProductTargetAndConditionalRows_FollowTheTaskDefinition()
    {
        CtrDataset data = Funnel();
        CtrTask ctcvr = new("ctcvr", TaskKind.Binary) { LabelColumns = ["click", "buy"] };
        CtrTask cvr = new("cvr", TaskKind.Binary) { LabelColumns = ["buy"], EvaluatedWhere = "click" };
        // Scores rank rows 0 and 3 (the buys) first; among clicked rows (0, 1, 3, 5) the CVR scores put row 1 above row 3.
        float[] ctcvrScores = [3, 1, 0, 2, -1, 0.5f];
        float[] cvrScores = [3, 2, 9, 1, 9, 0];

        CtrMetrics metrics = CtrEvaluator.Evaluate(data, [ctcvr, cvr], [ctcvrScores, cvrScores]);

        Assert.Equal(1.0, metrics["ctcvr"].Binary!.AreaUnderRocCurve);
        // Clicked rows: buys {0: 3, 3: 1}, non-buys {1: 2, 5: 0}: pairs (3>2, 3>0, 1<2, 1>0) → 3/4. Rows 2 and 4 (score 9) are not clicked.
        Assert.Equal(0.75, metrics["cvr"].Binary!.AreaUnderRocCurve);
        Assert.Equal(4, metrics["cvr"].Binary!.ConfusionMatrix!.Total, 6);
    }

    [Fact]
    public void Evaluate_DataWithPositions_GivesTheAucWithinEachPositionWeightedByRows()
    {
        DatasetSchema schema = new()
        {
            Columns =
            [
                new ColumnSchema { Name = "item", Side = FeatureSide.Item },
                new ColumnSchema { Name = "pos", Role = ColumnRole.Position },
                new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
            ],
        };
        // Position 1 (4 rows): scores rank both clicks first → AUC 1. Position 2 (2 rows): the click scores lower → AUC 0.
        string text = "item,pos,click\na,1,1\nb,1,1\nc,1,0\nd,1,0\ne,2,1\nf,2,0\n";
        RawDataset raw = CtrDataLoader.ReadRaw(new StringReader(text), "positions.csv", schema);
        CtrDataset data = DataEncoder.Fit(raw).Encode(raw);
        float[] scores = [9, 8, 7, 6, 1, 2];

        TaskMetrics click = CtrEvaluator.Evaluate(data, [new CtrTask("click", TaskKind.Binary) { LabelColumns = ["click"] }], [scores])["click"];

        Assert.Equal((4 * 1.0 + 2 * 0.0) / 6, click.PositionAuc!.Gauc, 12);
        Assert.Equal(2, click.PositionAuc.GroupsUsed);
        Assert.Equal(click.PositionAuc.Gauc, click.ToDictionary()[CtrMetricNames.PositionAuc]);
        Assert.Null(CtrEvaluator.Evaluate(Funnel(), [new CtrTask("click", TaskKind.Binary) { LabelColumns = ["click"] }], [new float[6]])["click"].PositionAuc);
    }

    [Fact]
    public void Target_UnknownLabel_NamesTaskAndColumn()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => new CtrTask("cvr", TaskKind.Binary) { LabelColumns = ["conversion"] }.Target(Funnel()));
        Assert.Contains("cvr", e.Message);
        Assert.Contains("conversion", e.Message);
    }
}
