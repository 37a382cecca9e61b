using MLNetCtr.Cli.Demo;
using MLNetCtr.Evaluation;
using MLNetCtr.Training;

namespace MLNetCtr.Cli.Report;

/// <summary>The charts of the demo report, each an <see cref="SvgLineChart"/>: training curves, ROC curves, reliability plots.</summary>
internal static class ReportCharts
{
    /// <summary>A ROC curve has a point per distinct score; this many are plenty for a 400-pixel chart.</summary>
    private const int MaxCurvePoints = 200;

    /// <summary>Mean training loss of each epoch.</summary>
    public static string TrainingLoss(IReadOnlyList<(int Epoch, double MeanLoss)> epochLoss) =>
        new SvgLineChart("Training loss", "epoch", "mean loss").WithIntegerX()
            .Add("training loss", epochLoss.Select(e => ((double)e.Epoch, e.MeanLoss)))
            .ToSvg();

    /// <summary>Validation AUC of every task after each epoch (each history record).</summary>
    public static string ValidationAuc(TrainingResult training)
    {
        var chart = new SvgLineChart("Validation AUC", "epoch", "AUC").WithIntegerX();
        IEnumerable<string> tasks = training.History.Where(r => r.Validation is not null).SelectMany(r => r.Validation!.Keys).Distinct();
        foreach (string task in tasks)
        {
            chart.Add(task, training.History
                .Where(r => r.Validation is not null && r.Validation.TryGetValue(task, out var m) && m.ContainsKey(CtrMetricNames.AreaUnderRocCurve))
                .Select(r => ((double)r.Epoch + 1, r.Validation![task][CtrMetricNames.AreaUnderRocCurve])));
        }
        return chart.ToSvg();
    }

    /// <summary>The test ROC curves of the model and of the oracle, over the chance diagonal.</summary>
    public static string Roc(TaskOutcome task) =>
        new SvgLineChart($"ROC curve: {task.Task}", "false positive rate", "true positive rate")
            .WithXRange(0, 1).WithYRange(0, 1)
            .Add("model", Thin(task.ModelRoc).Select(p => (p.FalsePositiveRate, p.TruePositiveRate)), LineStyle.Solid)
            .Add("oracle", Thin(task.OracleRoc).Select(p => (p.FalsePositiveRate, p.TruePositiveRate)), LineStyle.Solid)
            .Add("chance", [(0, 0), (1, 1)], LineStyle.Dashed)
            .ToSvg();

    /// <summary>Reliability plot: observed positive rate against mean predicted probability per bin, for model and oracle.</summary>
    public static string Calibration(TaskOutcome task)
    {
        IReadOnlyList<CalibrationBin> model = task.Model.Calibration!.Bins, oracle = task.Oracle.Calibration!.Bins;
        double top = model.Concat(oracle).Where(b => b.Count > 0).Select(b => Math.Max(b.MeanPrediction, b.MeanLabel)).DefaultIfEmpty(1).Max();
        return new SvgLineChart($"Calibration: {task.Task}", "mean predicted probability", "observed rate")
            .Add("model", Points(model))
            .Add("oracle", Points(oracle))
            .Add("perfect", [(0, 0), (top, top)], LineStyle.Dashed)
            .ToSvg();
    }

    /// <summary>The non-empty bins as (mean prediction, observed rate).</summary>
    private static IEnumerable<(double, double)> Points(IReadOnlyList<CalibrationBin> bins) =>
        bins.Where(b => b.Count > 0).Select(b => (b.MeanPrediction, b.MeanLabel));

    /// <summary>Every k-th point and the last, so that at most about <see cref="MaxCurvePoints"/> remain.</summary>
    private static IEnumerable<RocPoint> Thin(IReadOnlyList<RocPoint> curve)
    {
        int stride = Math.Max(1, (int)Math.Ceiling(curve.Count / (double)MaxCurvePoints));
        return curve.Where((_, i) => i % stride == 0 || i == curve.Count - 1);
    }
}
