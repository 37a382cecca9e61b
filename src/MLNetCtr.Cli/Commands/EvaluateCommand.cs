using System.CommandLine;
using MLNetCtr.Data;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;

namespace MLNetCtr.Cli.Commands;

/// <summary><c>mlnetctr evaluate</c>: scores a labeled CSV file with a saved model and reports every metric.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "A model file saved by 'mlnetctr train'.", HelpName = "file", Required = true };
        var data = new Option<string>("--data") { Description = "Labeled CSV in the model's schema.", HelpName = "csv", Required = true };
        var metricsOut = new Option<string?>("--metrics-out") { Description = "Where to write the metrics JSON.", HelpName = "json" };
        var skipBadRows = new Option<bool>("--skip-bad-rows") { Description = "Skip (and count) rows that do not match the schema instead of failing." };
        var command = new Command("evaluate", "Evaluate a saved model on labeled data.")
        {
            Options = { model, data, metricsOut, skipBadRows },
        };
        command.SetAction(parsed => Run(context, parsed.GetValue(model)!, parsed.GetValue(data)!, parsed.GetValue(metricsOut), parsed.GetValue(skipBadRows)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string dataPath, string? metricsOut, bool skipBadRows)
    {
        CtrPredictionModel model = CtrPredictionModel.LoadFrom(modelPath);
        CtrDataset data = DataFiles.Load(context, dataPath, model.Encoder, new LoadOptions { SkipBadRows = skipBadRows });
        CtrMetrics metrics = model.Evaluate(data);
        context.Console.Write(MetricsTable.Create([(Path.GetFileName(dataPath), metrics)]));
        if (metricsOut is not null)
        {
            MetricsFile.Write(metricsOut, metrics);
            context.WriteLine($"Wrote the metrics to {Path.GetFullPath(metricsOut)}.");
        }
        return CliApp.Success;
    }
}
