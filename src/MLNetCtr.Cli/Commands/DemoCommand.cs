using System.CommandLine;
using System.Globalization;
using MLNetCtr.Cli.Demo;
using MLNetCtr.Cli.Report;
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Cli.Commands;

/// <summary>
/// <c>mlnetctr demo</c>: the main job on a fresh clone, offline. Generates two synthetic datasets, trains a parallel
/// two-tower and an ESMM model on them, prints a table against the oracle, saves the models and writes an HTML report.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Name of the report file in the output directory.</summary>
    public const string ReportFileName = "report.html";

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Output directory: data/, models/ and report.html (created if needed; files are overwritten).", HelpName = "dir", DefaultValueFactory = _ => "demo-output" };
        var rows = new Option<int>("--rows") { Description = "Rows of each synthetic dataset (80/10/10 train/valid/test).", DefaultValueFactory = _ => DemoPlan.DefaultRows };
        var seed = new Option<int>("--seed") { Description = "Seed of the data and the training.", DefaultValueFactory = _ => DemoPlan.DefaultSeed };
        var command = new Command("demo", "Train a parallel two-tower and an ESMM model on synthetic data, compare them with the oracle and write an HTML report.")
        {
            Options = { output, rows, seed },
        };
        command.SetAction(parsed => Run(context, parsed.GetValue(output)!, parsed.GetValue(rows), parsed.GetValue(seed)));
        return command;
    }

    private static int Run(CliContext context, string outputDirectory, int rows, int seed)
    {
        if (rows < 1_000)
        {
            throw new CliUsageException($"--rows must be at least 1000 so that every split has positives; got {rows}.");
        }
        var outcomes = DemoPlan.Create(rows, seed).Select(model => RunOne(context, model, outputDirectory)).ToList();
        context.WriteLine("The oracle scores each test row by its true probability: its AUC is the ceiling.");
        foreach (DemoOutcome outcome in outcomes)
        {
            context.Console.Write(OracleGapTable.Create(outcome));
        }
        string reportPath = Path.GetFullPath(Path.Combine(outputDirectory, ReportFileName));
        HtmlReport.Write(reportPath, outcomes, rows, seed);
        context.WriteLine($"Wrote the report to {reportPath}.");
        return CliApp.Success;
    }

    private static DemoOutcome RunOne(CliContext context, DemoModel definition, string outputDirectory)
    {
        string name = ScenarioNames.NameOf(definition.Scenario);
        SyntheticResult data = ConsoleProgress.Run(context, $"Generating {name} data", line =>
            SyntheticDataGenerator.Generate(definition.Scenario, definition.Data, Path.Combine(outputDirectory, "data", name), new SyncProgress<double>(fraction =>
                line.Update(fraction, string.Create(CultureInfo.InvariantCulture, $"{fraction * definition.Data.Rows:N0} rows")))));
        (CtrDataset train, DataEncoder encoder) = DataFiles.LoadAndFit(context, data.Train.Path, data.Schema, new LoadOptions());
        CtrDataset valid = DataFiles.Load(context, data.Valid.Path, encoder, new LoadOptions());
        CtrDataset test = DataFiles.Load(context, data.Test.Path, encoder, new LoadOptions());

        (CtrPredictionModel model, TrainingResult result) = ConsoleProgress.Run(context, $"Training {definition.Family.Id}", line =>
            definition.Family.Fit(train, encoder, valid, definition.Options, new TrainingProgressView(line)));
        context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Trained {definition.Family.Id}: {result.Steps} steps in {result.Elapsed.TotalSeconds:F1} s."));
        string modelPath = Path.GetFullPath(Path.Combine(outputDirectory, "models", definition.Family.Id + ".mlnetctr"));
        model.Save(modelPath);
        context.WriteLine($"Saved the model to {modelPath}.");
        return DemoOutcome.Evaluate(definition, modelPath, model, result, EpochLosses.Of(result.History), data, test);
    }
}
