using MLNetCtr.Cli.Report;
using Spectre.Console;

namespace MLNetCtr.Cli.Demo;

/// <summary>The demo's console tables: per model, each task's test AUC and log-loss next to the oracle's, and the AUC gap.</summary>
internal static class OracleGapTable
{
    /// <summary>One table for <paramref name="outcome"/>, titled with its trainer id (narrow enough for 80 columns).</summary>
    public static Table Create(DemoOutcome outcome)
    {
        var table = new Table { Title = new TableTitle($"{Markup.Escape(outcome.Definition.Family.Id)}: test split against the oracle") }.AddColumn("Task");
        foreach (string column in ReportRows.Columns)
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }
        foreach (TaskOutcome task in outcome.Tasks)
        {
            table.AddRow([Markup.Escape(task.Task), .. ReportRows.Cells(task)]);
        }
        return table;
    }
}
