using System.CommandLine;
using System.Globalization;
using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Trainers;
using Spectre.Console;

namespace MLNetCtr.Cli.Commands;

/// <summary>
/// <c>mlnetctr pretrain</c>: pretrains an FG-BERT behavior-sequence encoder (masked items and masked behavior features) on
/// a CSV file, saves it for <c>train --trainer srp4ctr --set PretrainedModel=&lt;file&gt;</c>, and reports masked-item
/// recall@10 and behavior-feature accuracy.
/// </summary>
internal static class PretrainCommand
{
    /// <summary>The pretrainers this command knows, by id.</summary>
    public static IReadOnlyList<string> Pretrainers { get; } = ["fg-bert"];

    public static Command Create(CliContext context)
    {
        var trainer = new Option<string>("--trainer") { Description = $"Pretrainer: {string.Join(", ", Pretrainers)}.", HelpName = "id", Required = true };
        trainer.AcceptOnlyFromAmong([.. Pretrainers]);
        var data = new DataArguments("Validation CSV: where the pretraining metrics are measured (else the training file).");
        var command = new Command("pretrain", "Pretrain a behavior-sequence encoder (FG-BERT) and save it to one file.") { Options = { trainer } };
        data.AddTo(command, between: [], afterModelOut: []);
        command.SetAction(parsed => Run(context, data.Read(parsed)));
        return command;
    }

    private static int Run(CliContext context, DataFileArguments a)
    {
        FgBertOptions options = OptionOverrides.Apply(new FgBertOptions(), a.Sets, "trainer 'fg-bert'", o => o.Validate());
        (CtrDataset train, DataEncoder encoder, CtrDataset? valid) = a.Load(context);

        PretrainedFgBert pretrained = ConsoleProgress.Run(context, "fg-bert", line =>
            new FgBertPretrainer(options).Pretrain(train, encoder, new SyncProgress<(int Epoch, float Loss)>(p =>
                line.Update((double)p.Epoch / options.NumberOfEpochs,
                    string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{options.NumberOfEpochs}  loss {p.Loss:F4}"), milestone: true))));
        pretrained.Save(a.ModelOut);
        context.WriteLine($"Saved the pretrained encoder to {Path.GetFullPath(a.ModelOut)}.");

        FgBertMetrics metrics = pretrained.Evaluate(valid ?? train);
        context.Console.Write(ResultTable(pretrained, metrics, valid is null ? "train" : "valid"));
        return CliApp.Success;
    }

    /// <summary>Masked-item recall@10 against chance, then each behavior feature's accuracy against its majority rate.</summary>
    private static Table ResultTable(PretrainedFgBert pretrained, FgBertMetrics metrics, string split)
    {
        var table = new Table { Title = new TableTitle($"Pretraining metrics on {split} (masked positions)") }
            .AddColumn("Metric").AddColumn(new TableColumn("Value").RightAligned()).AddColumn(new TableColumn("Chance / majority").RightAligned());
        table.AddRow("masked-item recall@10", MetricsTable.Format(metrics.MaskedItemRecallAt10), MetricsTable.Format(metrics.RecallAt10Chance));
        IReadOnlyList<ColumnSchema> features = pretrained.Model.Encoder.Tokens.Schema.BehaviorFeatures;
        for (int n = 0; n < features.Count; n++)
        {
            table.AddRow(Markup.Escape($"{features[n].Name} accuracy"), MetricsTable.Format(metrics.BehaviorAccuracy[n]), MetricsTable.Format(metrics.BehaviorMajorityRate[n]));
        }
        return table;
    }
}
