using System.Globalization;
using MLNetCtr.Evaluation;
using Spectre.Console;

namespace MLNetCtr.Cli;

/// <summary>
/// A table of the headline metrics of every task, one column per evaluated dataset (e.g. valid and test). The JSON
/// written by <see cref="MetricsFile"/> holds every metric; the table keeps the ones people read first.
/// </summary>
internal static class MetricsTable
{
    private static readonly string[] s_shown =
    [
        CtrMetricNames.AreaUnderRocCurve, CtrMetricNames.AreaUnderPrecisionRecallCurve, CtrMetricNames.LogLoss,
        CtrMetricNames.LogLossReduction, CtrMetricNames.Accuracy, CtrMetricNames.F1Score, CtrMetricNames.CalibrationRatio,
        CtrMetricNames.ExpectedCalibrationError, CtrMetricNames.Gauc, CtrMetricNames.LongTailAuc,
        CtrMetricNames.RootMeanSquaredError, CtrMetricNames.MeanAbsoluteError, CtrMetricNames.RSquared,
    ];

    /// <summary>Rows are (task, metric); columns are the named metric sets, in the order given.</summary>
    public static Table Create(IReadOnlyList<(string Name, CtrMetrics Metrics)> columns)
    {
        var table = new Table().AddColumn("Task").AddColumn("Metric");
        foreach ((string name, _) in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        }
        var values = columns.Select(c => c.Metrics.ToDictionary()).ToList();
        foreach (string task in values.SelectMany(v => v.Keys).Distinct())
        {
            foreach (string metric in s_shown.Where(m => values.Any(v => v.TryGetValue(task, out var t) && t.ContainsKey(m))))
            {
                IEnumerable<string> cells = values.Select(v => v.TryGetValue(task, out var t) && t.TryGetValue(metric, out double x) ? Format(x) : "");
                table.AddRow([Markup.Escape(task), metric, .. cells]);
            }
        }
        return table;
    }

    /// <summary>Four decimals, invariant culture.</summary>
    public static string Format(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
