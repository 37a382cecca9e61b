using System.CommandLine;
using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Serving;

namespace MLNetCtr.Cli.Commands;

/// <summary>
/// <c>mlnetctr predict</c>: scores a CSV file (labels not needed) with a saved model and writes one CSV row per scored
/// input row, in input order: the <c>--keep</c> columns, then each task's <c>Score</c>, <c>Probability</c> and
/// <c>PredictedLabel</c> (see <see cref="PredictionCsv"/>).
/// </summary>
internal static class PredictCommand
{
    private sealed record Arguments(string Model, string Data, string Output, IReadOnlyList<string> Keep, bool SkipBadRows, int BatchSize);

    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "A model file saved by 'mlnetctr train'.", HelpName = "file", Required = true };
        var data = new Option<string>("--data") { Description = "CSV in the model's schema; the label columns may be absent.", HelpName = "csv", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the predictions CSV (replaced atomically).", HelpName = "csv", Required = true };
        var keep = new Option<string[]>("--keep")
        {
            Description = "Input columns to copy verbatim before the predictions, e.g. --keep id,user_id (repeatable).",
            HelpName = "col[,col…]",
        };
        var skipBadRows = new Option<bool>("--skip-bad-rows") { Description = "Skip (and count) rows that do not match the schema instead of failing; they get no output row." };
        var batchSize = new Option<int>("--batch-size")
        {
            Description = "Rows per forward pass.",
            HelpName = "N",
            DefaultValueFactory = _ => CtrScoring.DefaultBatchSize,
        };
        var command = new Command("predict", "Score a CSV file with a saved model and write the predictions to a CSV file.")
        {
            Options = { model, data, output, keep, skipBadRows, batchSize },
        };
        command.SetAction(parsed => Run(context, new Arguments(parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(output)!,
            SplitNames(parsed.GetValue(keep) ?? []), parsed.GetValue(skipBadRows), parsed.GetValue(batchSize))));
        return command;
    }

    private static int Run(CliContext context, Arguments a)
    {
        Check(a);
        CtrPredictionModel model = CtrPredictionModel.LoadFrom(a.Model);
        IReadOnlyList<PredictionColumn> columns = PredictionColumns.For(model.Tasks);
        CheckKeptNames(a.Keep, columns);
        using KeptColumnReader? kept = a.Keep.Count == 0 ? null : KeptColumnReader.Open(a.Data, model.Encoder.Schema, a.Keep);
        var options = new LoadOptions { SkipBadRows = a.SkipBadRows, RequireLabels = false, RecordLineNumbers = kept is not null };
        CtrDataset data = DataFiles.Load(context, a.Data, model.Encoder, options);
        float[][] scores = model.Score(data, a.BatchSize);
        PredictionCsv.Write(a.Output, columns, scores, kept, data.Report?.LineNumbers);
        int skipped = data.Report?.RowsSkipped ?? 0;
        context.WriteLine($"Scored {data.RowCount} rows{(skipped == 0 ? "" : $" ({skipped} bad rows skipped)")} for {model.Tasks.Count} " +
            $"task{(model.Tasks.Count == 1 ? "" : "s")} ({string.Join(", ", model.Tasks.Select(t => t.Name))}): wrote {Path.GetFullPath(a.Output)}.");
        return CliApp.Success;
    }

    private static void Check(Arguments a)
    {
        if (a.BatchSize <= 0)
        {
            throw new CliUsageException($"--batch-size must be a positive number of rows, got {a.BatchSize}.");
        }
        StringComparison paths = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        foreach ((string option, string path) in new[] { ("--data", a.Data), ("--model", a.Model) })
        {
            if (string.Equals(Path.GetFullPath(a.Output), Path.GetFullPath(path), paths))
            {
                throw new CliUsageException($"--out names the {option} file '{path}'; write the predictions to another file.");
            }
        }
    }

    /// <summary>A kept column may appear once and must not take a prediction column's name, so the output header names each column once.</summary>
    private static void CheckKeptNames(IReadOnlyList<string> keep, IReadOnlyList<PredictionColumn> columns)
    {
        if (keep.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new CliUsageException($"--keep names column '{repeated.Key}' more than once.");
        }
        if (keep.FirstOrDefault(n => columns.Any(c => c.Name == n)) is string clash)
        {
            throw new CliUsageException($"--keep column '{clash}' has the name of a prediction column ({string.Join(", ", columns.Select(c => c.Name))}); the output would name it twice.");
        }
    }

    /// <summary>The names of <c>--keep a,b --keep c</c>: split on commas, trimmed, empty ones dropped.</summary>
    private static IReadOnlyList<string> SplitNames(string[] values) =>
        [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
}
