using MLNetCtr.Cli.Demo;

namespace MLNetCtr.Cli.Report;

/// <summary>The numbers shown for one task, in the console table and in the HTML report alike.</summary>
internal static class ReportRows
{
    /// <summary>Column headings of <see cref="Cells"/>.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["AUC", "Oracle AUC", "AUC gap", "LogLoss", "Oracle LogLoss", "Rows"];

    /// <summary>AUC, oracle AUC, their gap, log-losses (base 2) and the evaluated row count.</summary>
    public static IEnumerable<string> Cells(TaskOutcome task)
    {
        var model = task.Model.Binary!;
        var oracle = task.Oracle.Binary!;
        return
        [
            MetricsTable.Format(model.AreaUnderRocCurve), MetricsTable.Format(oracle.AreaUnderRocCurve),
            MetricsTable.Format(oracle.AreaUnderRocCurve - model.AreaUnderRocCurve),
            MetricsTable.Format(model.LogLoss), MetricsTable.Format(oracle.LogLoss),
            task.Model.Calibration!.Bins.Sum(b => b.Count).ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        ];
    }
}
