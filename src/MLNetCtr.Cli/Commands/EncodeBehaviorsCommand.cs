using System.CommandLine;
using System.Globalization;
using MLNetCtr.Data;
using MLNetCtr.Text;

namespace MLNetCtr.Cli.Commands;

/// <summary>
/// <c>mlnetctr encode-behaviors</c>: builds or extends a BAHE behavior table: every distinct text of the text-sequence
/// and text columns of the given CSV files that the table lacks goes once through the frozen shallow part of Universal
/// Sentence Encoder lite. Texts already in the table are skipped, so a rerun on the same data encodes nothing.
/// </summary>
internal static class EncodeBehaviorsCommand
{
    private sealed record Arguments(string Schema, IReadOnlyList<string> Data, string Table, string EncoderModel, int FrozenLayers, int BatchSize, bool SkipBadRows);

    public static Command Create(CliContext context)
    {
        var schema = new Option<string>("--schema") { Description = "Schema JSON of the data files.", HelpName = "file", Required = true };
        var data = new Option<string[]>("--data") { Description = "CSV file whose behavior and item texts to encode (repeatable).", HelpName = "csv", Required = true, AllowMultipleArgumentsPerToken = true };
        var table = new Option<string>("--table") { Description = "The behavior table (SQLite); created if absent.", HelpName = "file", Required = true };
        var encoderModel = new Option<string>("--encoder-model") { Description = "Folder of Universal Sentence Encoder lite (tools/fetch-use-lite.sh). Default: .models/use-lite.", HelpName = "dir", DefaultValueFactory = _ => Path.Combine(".models", "use-lite") };
        var frozenLayers = new Option<int>("--frozen-layers") { Description = "Pretrained layers in the frozen shallow part (0-2). Default: 1.", DefaultValueFactory = _ => 1 };
        var batchSize = new Option<int>("--batch-size") { Description = "Texts per forward pass. Default: 64.", DefaultValueFactory = _ => 64 };
        var skipBadRows = new Option<bool>("--skip-bad-rows") { Description = "Skip (and count) rows that do not match the schema instead of failing." };
        var command = new Command("encode-behaviors", "Build or extend a BAHE behavior table from the texts of CSV files.")
        {
            Options = { schema, data, table, encoderModel, frozenLayers, batchSize, skipBadRows },
        };
        command.SetAction(parsed => Run(context, new Arguments(parsed.GetValue(schema)!, parsed.GetValue(data) ?? [], parsed.GetValue(table)!,
            parsed.GetValue(encoderModel)!, parsed.GetValue(frozenLayers), parsed.GetValue(batchSize), parsed.GetValue(skipBadRows))));
        return command;
    }

    private static int Run(CliContext context, Arguments a)
    {
        var options = new BaheEncoderOptions { FrozenLayers = a.FrozenLayers, BatchSize = a.BatchSize };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"Invalid encoder option: {e.Message}");
        }
        DatasetSchema schema = DatasetSchema.Load(a.Schema);
        ColumnSchema[] columns = [.. schema.Features.Where(c => c.Type is ColumnType.TextSequence or ColumnType.Text)];
        if (columns.Length == 0)
        {
            throw new CliUsageException($"Schema '{a.Schema}' has no text or text-sequence feature column to encode.");
        }
        var texts = new List<string>();
        foreach (string path in a.Data)
        {
            (CtrDataset rows, _) = DataFiles.LoadAndFit(context, path, schema, new LoadOptions { SkipBadRows = a.SkipBadRows });
            texts.AddRange(columns.SelectMany(c => rows.Texts[c.Name].SelectMany(field => Split(c, field))));
        }
        var encoder = new BaheBehaviorEncoder(UseLiteEncoder.Load(a.EncoderModel), options);
        BehaviorTable table = encoder.OpenTable(a.Table);
        int before = table.Count;
        int encoded = ConsoleProgress.Run(context, "encode-behaviors", line => encoder.Encode(table, texts, new SyncProgress<BehaviorEncodingProgress>(p =>
            line.Update(p.Total == 0 ? 1 : (double)p.Encoded / p.Total, $"{p.Encoded}/{p.Total} new texts"))));
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Encoded {encoded} new texts ({texts.Count} read, {before} already in the table); {Path.GetFullPath(a.Table)} holds {table.Count} behaviors of {table.Dimension} floats ({table.Encoder})."));
        return CliApp.Success;
    }

    private static IEnumerable<string> Split(ColumnSchema column, string field) =>
        column.Type == ColumnType.Text ? [field] : field.Split(column.Separator!, StringSplitOptions.RemoveEmptyEntries);
}
