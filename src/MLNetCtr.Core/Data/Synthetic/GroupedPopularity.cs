namespace MLNetCtr.Data.Synthetic;

/// <summary>Draws items by popularity, over all items or within one group (a category, a topic).</summary>
internal sealed class GroupedPopularity
{
    private readonly DiscreteSampler _all;
    private readonly DiscreteSampler[] _inGroup;
    private readonly int[][] _itemsOfGroup;
    private readonly int[] _group;
    private readonly double[] _probability, _probabilityInGroup;   // per item: over all items, within its group

    /// <param name="group">Group of each item; every group in [0, <paramref name="groups"/>) needs an item.</param>
    /// <param name="weights">Popularity weight of each item.</param>
    /// <param name="groups">Number of groups.</param>
    public GroupedPopularity(int[] group, double[] weights, int groups)
    {
        _all = new DiscreteSampler(weights);
        _itemsOfGroup = Enumerable.Range(0, groups).Select(g => Enumerable.Range(0, group.Length).Where(i => group[i] == g).ToArray()).ToArray();
        _inGroup = _itemsOfGroup.Select(items => new DiscreteSampler(items.Select(i => weights[i]).ToArray())).ToArray();
        _group = group;
        double total = weights.Sum();
        double[] groupTotal = _itemsOfGroup.Select(items => items.Sum(i => weights[i])).ToArray();
        _probability = weights.Select(w => w / total).ToArray();
        _probabilityInGroup = weights.Select((w, i) => w / groupTotal[group[i]]).ToArray();
    }

    /// <summary>P(<see cref="Sample"/> draws <paramref name="item"/>).</summary>
    public double Probability(int item) => _probability[item];

    /// <summary>P(<see cref="SampleInGroup"/> with <paramref name="group"/> draws <paramref name="item"/>): 0 outside its group.</summary>
    public double ProbabilityInGroup(int item, int group) => _group[item] == group ? _probabilityInGroup[item] : 0;

    /// <summary>An item drawn by popularity.</summary>
    public int Sample(SyntheticRandom random) => _all.Sample(random);

    /// <summary>An item of <paramref name="group"/> drawn by popularity.</summary>
    public int SampleInGroup(SyntheticRandom random, int group) => _itemsOfGroup[group][_inGroup[group].Sample(random)];

    /// <summary>log(weight) standardized over items: about N(0, 1), larger for popular items.</summary>
    public static double[] Score(double[] weights)
    {
        double[] logs = weights.Select(w => Math.Log(w)).ToArray();
        (double mean, double std) = SyntheticMath.Moments(logs);
        return logs.Select(v => (v - mean) / std).ToArray();
    }
}
