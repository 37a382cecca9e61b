namespace MLNetCtr.Data;

/// <summary>
/// Splits rows into a training and a test part: at random with a seed, or by an ordering column such as a timestamp
/// (earliest rows to training). Split a <see cref="RawDataset"/> before fitting the <see cref="DataEncoder"/>, so that
/// vocabularies and statistics see only training rows. Both parts keep the original row order.
/// </summary>
public static class DataSplit
{
    /// <summary>A seeded random split: round(rows × <paramref name="trainFraction"/>) rows go to training.</summary>
    public static (RawDataset Train, RawDataset Test) ByRatio(RawDataset data, double trainFraction, int seed = DataDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        (int[] train, int[] test) = RandomRows(data.RowCount, trainFraction, seed);
        return (data.Select(train), data.Select(test));
    }

    /// <summary>A seeded random split of an encoded dataset (e.g. an early-stopping split of training data).</summary>
    public static (CtrDataset Train, CtrDataset Test) ByRatio(CtrDataset data, double trainFraction, int seed = DataDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        (int[] train, int[] test) = RandomRows(data.RowCount, trainFraction, seed);
        return (data.Select(train), data.Select(test));
    }

    /// <summary>
    /// A split in time: rows sorted by <paramref name="orderingColumn"/> (ties keep file order), the earliest
    /// round(rows × <paramref name="trainFraction"/>) to training. The column is a numeric column of the schema: a
    /// feature, or one with role <see cref="ColumnRole.Ignore"/> (read in double precision only for this), or the
    /// position column.
    /// </summary>
    /// <exception cref="ArgumentException">The column cannot order rows, or a row has no value in it.</exception>
    public static (RawDataset Train, RawDataset Test) ByOrder(RawDataset data, string orderingColumn, double trainFraction)
    {
        ArgumentNullException.ThrowIfNull(data);
        double[] keys = OrderingKeys(data, orderingColumn);
        int trainCount = TrainCount(data.RowCount, trainFraction);
        int[] order = Enumerable.Range(0, data.RowCount).ToArray();
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        int[] train = order[..trainCount], test = order[trainCount..];
        Array.Sort(train);
        Array.Sort(test);
        return (data.Select(train), data.Select(test));
    }

    private static (int[] Train, int[] Test) RandomRows(int rowCount, double trainFraction, int seed)
    {
        int trainCount = TrainCount(rowCount, trainFraction);
        int[] order = Enumerable.Range(0, rowCount).ToArray();
        new DataRandom(seed).Shuffle(order);
        int[] train = order[..trainCount], test = order[trainCount..];
        Array.Sort(train);
        Array.Sort(test);
        return (train, test);
    }

    private static int TrainCount(int rowCount, double trainFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trainFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(trainFraction, 1.0);
        return (int)Math.Round(rowCount * trainFraction, MidpointRounding.AwayFromZero);
    }

    private static double[] OrderingKeys(RawDataset data, string column)
    {
        ColumnStore store = data.Store;
        double[] keys = store.OrderingKeys.TryGetValue(column, out double[]? k) ? k
            : store.Numeric.TryGetValue(column, out float[]? f) ? Array.ConvertAll(f, v => (double)v)
            : store.Positions is int[] p && data.Schema.Columns.Any(c => c.Name == column && c.Role == ColumnRole.Position) ? Array.ConvertAll(p, v => (double)v)
            : throw new ArgumentException(
                $"Column '{column}' cannot order rows: it must be a numeric column of the schema (feature or ignored) or the position column. " +
                $"Numeric columns: {string.Join(", ", store.Numeric.Keys.Concat(store.OrderingKeys.Keys))}.", nameof(column));
        int missing = Array.FindIndex(keys, double.IsNaN);
        if (missing >= 0)
        {
            throw new ArgumentException($"Column '{column}' has no value in row {missing} (0-based); every row needs one to be ordered.", nameof(column));
        }
        return keys;
    }
}
