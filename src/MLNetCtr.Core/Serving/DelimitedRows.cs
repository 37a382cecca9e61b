using System.Text;
using MLNetCtr.Data;

namespace MLNetCtr.Serving;

/// <summary>
/// Reads a delimited file with a header into rows of column name → raw text, for serving inputs that hold only some of
/// a schema's columns (an item table, user requests); <see cref="DataEncoder.Encode(IEnumerable{IReadOnlyDictionary{string, string?}}, string)"/>
/// then treats absent columns as missing values.
/// </summary>
internal static class DelimitedRows
{
    /// <summary>The header and every row of <paramref name="path"/>; an empty cell reads as an empty string.</summary>
    /// <exception cref="DataFormatException">The file is empty, or a row is malformed or has the wrong number of fields.</exception>
    public static (string[] Header, List<IReadOnlyDictionary<string, string?>> Rows) Read(string path, char delimiter)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvRecordReader(reader, delimiter);
        if (!csv.Read())
        {
            throw new DataFormatException(path, 1, null, 0, "the file is empty; a header row naming the columns is expected.");
        }
        string[] header = [.. Enumerable.Range(0, csv.FieldCount).Select(i => csv[i].ToString().TrimStart('\uFEFF'))];
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        while (csv.Read())
        {
            if (csv.Malformed is string reason)
            {
                throw new DataFormatException(path, csv.LineNumber, header.ElementAtOrDefault(csv.MalformedField), csv.MalformedField + 1, reason);
            }
            if (csv.FieldCount != header.Length)
            {
                throw new DataFormatException(path, csv.LineNumber, null, 0, $"expected {header.Length} fields, as in the header, but found {csv.FieldCount}.");
            }
            var row = new Dictionary<string, string?>(header.Length, StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
            {
                row[header[i]] = csv[i].ToString();
            }
            rows.Add(row);
        }
        return (header, rows);
    }
}
