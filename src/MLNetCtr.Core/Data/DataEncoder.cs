using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNetCtr.Data;

/// <summary>
/// Everything fit on training data that turns raw rows into model inputs: one <see cref="Vocabulary"/> per vocabulary
/// name (columns sharing <see cref="ColumnSchema.VocabularyName"/> share it) and one <see cref="NumericStatistics"/> per
/// numeric or binary feature, with the schema they belong to. Fit it with <see cref="Fit"/> on the training part only;
/// encode validation, test and serving rows with it (unseen values become <see cref="Vocabulary.OutOfVocabularyId"/>).
/// Saved inside model files as JSON (<see cref="ToJson"/>).
/// </summary>
public sealed class DataEncoder
{
    private readonly Dictionary<string, Vocabulary> _vocabularies;
    private readonly Dictionary<string, NumericStatistics> _numerics;

    /// <summary>Assembles an encoder; every vocabulary and numeric feature of the schema must be covered.</summary>
    /// <param name="schema">The dataset schema.</param>
    /// <param name="vocabularies">One per vocabulary name used by a categorical, sequence or text-sequence feature.</param>
    /// <param name="numerics">One per numeric or binary feature column.</param>
    [JsonConstructor]
    public DataEncoder(DatasetSchema schema, IReadOnlyList<Vocabulary> vocabularies, IReadOnlyList<NumericStatistics> numerics)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.Validate();
        Schema = schema;
        Vocabularies = vocabularies.ToArray();
        Numerics = numerics.ToArray();
        _vocabularies = Vocabularies.ToDictionary(v => v.Name, StringComparer.Ordinal);
        _numerics = Numerics.ToDictionary(n => n.Column, StringComparer.Ordinal);
        foreach (ColumnSchema c in schema.Features)
        {
            bool covered = EncodingOf(c) switch
            {
                FeatureEncoding.Vocabulary => _vocabularies.ContainsKey(c.VocabularyName),
                FeatureEncoding.Numeric => _numerics.ContainsKey(c.Name),
                _ => true,
            };
            if (!covered)
            {
                throw new ArgumentException($"Feature '{c.Name}' ({c.Type}) has no fitted {EncodingOf(c)} statistics; vocabularies: " +
                    $"{string.Join(", ", _vocabularies.Keys)}; numerics: {string.Join(", ", _numerics.Keys)}.");
            }
        }
    }

    /// <summary>The schema the encoder was fit for.</summary>
    public DatasetSchema Schema { get; }

    /// <summary>The fitted vocabularies, one per vocabulary name.</summary>
    public IReadOnlyList<Vocabulary> Vocabularies { get; }

    /// <summary>The fitted numeric statistics, one per numeric or binary feature column.</summary>
    public IReadOnlyList<NumericStatistics> Numerics { get; }

    /// <summary>The vocabulary of a categorical, sequence or text-sequence feature column.</summary>
    public Vocabulary VocabularyOf(string column) =>
        _vocabularies.TryGetValue(Schema[column].VocabularyName, out Vocabulary? v) ? v
            : throw new KeyNotFoundException($"Column '{column}' ({Schema[column].Type}) has no vocabulary; vocabularies: {string.Join(", ", _vocabularies.Keys)}.");

    /// <summary>The statistics of a numeric or binary feature column.</summary>
    public NumericStatistics NumericStatisticsOf(string column) =>
        _numerics.TryGetValue(column, out NumericStatistics? n) ? n
            : throw new KeyNotFoundException($"Column '{column}' has no numeric statistics; numeric columns: {string.Join(", ", _numerics.Keys)}.");

    /// <summary>
    /// Number of distinct ids a categorical, sequence, text-sequence or bucketized numeric column can hold (padding and
    /// out-of-vocabulary included): the row count of its embedding table.
    /// </summary>
    public int CardinalityOf(string column) =>
        EncodingOf(Schema[column]) == FeatureEncoding.Numeric && NumericStatisticsOf(column).Transform == NumericTransform.Bucketize
            ? NumericStatisticsOf(column).BucketIdCount
            : VocabularyOf(column).Size;

    /// <summary>Fits vocabularies and numeric statistics on <paramref name="train"/> (the training rows only).</summary>
    public static DataEncoder Fit(RawDataset train) => EncoderFitting.Fit(train);

    /// <summary>Encodes raw rows read with the same schema; the result owns new arrays for ids and numbers.</summary>
    public CtrDataset Encode(RawDataset data) => DatasetEncoding.Encode(this, data, inPlace: false);

    /// <summary>
    /// Encodes rows given as column name → raw text (e.g. serving requests). A missing or null value is treated as an
    /// absent column: empty categorical value, missing number, empty sequence, NaN label, weight 1, group −1, position 0.
    /// Errors name the row (as "line", from 1) and the column.
    /// </summary>
    public CtrDataset Encode(IEnumerable<IReadOnlyDictionary<string, string?>> rows, string sourceName = "rows")
    {
        ArgumentNullException.ThrowIfNull(rows);
        return DatasetEncoding.Encode(this, DictionaryRows.Read(Schema, rows, sourceName), inPlace: true);
    }

    /// <summary>The encoder as JSON (schema, vocabularies, numeric statistics), in the schema's JSON style.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, DatasetSchema.JsonOptions);

    /// <summary>Reads an encoder written by <see cref="ToJson"/>; malformed JSON gives an <see cref="InvalidDataException"/>.</summary>
    public static DataEncoder FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<DataEncoder>(json, DatasetSchema.JsonOptions)
                ?? throw new InvalidDataException("The data encoder JSON is null.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"Invalid data encoder JSON: {e.Message}", e);
        }
    }

    /// <summary>How a feature column is encoded.</summary>
    internal static FeatureEncoding EncodingOf(ColumnSchema c) => c.Type switch
    {
        ColumnType.Categorical or ColumnType.Sequence or ColumnType.TextSequence => FeatureEncoding.Vocabulary,
        ColumnType.Numeric or ColumnType.Binary => FeatureEncoding.Numeric,
        _ => FeatureEncoding.Text,
    };
}

/// <summary>What a feature column is encoded with.</summary>
internal enum FeatureEncoding
{
    /// <summary>A <see cref="Data.Vocabulary"/> (categorical, sequence, text sequence).</summary>
    Vocabulary,

    /// <summary><see cref="NumericStatistics"/> (numeric, binary).</summary>
    Numeric,

    /// <summary>Kept as text.</summary>
    Text,
}
