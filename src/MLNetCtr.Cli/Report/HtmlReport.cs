using System.Globalization;
using System.Net;
using System.Text;
using MLNetCtr.Cli.Demo;
using MLNetCtr.Serialization;

namespace MLNetCtr.Cli.Report;

/// <summary>
/// The demo's HTML report: one self-contained page (inline CSS and SVG; no script, font or image to fetch) with, per
/// model, the table against the oracle, the training curves, and a ROC curve and a reliability plot per task.
/// </summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 24px; color: #222222; background: #fafafa; }
        h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; }
        table { border-collapse: collapse; margin: 8px 0 16px; background: #ffffff; }
        th, td { border: 1px solid #cccccc; padding: 4px 10px; text-align: right; } th:first-child, td:first-child { text-align: left; }
        .charts { display: flex; flex-wrap: wrap; gap: 12px; } .chart { border: 1px solid #dddddd; }
        """;

    /// <summary>Writes the report of <paramref name="outcomes"/> to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, IReadOnlyList<DemoOutcome> outcomes, int rows, int seed)
    {
        string html = Render(outcomes, rows, seed);
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(html)));
    }

    /// <summary>The page as a string.</summary>
    public static string Render(IReadOnlyList<DemoOutcome> outcomes, int rows, int seed)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>MLNetCtr demo report</title>\n<style>\n")
            .Append(Style).Append("</style>\n</head>\n<body>\n<h1>MLNetCtr demo report</h1>\n")
            .Append(string.Create(CultureInfo.InvariantCulture,
                $"<p>Synthetic data with planted truth: {rows:N0} rows per dataset (80% train, 10% validation, 10% test), seed {seed}. ")
            ).Append("The oracle scores each test row by its true probability: its AUC is the ceiling a model is measured against.</p>\n");
        foreach (DemoOutcome outcome in outcomes)
        {
            AppendModel(html, outcome);
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static void AppendModel(StringBuilder html, DemoOutcome outcome)
    {
        html.Append("<section>\n<h2>").Append(Encode(outcome.Definition.Title)).Append("</h2>\n")
            .Append(string.Create(CultureInfo.InvariantCulture,
                $"<p>Trainer <code>{Encode(outcome.Definition.Family.Id)}</code>: {outcome.Training.Steps:N0} steps in {outcome.Training.Elapsed.TotalSeconds:F1} s{(outcome.Training.StoppedEarly ? " (stopped early)" : "")}; "
                + $"best validation {outcome.Definition.Options.EarlyStoppingMetric} of {Encode(outcome.Definition.Options.EarlyStoppingTask ?? (outcome.Tasks.Count == 1 ? outcome.Tasks[0].Task : "the tasks (loss-weighted mean)"))} {outcome.Training.BestValue:F4} at step {outcome.Training.BestStep:N0}{(outcome.Definition.Options.RestoreBestModel ? ", the weights kept" : "")}; "
                + $"saved to <code>{Encode(Path.GetFileName(outcome.ModelPath))}</code>.</p>\n"));
        html.Append("<table>\n<tr><th>Task</th><th>Truth</th>").Append(string.Concat(ReportRows.Columns.Select(c => $"<th>{Encode(c)}</th>"))).Append("<th>Calibration ratio</th></tr>\n");
        foreach (TaskOutcome task in outcome.Tasks)
        {
            html.Append("<tr><td>").Append(Encode(task.Task)).Append("</td><td>").Append(Encode(task.Truth)).Append("</td>")
                .Append(string.Concat(ReportRows.Cells(task).Select(c => $"<td>{Encode(c)}</td>")))
                .Append("<td>").Append(MetricsTable.Format(task.Model.Calibration!.CalibrationRatio)).Append("</td></tr>\n");
        }
        html.Append("</table>\n<div class=\"charts\">\n")
            .Append(ReportCharts.TrainingLoss(outcome.EpochLoss)).Append('\n')
            .Append(ReportCharts.ValidationAuc(outcome.Training)).Append('\n');
        foreach (TaskOutcome task in outcome.Tasks)
        {
            html.Append(ReportCharts.Roc(task)).Append('\n').Append(ReportCharts.Calibration(task)).Append('\n');
        }
        html.Append("</div>\n</section>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
