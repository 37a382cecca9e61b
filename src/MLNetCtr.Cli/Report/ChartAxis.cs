using System.Globalization;

namespace MLNetCtr.Cli.Report;

/// <summary>Axis arithmetic of <see cref="SvgLineChart"/>: a data range padded to round numbers, and its ticks.</summary>
internal static class ChartAxis
{
    /// <summary>Aim for about this many intervals between ticks.</summary>
    private const int TargetIntervals = 5;

    /// <summary>
    /// [min, max] of <paramref name="values"/> widened outwards to multiples of the tick step; a single value v gets
    /// [v − 1, v + 1]-like room, and no value at all gives [0, 1]. With <paramref name="integers"/> the step is at least 1.
    /// </summary>
    public static (double Min, double Max) Fit(IEnumerable<double> values, bool integers = false)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            (min, max) = (Math.Min(min, v), Math.Max(max, v));
        }
        if (min > max)
        {
            return (0, 1);
        }
        if (min == max)
        {
            double room = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - room, max + room);
        }
        double step = Step(min, max, integers);
        return (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step);
    }

    /// <summary>The multiples of the tick step within [min, max], ends included (up to rounding); whole numbers only with <paramref name="integers"/>.</summary>
    public static IEnumerable<double> Ticks(double min, double max, bool integers = false)
    {
        double step = Step(min, max, integers);
        for (double k = Math.Ceiling((min / step) - 1e-9); k * step <= max + (step * 1e-9); k++)
        {
            yield return k * step;
        }
    }

    /// <summary>A tick label: up to four significant digits, invariant culture, no "-0".</summary>
    public static string Label(double value) => (Math.Abs(value) < 1e-12 ? 0 : value).ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>
    /// 1, 2 or 5 times a power of ten: the round step that splits [min, max] into about <see cref="TargetIntervals"/>
    /// parts; at least 1 with <paramref name="integers"/>.
    /// </summary>
    private static double Step(double min, double max, bool integers)
    {
        double raw = (max - min) / TargetIntervals;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / power;
        double step = power * (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10);
        return integers ? Math.Max(1, step) : step;
    }
}
