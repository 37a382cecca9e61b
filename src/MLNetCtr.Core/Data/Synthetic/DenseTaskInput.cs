using System.Globalization;

namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// The task input of the MMoE paper's synthetic study (Ma et al., KDD 2018, §4.1), used by
/// <see cref="MultitaskScenario"/> when <see cref="SyntheticOptions.DenseTaskInput"/> is on: <c>x ~ N(0, I_D)</c> drawn
/// afresh per impression, independent of the categorical fields, shown to models as D numeric context columns
/// <c>x1 … xD</c> (used as is). Each value is rounded to float, the precision the file holds, so whatever is computed
/// from x is a function of the written cells.
/// </summary>
internal sealed class DenseTaskInput
{
    private readonly double[] _x;

    public DenseTaskInput(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        _x = new double[dimension];
        Columns = [.. Enumerable.Range(1, dimension).Select(d => SyntheticColumns.Numeric(ColumnName(d), FeatureSide.Context, NumericTransform.None))];
    }

    /// <summary>The columns <c>x1 … xD</c>, in the order <see cref="Write"/> fills them.</summary>
    public IReadOnlyList<ColumnSchema> Columns { get; }

    /// <summary>The header name of coordinate <paramref name="oneBased"/> (1 … D): <c>x1</c>, <c>x2</c>, ….</summary>
    public static string ColumnName(int oneBased) => "x" + oneBased.ToString(CultureInfo.InvariantCulture);

    /// <summary>Draws the next x, (D), from <paramref name="random"/>; valid until the next call.</summary>
    public ReadOnlySpan<double> Draw(SyntheticRandom random)
    {
        for (int d = 0; d < _x.Length; d++)
        {
            _x[d] = (float)random.NextGaussian();
        }
        return _x;
    }

    /// <summary>Writes the cells of <see cref="Columns"/> for the last x drawn.</summary>
    public void Write(CsvRowWriter row)
    {
        foreach (double value in _x)
        {
            row.Number((float)value);
        }
    }
}
