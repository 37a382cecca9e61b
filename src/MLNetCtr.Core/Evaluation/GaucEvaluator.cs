namespace MLNetCtr.Evaluation;

/// <summary>
/// Group AUC (Zhu et al., "Optimized Cost per Click in Taobao Display Advertising", KDD 2017; Zhou et al., DIN, KDD
/// 2018): the ROC AUC within each group (usually a user or a request), averaged with weights equal to the group's
/// impressions, over the groups that hold both classes. Groups with one class have no AUC and are left out.
/// </summary>
/// <remarks>
/// One O(n log n) sort of all scores, then a stable counting sort by group keeps every group's rows in descending score
/// order, so each group costs one linear sweep. Input rules are those of <see cref="BinaryClassificationEvaluator"/>.
/// </remarks>
public static class GaucEvaluator
{
    /// <summary>Computes gAUC with float labels (positive when &gt; 0).</summary>
    /// <typeparam name="TGroup">The group key, e.g. a user id.</typeparam>
    /// <param name="groups">The group of each row.</param>
    /// <param name="labels">True labels.</param>
    /// <param name="scores">Scores; higher means more likely positive.</param>
    /// <param name="weights">Row weights; empty for unit weights.</param>
    public static GaucMetrics Evaluate<TGroup>(ReadOnlySpan<TGroup> groups, ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights = default)
        where TGroup : notnull
    {
        MetricInputs.CheckScored(labels, scores, weights);
        MetricInputs.CheckLengths(labels.Length, groups.Length, 0, nameof(groups));
        int[] groupOf = DenseIds(groups, out int groupCount);
        int[] start = GroupStarts(groupOf, groupCount);
        int[] order = GroupByStable(RankedRows.OrderByDescendingScore(scores), groupOf, start);
        RankedRows ranked = RankedRows.Gather(labels, scores, weights, order);

        double weightedSum = 0, impressions = 0;
        int groupsUsed = 0;
        long rowsUsed = 0;
        for (int g = 0; g < groupCount; g++)
        {
            RankedRows rows = ranked.Slice(start[g], start[g + 1] - start[g]);
            double auc = RankedAreas.RocArea(rows);
            if (double.IsNaN(auc))
            {
                continue;                       // one class only (or zero weight): no AUC to average
            }
            double groupImpressions = TotalWeight(rows);
            weightedSum += groupImpressions * auc;
            impressions += groupImpressions;
            groupsUsed++;
            rowsUsed += rows.Count;
        }
        return new GaucMetrics(weightedSum / impressions, groupCount, groupsUsed, rowsUsed);
    }

    /// <summary>Computes gAUC with Boolean labels; see the float overload.</summary>
    /// <typeparam name="TGroup">The group key, e.g. a user id.</typeparam>
    /// <param name="groups">The group of each row.</param>
    /// <param name="labels">True labels.</param>
    /// <param name="scores">Scores; higher means more likely positive.</param>
    /// <param name="weights">Row weights; empty for unit weights.</param>
    public static GaucMetrics Evaluate<TGroup>(ReadOnlySpan<TGroup> groups, ReadOnlySpan<bool> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights = default)
        where TGroup : notnull
        => Evaluate(groups, MetricInputs.ToFloat(labels), scores, weights);

    /// <summary>Maps each row's key to 0, 1, 2, … in order of first appearance.</summary>
    private static int[] DenseIds<TGroup>(ReadOnlySpan<TGroup> groups, out int count)
        where TGroup : notnull
    {
        var ids = new Dictionary<TGroup, int>();
        var result = new int[groups.Length];
        for (int i = 0; i < groups.Length; i++)
        {
            if (!ids.TryGetValue(groups[i], out int id))
            {
                id = ids.Count;
                ids.Add(groups[i], id);
            }
            result[i] = id;
        }
        count = ids.Count;
        return result;
    }

    /// <summary>Offsets of each group in the grouped order: group g occupies <c>[start[g], start[g + 1])</c>.</summary>
    private static int[] GroupStarts(int[] groupOf, int groupCount)
    {
        var start = new int[groupCount + 1];
        foreach (int g in groupOf)
        {
            start[g + 1]++;
        }
        for (int g = 0; g < groupCount; g++)
        {
            start[g + 1] += start[g];
        }
        return start;
    }

    /// <summary>Stable counting sort of <paramref name="order"/> by group: within a group, the input order is kept.</summary>
    private static int[] GroupByStable(int[] order, int[] groupOf, int[] start)
    {
        var next = (int[])start.Clone();
        var grouped = new int[order.Length];
        foreach (int i in order)
        {
            grouped[next[groupOf[i]]++] = i;
        }
        return grouped;
    }

    private static double TotalWeight(RankedRows rows)
    {
        double sum = 0;
        for (int k = 0; k < rows.Count; k++)
        {
            sum += rows.Weight(k);
        }
        return sum;
    }
}
