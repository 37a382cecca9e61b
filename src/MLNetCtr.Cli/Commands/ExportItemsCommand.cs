using System.CommandLine;
using MLNetCtr.Models;
using MLNetCtr.Serving;

namespace MLNetCtr.Cli.Commands;

/// <summary><c>mlnetctr export-items</c>: computes the item vectors of a whole item table with a saved two-tower model.</summary>
internal static class ExportItemsCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "A two-tower model file (trainer parallel-two-tower or two-tower).", HelpName = "file", Required = true };
        var items = new Option<string>("--items") { Description = "Item table: a CSV with a header holding the schema's item columns; the first row of each key is used.", HelpName = "csv", Required = true };
        var output = new Option<string>("--out") { Description = "The item vector file to write (safetensors).", HelpName = "file", Required = true };
        var key = new Option<string?>("--key") { Description = "Column whose value names each item. Default: the schema's first item column.", HelpName = "column" };
        var command = new Command("export-items", "Export the item vectors of an item table for inner-product serving (two-tower models).")
        {
            Options = { model, items, output, key },
        };
        command.SetAction(parsed => Run(context, parsed.GetValue(model)!, parsed.GetValue(items)!, parsed.GetValue(output)!, parsed.GetValue(key)));
        return command;
    }

    private static int Run(CliContext context, string modelPath, string itemsPath, string outputPath, string? keyColumn)
    {
        var serving = new TwoTowerServing(CtrPredictionModel.LoadFrom(modelPath));
        ItemVectorTable table = serving.ExportItems(itemsPath, outputPath, keyColumn);
        context.WriteLine($"Wrote {table.Count} item vectors of width {table.Width} (keys from '{table.KeyColumn}') to {Path.GetFullPath(outputPath)}.");
        return CliApp.Success;
    }
}
