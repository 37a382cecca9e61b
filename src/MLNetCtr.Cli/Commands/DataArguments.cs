using System.CommandLine;
using MLNetCtr.Data;

namespace MLNetCtr.Cli.Commands;

/// <summary>
/// The options that the training commands (<c>train</c>, <c>pretrain</c>) share: the schema, the training and validation
/// files, option overrides, the output file and bad-row skipping. Add them to a command with <see cref="AddTo"/>, read them
/// with <see cref="Read"/>.
/// </summary>
/// <param name="validDescription">What the validation file is for in this command.</param>
internal sealed class DataArguments(string validDescription)
{
    public Option<string> Schema { get; } = new("--schema") { Description = "Schema JSON of the data files.", HelpName = "file", Required = true };

    public Option<string> Train { get; } = new("--train") { Description = "Training CSV; the vocabularies are fit on it.", HelpName = "csv", Required = true };

    public Option<string?> Valid { get; } = new("--valid") { Description = validDescription, HelpName = "csv" };

    public Option<string[]> Sets { get; } = new("--set")
    {
        Description = "Override a trainer option, e.g. --set LearningRate=0.05 or --set Architecture.Layers=2 (repeatable).",
        HelpName = "Option=Value",
    };

    public Option<string> ModelOut { get; } = new("--model-out") { Description = "Where to save the trained model.", HelpName = "file", Required = true };

    public Option<bool> SkipBadRows { get; } = new("--skip-bad-rows") { Description = "Skip (and count) rows that do not match the schema instead of failing." };

    /// <summary>Adds the data options (schema, train, valid) then <paramref name="between"/> then the rest (set, model-out, …, skip-bad-rows).</summary>
    public void AddTo(Command command, IEnumerable<Option> between, IEnumerable<Option> afterModelOut)
    {
        foreach (Option option in new Option[] { Schema, Train, Valid }.Concat(between).Concat([Sets, ModelOut]).Concat(afterModelOut).Append(SkipBadRows))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The values given on the command line.</summary>
    public DataFileArguments Read(ParseResult parsed) => new(parsed.GetValue(Schema)!, parsed.GetValue(Train)!, parsed.GetValue(Valid),
        parsed.GetValue(Sets) ?? [], parsed.GetValue(ModelOut)!, parsed.GetValue(SkipBadRows));
}

/// <summary>The values of <see cref="DataArguments"/>, and the loading of the files they name.</summary>
internal sealed record DataFileArguments(string Schema, string Train, string? Valid, IReadOnlyList<string> Sets, string ModelOut, bool SkipBadRows)
{
    /// <summary>How files are read (bad rows skipped or not).</summary>
    public LoadOptions LoadOptions => new() { SkipBadRows = SkipBadRows };

    /// <summary>Loads the schema, fits the encoder on the training file, and loads the validation file if one is named.</summary>
    public (CtrDataset Train, DataEncoder Encoder, CtrDataset? Valid) Load(CliContext context)
    {
        DatasetSchema schema = DatasetSchema.Load(Schema);
        (CtrDataset train, DataEncoder encoder) = DataFiles.LoadAndFit(context, Train, schema, LoadOptions);
        CtrDataset? valid = Valid is null ? null : DataFiles.Load(context, Valid, encoder, LoadOptions);
        return (train, encoder, valid);
    }
}
