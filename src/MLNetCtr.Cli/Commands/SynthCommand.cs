using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;
using Spectre.Console;

namespace MLNetCtr.Cli.Commands;

/// <summary><c>mlnetctr synth</c>: writes a synthetic dataset with planted truth, and the oracle metrics of its test split.</summary>
internal static class SynthCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = new Option<ScenarioKind>("--scenario")
        {
            Description = $"The planted world: {string.Join(", ", ScenarioNames.All)}.",
            HelpName = "name",
            Required = true,
            CustomParser = ParseScenario,
        };
        var rows = new Option<int>("--rows") { Description = "Rows over train, valid and test (80/10/10).", DefaultValueFactory = _ => new SyntheticOptions().Rows };
        var seed = new Option<int>("--seed") { Description = "Seed; the same seed and rows give byte-identical files.", DefaultValueFactory = _ => new SyntheticOptions().Seed };
        var output = new Option<string>("--out") { Description = "Output directory (created if needed; files are overwritten).", HelpName = "dir", Required = true };
        var sets = new Option<string[]>("--set") { Description = "Override a generator option, e.g. --set Users=500 or --set TaskCorrelation=0.1 (repeatable).", HelpName = "Option=Value" };
        var command = new Command("synth", "Generate train/valid/test CSV files, schema.json and oracle_metrics.json (the metrics of the true probabilities on the test split).")
        {
            Options = { scenario, rows, seed, output, sets },
        };
        command.SetAction(parsed => Run(context, parsed.GetValue(scenario),
            OptionOverrides.Apply(new SyntheticOptions { Rows = parsed.GetValue(rows), Seed = parsed.GetValue(seed) }, parsed.GetValue(sets) ?? [], "synth", _ => { }),
            parsed.GetValue(output)!));
        return command;
    }

    private static ScenarioKind ParseScenario(ArgumentResult result)
    {
        string name = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (ScenarioNames.TryParse(name, out ScenarioKind kind))
        {
            return kind;
        }
        result.AddError($"Unknown scenario '{name}'. Known: {string.Join(", ", ScenarioNames.All)}.");
        return default;
    }

    private static int Run(CliContext context, ScenarioKind scenario, SyntheticOptions options, string outputDirectory)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"Invalid synth options: {e.Message}");
        }
        SyntheticResult data = ConsoleProgress.Run(context, $"Generating {ScenarioNames.NameOf(scenario)}", line =>
            SyntheticDataGenerator.Generate(scenario, options, outputDirectory, new SyncProgress<double>(fraction =>
                line.Update(fraction, string.Create(CultureInfo.InvariantCulture, $"{fraction * options.Rows:N0} rows")))));
        CtrMetrics oracle = OracleMetrics.Evaluate(data, DatasetSplit.Test);
        string oraclePath = Path.Combine(Path.GetDirectoryName(data.SchemaPath)!, OracleMetrics.FileName);
        MetricsFile.Write(oraclePath, oracle);

        foreach (DatasetSplit split in Enum.GetValues<DatasetSplit>())
        {
            context.WriteLine($"Wrote {data[split].Path} ({data[split].Rows} rows).");
        }
        context.WriteLine($"Wrote {data.SchemaPath}.");
        context.WriteLine($"Wrote {oraclePath}.");
        context.Console.Write(OracleTable(data, oracle));
        return CliApp.Success;
    }

    /// <summary>One row per truth: what it predicts, on which test rows, and its oracle AUC (or RMSE for a mean).</summary>
    private static Table OracleTable(SyntheticResult data, CtrMetrics oracle)
    {
        var table = new Table { Title = new TableTitle("Oracle on the test split") }
            .AddColumn("Truth").AddColumn("Label").AddColumn("Rows").AddColumn(new TableColumn("AUC / RMSE").RightAligned());
        foreach (SyntheticTruth truth in data.Truths.Where(t => oracle.ContainsKey(t.Name)))
        {
            TaskMetrics metrics = oracle[truth.Name];
            string rows = truth.Given is null ? "all" : $"{truth.Given} = 1";
            string value = metrics.Binary is { } binary ? MetricsTable.Format(binary.AreaUnderRocCurve)
                : $"RMSE {MetricsTable.Format(metrics.Regression!.RootMeanSquaredError)}";
            table.AddRow(Markup.Escape(truth.Name), Markup.Escape(truth.Label), Markup.Escape(rows), value);
        }
        return table;
    }
}
