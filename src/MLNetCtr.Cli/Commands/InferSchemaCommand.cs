using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using MLNetCtr.Data;

namespace MLNetCtr.Cli.Commands;

/// <summary>
/// <c>mlnetctr infer-schema</c>: guesses the schema of a CSV/TSV file from a sample of its rows (see
/// <see cref="SchemaInference"/>), writes it as concise JSON and prints what it guessed and why, for the user to edit.
/// </summary>
internal static class InferSchemaCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "The CSV/TSV file to sample (e.g. the training file).", HelpName = "csv", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the schema JSON.", HelpName = "json", Required = true };
        var labels = new Option<string[]>("--label") { Description = "A label column (repeatable; at least one).", HelpName = "column", Required = true };
        var users = new Option<string[]>("--user") { Description = "A column describing the user (repeatable); other features are context.", HelpName = "column" };
        var items = new Option<string[]>("--item") { Description = "A column describing the candidate item (repeatable).", HelpName = "column" };
        var delimiter = new Option<char?>("--delimiter")
        {
            Description = "Field delimiter: one character, or 'tab'. Default: detected among tab, comma, semicolon, pipe.",
            HelpName = "char",
            CustomParser = ParseDelimiter,
        };
        var noHeader = new Option<bool>("--no-header") { Description = "The first line is data: columns are named c0, c1, … and the schema lists them in fileColumns." };
        var rows = new Option<int>("--rows") { Description = "Rows sampled from the start of the file.", HelpName = "count", DefaultValueFactory = _ => SchemaInferenceDefaults.SampleRows };
        var separator = new Option<string>("--separator") { Description = "Element separator that makes a column a sequence.", HelpName = "text", DefaultValueFactory = _ => SchemaDefaults.SequenceSeparator };
        var minCount = new Option<int>("--min-count") { Description = "minCount of categorical and sequence features (values rarer in training share the out-of-vocabulary id).", HelpName = "count", DefaultValueFactory = _ => SchemaInferenceDefaults.MinCount };
        var minNumericDistinct = new Option<int>("--min-numeric-distinct")
        {
            Description = "An all-number column is numeric from this many distinct values, else categorical (raise it when integer columns are codes, not quantities).",
            HelpName = "count",
            DefaultValueFactory = _ => SchemaInferenceDefaults.MinNumericDistinct,
        };
        var command = new Command("infer-schema", "Guess a schema.json from a sample of a CSV/TSV file, and say why.")
        {
            Options = { data, output, labels, users, items, delimiter, noHeader, rows, separator, minCount, minNumericDistinct },
        };
        command.SetAction(parsed => Run(context, parsed.GetValue(data)!, parsed.GetValue(output)!, new SchemaInferenceOptions
        {
            Labels = parsed.GetValue(labels) ?? [],
            UserColumns = parsed.GetValue(users) ?? [],
            ItemColumns = parsed.GetValue(items) ?? [],
            Delimiter = parsed.GetValue(delimiter),
            HasHeader = !parsed.GetValue(noHeader),
            SampleRows = parsed.GetValue(rows),
            SequenceSeparator = parsed.GetValue(separator)!,
            MinCount = parsed.GetValue(minCount),
            MinNumericDistinct = parsed.GetValue(minNumericDistinct),
        }));
        return command;
    }

    private static char? ParseDelimiter(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        char? delimiter = text switch
        {
            "tab" or "\\t" or "\t" => '\t',
            { Length: 1 } => text[0],
            _ => null,
        };
        if (delimiter is null)
        {
            result.AddError($"--delimiter must be one character or 'tab'; got '{text}'.");
        }
        return delimiter;
    }

    private static int Run(CliContext context, string dataPath, string outputPath, SchemaInferenceOptions options)
    {
        InferredSchema guess;
        try
        {
            guess = SchemaInference.Infer(dataPath, options);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
        File.WriteAllText(outputPath, guess.Schema.ToConciseJson());
        string delimiter = guess.Schema.Delimiter == '\t' ? "tab" : $"'{guess.Schema.Delimiter}'";
        string header = guess.Schema.FileColumns is null ? "a header row" : "no header (names in fileColumns)";
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Sampled {guess.SampledRows} rows of {Path.GetFileName(dataPath)} ({guess.SkippedRows} skipped): delimiter {delimiter}, {header}."));
        foreach (string line in Lines(guess))
        {
            context.WriteLine(line);
        }
        context.WriteLine($"Wrote the schema to {Path.GetFullPath(outputPath)}; check it (docs/DATA.md), then: mlnetctr train --schema {outputPath} ...");
        return CliApp.Success;
    }

    /// <summary>One line per column, in aligned plain columns (never wrapped, so it reads the same piped to a file).</summary>
    private static IEnumerable<string> Lines(InferredSchema guess)
    {
        string[][] rows =
        [
            ["column", "role", "type", "side", "why"],
            .. guess.Columns.Select(c => new[]
            {
                c.Column.Name, Lower(c.Column.Role), Lower(c.Column.Type), c.Column.Role == ColumnRole.Feature ? Lower(c.Column.Side) : "", c.Reason,
            }),
        ];
        int[] widths = [.. Enumerable.Range(0, 4).Select(i => rows.Max(r => r[i].Length))];
        return rows.Select(r => string.Join("  ", r.Select((cell, i) => i < widths.Length ? cell.PadRight(widths[i]) : cell)));
    }

    /// <summary>The enum value as schema JSON spells it (camelCase).</summary>
    private static string Lower<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
