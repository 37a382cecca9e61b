namespace MLNetCtr.Evaluation;

/// <summary>Group AUC (gAUC) and how many groups it covers. Produced by <see cref="GaucEvaluator"/>.</summary>
/// <param name="Gauc">
/// <c>Σ_g n_g·AUC_g / Σ_g n_g</c> over the groups with both classes, where n_g is the group's impressions (its total
/// row weight: its row count when unweighted) and AUC_g its weighted ROC AUC; NaN when no group has both classes.
/// </param>
/// <param name="GroupCount">Number of distinct groups in the input.</param>
/// <param name="GroupsUsed">Number of groups with positive weight in both classes, the only ones gAUC averages.</param>
/// <param name="RowsUsed">Number of rows in the groups used.</param>
public sealed record GaucMetrics(double Gauc, int GroupCount, int GroupsUsed, long RowsUsed)
{
    /// <summary>Appends the scalar metrics under their <see cref="CtrMetricNames"/> names.</summary>
    internal void AddTo(IDictionary<string, double> metrics)
    {
        metrics[CtrMetricNames.Gauc] = Gauc;
        metrics[CtrMetricNames.GaucGroupsUsed] = GroupsUsed;
        metrics[CtrMetricNames.GaucGroupCount] = GroupCount;
    }
}
