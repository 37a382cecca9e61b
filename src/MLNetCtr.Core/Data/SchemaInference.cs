using System.Text;

namespace MLNetCtr.Data;

/// <summary>A schema guessed from a sample of a file, with the evidence for each column.</summary>
/// <param name="Schema">The guessed schema (valid; edit it as needed).</param>
/// <param name="Columns">Each file column's guess and reason, in file order.</param>
/// <param name="SampledRows">Data rows the guess rests on.</param>
/// <param name="SkippedRows">Sampled rows left out for a wrong field count or broken quotes.</param>
public sealed record InferredSchema(DatasetSchema Schema, IReadOnlyList<InferredColumn> Columns, int SampledRows, int SkippedRows);

/// <summary>
/// Guesses a <see cref="DatasetSchema"/> from the first rows of a CSV/TSV file, as ML.NET's <c>InferColumns</c> does:
/// the delimiter (unless given), the column names (header, or c0, c1, …), and each column's role and type from its
/// values (see <see cref="SchemaInferenceOptions"/>; the rules are in <c>ColumnProfile.GuessFeature</c>). Labels and
/// sides come from the options; everything else is a context feature. The guess is a starting point to check.
/// </summary>
/// <example>
/// <code>
/// InferredSchema guess = SchemaInference.Infer("train.txt", new SchemaInferenceOptions { Labels = ["c0"], HasHeader = false });
/// guess.Schema.Save("schema.json");
/// </code>
/// </example>
public static class SchemaInference
{
    private const int DelimiterProbeRecords = 100;
    private static readonly char[] DelimiterCandidates = ['\t', ',', ';', '|'];

    /// <summary>Reads up to <see cref="SchemaInferenceOptions.SampleRows"/> rows of <paramref name="path"/> and guesses its schema.</summary>
    /// <exception cref="InvalidDataException">The sample cannot be read as a table (the message names the file).</exception>
    /// <exception cref="ArgumentException">A label, user or item column named in the options is not in the file.</exception>
    public static InferredSchema Infer(string path, SchemaInferenceOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        try
        {
            return Infer(reader, options);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Guesses the schema of the delimited text in <paramref name="reader"/>, reading only the sample.</summary>
    public static InferredSchema Infer(TextReader reader, SchemaInferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string sample = ReadLines(reader, options.SampleRows + (options.HasHeader ? 1 : 0));
        char delimiter = options.Delimiter ?? DetectDelimiter(sample);
        var csv = new CsvRecordReader(new StringReader(sample), delimiter);
        if (!csv.Read())
        {
            throw new InvalidDataException("the file is empty.");
        }
        string[] names = Enumerable.Range(0, csv.FieldCount)
            .Select(i => options.HasHeader && !csv[i].IsWhiteSpace() ? csv[i].Trim().ToString() : $"c{i}")   // an unnamed header column too
            .ToArray();
        CheckNamed(names, options);
        ColumnProfile[] profiles = names.Select(n => new ColumnProfile(n, options.SequenceSeparator)).ToArray();
        int rows = 0, skipped = 0;
        for (bool data = !options.HasHeader; data || csv.Read(); data = false)   // without a header, the first record is data
        {
            if (csv.Malformed is not null || csv.FieldCount != names.Length)
            {
                skipped++;
                continue;
            }
            for (int i = 0; i < names.Length; i++)
            {
                profiles[i].Add(csv[i]);
            }
            rows++;
        }
        if (rows == 0)
        {
            throw new InvalidDataException($"no sampled row has the {names.Length} fields of the first line ({skipped} rows with other counts).");
        }
        InferredColumn[] columns = profiles.Select(p => Guess(p, options)).ToArray();
        var schema = new DatasetSchema { Delimiter = delimiter, FileColumns = options.HasHeader ? null : names, Columns = columns.Select(c => c.Column).ToArray() };
        schema.Validate();
        return new InferredSchema(schema, columns, rows, skipped);
    }

    private static InferredColumn Guess(ColumnProfile profile, SchemaInferenceOptions options) =>
        options.Labels.Contains(profile.Name) ? profile.GuessLabel()
            : profile.GuessFeature(options, options.UserColumns.Contains(profile.Name) ? FeatureSide.User
                : options.ItemColumns.Contains(profile.Name) ? FeatureSide.Item : FeatureSide.Context);

    /// <summary>Every label, user and item column named in the options is a file column.</summary>
    private static void CheckNamed(string[] names, SchemaInferenceOptions options)
    {
        string[] unknown = options.Labels.Concat(options.UserColumns).Concat(options.ItemColumns).Where(n => !names.Contains(n)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"The file has no column {string.Join(", ", unknown.Select(n => $"'{n}'"))}. Its columns: {string.Join(", ", names)}.");
        }
    }

    /// <summary>
    /// The candidate (tab, comma, semicolon, pipe) that splits each of the first lines into the same number of fields,
    /// more than one; of several, the one giving the most fields (ties to the earlier candidate).
    /// </summary>
    private static char DetectDelimiter(string sample)
    {
        char best = '\0';
        int bestFields = 1;
        foreach (char candidate in DelimiterCandidates)
        {
            var csv = new CsvRecordReader(new StringReader(sample), candidate);
            var counts = new HashSet<int>();
            for (int r = 0; r < DelimiterProbeRecords && csv.Read(); r++)
            {
                counts.Add(csv.FieldCount);
            }
            if (counts.Count == 1 && counts.First() > bestFields)
            {
                (best, bestFields) = (candidate, counts.First());
            }
        }
        return best != '\0' ? best
            : throw new InvalidDataException("cannot detect the delimiter: no tab, comma, semicolon or pipe splits the first lines into the same number of fields; give it.");
    }

    private static string ReadLines(TextReader reader, int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count && reader.ReadLine() is string line; i++)
        {
            text.Append(line).Append('\n');
        }
        return text.ToString();
    }
}
