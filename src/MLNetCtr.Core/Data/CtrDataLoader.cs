using System.Text;

namespace MLNetCtr.Data;

/// <summary>
/// Loads CSV/TSV files with a header row (UTF-8, BOM optional, LF or CRLF, RFC 4180 quoting) described by a
/// <see cref="DatasetSchema"/>. Columns are matched by header name (blanks around it ignored), or by
/// <see cref="DatasetSchema.FileColumns"/> for files without a header; file columns the schema does not name are ignored.
/// Fields are parsed from a reused char buffer: numbers from spans, categorical values interned by a span lookup, so the
/// only strings made are distinct values and text columns.
/// </summary>
/// <example>
/// <code>
/// RawDataset all = CtrDataLoader.ReadRaw("clicks.csv", DatasetSchema.Load("clicks.schema.json"));
/// (RawDataset train, RawDataset test) = DataSplit.ByOrder(all, "timestamp", trainFraction: 0.8);
/// DataEncoder encoder = DataEncoder.Fit(train);
/// CtrDataset trainSet = encoder.Encode(train), testSet = encoder.Encode(test);
/// </code>
/// </example>
public static class CtrDataLoader
{
    /// <summary>Reads a file without encoding it, to split it before fitting an encoder on the training part.</summary>
    /// <exception cref="DataFormatException">The file does not match the schema (names file, line and column).</exception>
    public static RawDataset ReadRaw(string path, DatasetSchema schema, LoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, DataDefaults.ReadBufferChars);
        return ReadRaw(reader, path, schema, options);
    }

    /// <summary>Reads delimited text from <paramref name="reader"/>; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="DataFormatException">The text does not match the schema.</exception>
    public static RawDataset ReadRaw(TextReader reader, string sourceName, DatasetSchema schema, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(schema);
        return new CsvDatasetReader(reader, sourceName, schema, options ?? new LoadOptions()).Read();
    }

    /// <summary>Reads a training file, fits an encoder on it, and encodes it.</summary>
    /// <exception cref="DataFormatException">The file does not match the schema.</exception>
    public static (CtrDataset Data, DataEncoder Encoder) LoadAndFit(string path, DatasetSchema schema, LoadOptions? options = null)
    {
        RawDataset raw = ReadRaw(path, schema, options);
        DataEncoder encoder = DataEncoder.Fit(raw);
        return (DatasetEncoding.Encode(encoder, raw, inPlace: true), encoder);
    }

    /// <summary>Reads and encodes a validation, test or scoring file with a fitted encoder (and its schema).</summary>
    /// <exception cref="DataFormatException">The file does not match the schema.</exception>
    public static CtrDataset Load(string path, DataEncoder encoder, LoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return DatasetEncoding.Encode(encoder, ReadRaw(path, encoder.Schema, options), inPlace: true);
    }
}
