using System.Text;
using MLNetCtr.Data;

namespace MLNetCtr.Cli;

/// <summary>
/// Reads chosen columns of a data file, verbatim (unquoted), record by record, for the rows a loader kept: given the file
/// line of each kept row (<see cref="LoadReport.LineNumbers"/>), <see cref="MoveTo"/> passes over the records the loader
/// skipped, so every kept cell stays beside the score of its own row. Records are split by the loader's own CSV reader,
/// so both passes see the same records on the same lines.
/// </summary>
/// <remarks>
/// <code>
///   line  file                     loader (skip bad rows)    MoveTo(line)   kept cell
///   1     id,user_id,…,item_price  header
///   2     r1,u7,…,4.98             row 0 (line 2)            2              r1
///   3     r2,u9,…,abc              skipped
///   4     r3,u1,…,9.24             row 1 (line 4)            4              r3   (line 3 passed over)
/// </code>
/// </remarks>
internal sealed class KeptColumnReader : IDisposable
{
    private readonly string _path;
    private readonly StreamReader _reader;
    private readonly CsvRecordReader _csv;
    private readonly int[] _fields;   // kept column → field index in the file
    private readonly int _fieldsNeeded;   // a record needs this many fields to hold every kept column

    private KeptColumnReader(string path, StreamReader reader, CsvRecordReader csv, IReadOnlyList<string> names, int[] fields)
    {
        _path = path;
        Names = names;
        _reader = reader;
        _csv = csv;
        _fields = fields;
        _fieldsNeeded = fields.Length == 0 ? 0 : fields.Max() + 1;
    }

    /// <summary>The kept columns' names, in output order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Kept column <paramref name="index"/> of the current record, unquoted; valid until the next <see cref="MoveTo"/>.</summary>
    public ReadOnlySpan<char> this[int index] => _csv[_fields[index]];

    /// <summary>
    /// Opens <paramref name="path"/> and finds <paramref name="names"/> among its column names: the header row (names
    /// trimmed, as the loader reads them), or <see cref="DatasetSchema.FileColumns"/> for a file without one.
    /// </summary>
    /// <exception cref="CliUsageException">A name is not a column of the file; the message lists the file's columns.</exception>
    public static KeptColumnReader Open(string path, DatasetSchema schema, IReadOnlyList<string> names)
    {
        var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, DataDefaults.ReadBufferChars);
        try
        {
            var csv = new CsvRecordReader(reader, schema.Delimiter);
            string[] header = schema.FileColumns is { } fileColumns ? [.. fileColumns] : ReadHeader(csv, path);
            int[] fields = new int[names.Count];
            for (int i = 0; i < names.Count; i++)
            {
                fields[i] = Array.IndexOf(header, names[i]);
                if (fields[i] < 0)
                {
                    throw new CliUsageException($"--keep names column '{names[i]}', which {path} does not have. Its columns: {string.Join(", ", header)}.");
                }
            }
            return new KeptColumnReader(path, reader, csv, names, fields);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the record that starts on file line <paramref name="lineNumber"/>, passing over the records before it.</summary>
    /// <exception cref="InvalidDataException">No record starts on that line (the file changed since it was loaded).</exception>
    public void MoveTo(long lineNumber)
    {
        while (_csv.Read())
        {
            if (_csv.LineNumber == lineNumber && _csv.FieldCount >= _fieldsNeeded)
            {
                return;
            }
            if (_csv.LineNumber >= lineNumber)
            {
                break;
            }
        }
        throw new InvalidDataException($"{_path}: no record with every kept column starts on line {lineNumber}, where a loaded row started; did the file change while it was read?");
    }

    public void Dispose() => _reader.Dispose();

    private static string[] ReadHeader(CsvRecordReader csv, string path)
    {
        if (!csv.Read())
        {
            throw new DataFormatException(path, 1, null, 0, "the file is empty; a header row naming the columns is expected.");
        }
        return [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv[i].Trim().ToString())];
    }
}
