using System.CommandLine;
using System.Globalization;
using MLNetCtr.Data;

namespace MLNetCtr.Cli.Commands;

/// <summary>
/// The options that the training commands (<c>train</c>, <c>pretrain</c>) share: the schema, the training and validation
/// files (or a held-out fraction of the training file), option overrides, the output file and bad-row skipping. Add them to a command with <see cref="AddTo"/>, read them
/// with <see cref="Read"/>.
/// </summary>
/// <param name="validDescription">What the validation file is for in this command.</param>
internal sealed class DataArguments(string validDescription)
{
    public Option<string> Schema { get; } = new("--schema") { Description = "Schema JSON of the data files.", HelpName = "file", Required = true };

    public Option<string> Train { get; } = new("--train") { Description = "Training CSV; the vocabularies are fit on it.", HelpName = "csv", Required = true };

    public Option<string?> Valid { get; } = new("--valid") { Description = validDescription, HelpName = "csv" };

    public Option<double?> ValidFraction { get; } = new("--valid-fraction")
    {
        Description = "Instead of --valid: hold out this fraction of the --train rows (seeded random split, before fitting the vocabularies) as validation data.",
        HelpName = "fraction",
    };

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
        foreach (Option option in new Option[] { Schema, Train, Valid, ValidFraction }.Concat(between).Concat([Sets, ModelOut]).Concat(afterModelOut).Append(SkipBadRows))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The values given on the command line.</summary>
    public DataFileArguments Read(ParseResult parsed) => new(parsed.GetValue(Schema)!, parsed.GetValue(Train)!, parsed.GetValue(Valid),
        parsed.GetValue(ValidFraction), parsed.GetValue(Sets) ?? [], parsed.GetValue(ModelOut)!, parsed.GetValue(SkipBadRows));
}

/// <summary>The values of <see cref="DataArguments"/>, and the loading of the files they name.</summary>
internal sealed record DataFileArguments(
    string Schema, string Train, string? Valid, double? ValidFraction, IReadOnlyList<string> Sets, string ModelOut, bool SkipBadRows)
{
    /// <summary>Whether there is validation data: a file or a held-out fraction.</summary>
    public bool HasValidation => Valid is not null || ValidFraction is not null;

    /// <summary>How files are read (bad rows skipped or not).</summary>
    public LoadOptions LoadOptions => new() { SkipBadRows = SkipBadRows };

    /// <summary>
    /// Loads the schema, fits the encoder on the training file, and loads the validation file if one is named; with
    /// <see cref="ValidFraction"/>, splits the training file first (seed <see cref="DataDefaults.Seed"/>) and fits on the
    /// rest.
    /// </summary>
    public (CtrDataset Train, DataEncoder Encoder, CtrDataset? Valid) Load(CliContext context)
    {
        if (ValidFraction is double fraction && (Valid is not null || !(fraction > 0 && fraction < 1)))
        {
            throw new CliUsageException(Valid is not null
                ? "--valid and --valid-fraction cannot be combined: name a validation file or hold out a fraction of --train."
                : string.Create(CultureInfo.InvariantCulture, $"--valid-fraction must be between 0 and 1 (exclusive); got {fraction}."));
        }
        DatasetSchema schema = DatasetSchema.Load(Schema);
        if (ValidFraction is double holdout)
        {
            return LoadWithHoldout(context, schema, holdout);
        }
        (CtrDataset train, DataEncoder encoder) = DataFiles.LoadAndFit(context, Train, schema, LoadOptions);
        CtrDataset? valid = Valid is null ? null : DataFiles.Load(context, Valid, encoder, LoadOptions);
        return (train, encoder, valid);
    }

    private (CtrDataset Train, DataEncoder Encoder, CtrDataset? Valid) LoadWithHoldout(CliContext context, DatasetSchema schema, double fraction)
    {
        RawDataset all = DataFiles.ReadRaw(context, Train, schema, LoadOptions);
        (RawDataset train, RawDataset valid) = DataSplit.ByRatio(all, 1 - fraction, DataDefaults.Seed);
        if (train.RowCount == 0 || valid.RowCount == 0)
        {
            throw new CliUsageException(string.Create(CultureInfo.InvariantCulture,
                $"--valid-fraction {fraction} of {all.RowCount} rows leaves {train.RowCount} for training and {valid.RowCount} for validation; both need rows."));
        }
        DataEncoder encoder = DataEncoder.Fit(train);
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Held out {valid.RowCount} of {all.RowCount} rows of {Path.GetFileName(Train)} for validation (--valid-fraction {fraction}, seed {DataDefaults.Seed})."));
        return (encoder.Encode(train), encoder, encoder.Encode(valid));
    }
}
