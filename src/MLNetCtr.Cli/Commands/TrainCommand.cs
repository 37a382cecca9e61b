using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MLNetCtr.Data;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Cli.Commands;

/// <summary><c>mlnetctr train</c>: fits a model family on a CSV file, saves the model and reports its metrics.</summary>
internal static class TrainCommand
{
    private sealed record Arguments(ModelFamily Family, DataFileArguments Data, string? Test, string? MetricsOut);

    public static Command Create(CliContext context)
    {
        var trainer = new Option<ModelFamily>("--trainer")
        {
            Description = $"Model family: {string.Join(", ", ModelRegistry.Families.Select(f => f.Id))}.",
            HelpName = "id",
            Required = true,
            CustomParser = ParseFamily,
        };
        var data = new DataArguments("Validation CSV: early stopping and the best model (without it or --valid-fraction, training runs every epoch and keeps the last model).");
        var test = new Option<string?>("--test") { Description = "Test CSV, evaluated after training.", HelpName = "csv" };
        var metricsOut = new Option<string?>("--metrics-out") { Description = "Where to write the metrics JSON (test metrics if --test, else validation).", HelpName = "json" };
        var command = new Command("train", "Train a model and save it to one file.") { Options = { trainer } };
        data.AddTo(command, between: [test], afterModelOut: [metricsOut]);
        command.SetAction(parsed => Run(context, new Arguments(parsed.GetValue(trainer)!, data.Read(parsed), parsed.GetValue(test), parsed.GetValue(metricsOut))));
        return command;
    }

    private static ModelFamily ParseFamily(ArgumentResult result)
    {
        string id = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        ModelFamily? family = ModelRegistry.Families.FirstOrDefault(f => f.Id == id);
        if (family is null)
        {
            result.AddError($"Unknown trainer '{id}'. Known: {string.Join(", ", ModelRegistry.Families.Select(f => f.Id))}.");
        }
        return family!;
    }

    private static int Run(CliContext context, Arguments a)
    {
        if (a.MetricsOut is not null && !a.Data.HasValidation && a.Test is null)
        {
            throw new CliUsageException("--metrics-out needs --valid, --valid-fraction or --test: there is nothing to evaluate.");
        }
        TrainingOptions options = OptionOverrides.Apply(a.Family, a.Family.DefaultOptions(), a.Data.Sets);
        (CtrDataset train, DataEncoder encoder, CtrDataset? valid) = a.Data.Load(context);
        if (valid is null)
        {
            context.WriteLine("No validation data (--valid or --valid-fraction): no early stopping, and the model of the last step is kept.");
        }
        CtrDataset? test = a.Test is null ? null : DataFiles.Load(context, a.Test, encoder, a.Data.LoadOptions);

        CtrPredictionModel model = Fit(context, a.Family, options, train, encoder, valid);
        model.Save(a.Data.ModelOut);
        context.WriteLine($"Saved the model to {Path.GetFullPath(a.Data.ModelOut)}.");

        var columns = new List<(string Name, CtrMetrics Metrics)>();
        if (valid is not null)
        {
            columns.Add(("valid", model.Evaluate(valid)));
        }
        if (test is not null)
        {
            columns.Add(("test", model.Evaluate(test)));
        }
        if (columns.Count > 0)
        {
            context.Console.Write(MetricsTable.Create(columns));
        }
        if (a.MetricsOut is not null)
        {
            MetricsFile.Write(a.MetricsOut, columns[^1].Metrics);
            context.WriteLine($"Wrote the {columns[^1].Name} metrics to {Path.GetFullPath(a.MetricsOut)}.");
        }
        return CliApp.Success;
    }

    private static CtrPredictionModel Fit(CliContext context, ModelFamily family, TrainingOptions options, CtrDataset train, DataEncoder encoder, CtrDataset? valid)
    {
        (CtrPredictionModel model, TrainingResult result) = ConsoleProgress.Run(context, family.Id, line =>
            family.Fit(train, encoder, valid, options, new TrainingProgressView(line)));
        string best = double.IsNaN(result.BestValue) ? ""
            : string.Create(CultureInfo.InvariantCulture, $"; best validation {options.EarlyStoppingMetric} {result.BestValue:F4} at step {result.BestStep}");
        string stopped = result.StoppedEarly ? " (stopped early)" : "";
        context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Trained {result.Steps} steps in {result.Elapsed.TotalSeconds:F1} s{stopped}{best}."));
        return model;
    }
}
