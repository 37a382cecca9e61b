using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNetCtr.Data;

/// <summary>What a column is for.</summary>
public enum ColumnRole
{
    /// <summary>An input of the model.</summary>
    Feature,

    /// <summary>A target: one of possibly several tasks (binary or numeric).</summary>
    Label,

    /// <summary>A per-row example weight.</summary>
    Weight,

    /// <summary>A group (user/request) id, for gAUC.</summary>
    GroupId,

    /// <summary>The display position of the item, for position-bias towers.</summary>
    Position,

    /// <summary>Read and ignored.</summary>
    Ignore,
}

/// <summary>How a column's text is parsed.</summary>
public enum ColumnType
{
    /// <summary>One categorical value, mapped to an id through a vocabulary.</summary>
    Categorical,

    /// <summary>A number (float).</summary>
    Numeric,

    /// <summary>0/1 (also <c>true</c>/<c>false</c>); the type of binary labels.</summary>
    Binary,

    /// <summary>A list of categorical values joined by <see cref="ColumnSchema.Separator"/>, oldest first.</summary>
    Sequence,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>A list of texts joined by <see cref="ColumnSchema.Separator"/>, oldest first (textual behaviors).</summary>
    TextSequence,
}

/// <summary>Which side of a two-tower model a feature belongs to.</summary>
public enum FeatureSide
{
    /// <summary>Describes the user (and goes to the user tower).</summary>
    User,

    /// <summary>Describes the candidate item (item tower).</summary>
    Item,

    /// <summary>Describes the request context (user tower in two-tower models).</summary>
    Context,
}

/// <summary>How numeric features are presented to models.</summary>
public enum NumericTransform
{
    /// <summary>(x − mean) / std, with statistics fit on training data.</summary>
    Standardize,

    /// <summary>Quantile buckets fit on training data; the bucket index becomes a categorical id.</summary>
    Bucketize,

    /// <summary>Used as is.</summary>
    None,

    /// <summary>
    /// <c>sign(x) · ln(1 + |x|)</c>, then standardized with the mean and standard deviation of the transformed training
    /// values: for heavy-tailed counts (Criteo's integer features). Missing values encode as 0, like
    /// <see cref="Standardize"/>.
    /// </summary>
    Log,
}

/// <summary>One column of a dataset: its role, type, side and encoding options.</summary>
public sealed record ColumnSchema
{
    /// <summary>Header name of the column in the data file.</summary>
    public required string Name { get; init; }

    /// <summary>What the column is for. Default: <see cref="ColumnRole.Feature"/>.</summary>
    public ColumnRole Role { get; init; } = ColumnRole.Feature;

    /// <summary>How the text is parsed. Default: <see cref="ColumnType.Categorical"/>.</summary>
    public ColumnType Type { get; init; } = ColumnType.Categorical;

    /// <summary>Tower side for features. Default: <see cref="FeatureSide.Context"/>.</summary>
    public FeatureSide Side { get; init; } = FeatureSide.Context;

    /// <summary>Element separator of sequence columns. Default: <c>"|"</c>.</summary>
    public string Separator { get; init; } = SchemaDefaults.SequenceSeparator;

    /// <summary>Sequences keep their most recent (last) <see cref="MaxLength"/> elements. Default: 50.</summary>
    public int MaxLength { get; init; } = SchemaDefaults.MaxSequenceLength;

    /// <summary>
    /// Name of the vocabulary this column shares; columns with the same name share one vocabulary (a history-item
    /// sequence and the candidate item). Default: null, meaning the column's own name.
    /// </summary>
    public string? Vocabulary { get; init; }

    /// <summary>For a side-info sequence: the item sequence it is aligned with, position by position. Default: null.</summary>
    public string? AlignedWith { get; init; }

    /// <summary>Values seen fewer times than this in training map to the out-of-vocabulary id. Default: 1.</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>If set, categorical values are hashed into this many buckets instead of a fitted vocabulary. Default: null.</summary>
    public int? HashBuckets { get; init; }

    /// <summary>Numeric features: how they are presented to models. Default: <see cref="NumericTransform.Standardize"/>.</summary>
    public NumericTransform Transform { get; init; } = NumericTransform.Standardize;

    /// <summary>Number of quantile buckets for <see cref="NumericTransform.Bucketize"/>. Default: 10.</summary>
    public int Buckets { get; init; } = SchemaDefaults.NumericBuckets;

    /// <summary>The vocabulary key: <see cref="Vocabulary"/> or, when unset, <see cref="Name"/>.</summary>
    [JsonIgnore]
    public string VocabularyName => Vocabulary ?? Name;
}

/// <summary>Default values of the schema, in one place.</summary>
public static class SchemaDefaults
{
    /// <summary>Separator of sequence elements.</summary>
    public const string SequenceSeparator = "|";

    /// <summary>Maximum sequence length kept (most recent elements).</summary>
    public const int MaxSequenceLength = 50;

    /// <summary>Quantile buckets for bucketized numerics.</summary>
    public const int NumericBuckets = 10;
}

/// <summary>
/// Describes a CSV/TSV dataset: one <see cref="ColumnSchema"/> per column used. Files have a header row naming their
/// columns, unless <see cref="FileColumns"/> names them. Stored as JSON beside the data files and inside saved models.
/// </summary>
/// <example>
/// <code>
/// {
///   "delimiter": ",",
///   "columns": [
///     { "name": "click", "role": "label", "type": "binary" },
///     { "name": "user_id", "side": "user" },
///     { "name": "item_id", "side": "item" },
///     { "name": "hist_items", "type": "sequence", "side": "user", "vocabulary": "item_id", "maxLength": 50 },
///     { "name": "hist_cates", "type": "sequence", "side": "user", "vocabulary": "cate_id", "alignedWith": "hist_items" },
///     { "name": "price", "type": "numeric", "side": "item", "transform": "bucketize" }
///   ]
/// }
/// </code>
/// </example>
public sealed partial record DatasetSchema
{
    /// <summary>Field delimiter of the data files. Default: <c>','</c>; use <c>'\t'</c> for TSV.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>The columns, in any order (files are matched by header name).</summary>
    public required IReadOnlyList<ColumnSchema> Columns { get; init; }

    /// <summary>
    /// For files without a header row (raw Criteo <c>train.txt</c>): the names of the file's columns, in file order. The
    /// first line is then data, every row must have exactly this many fields, and file columns that
    /// <see cref="Columns"/> does not name are skipped. Default: null (the first line of each file is its header).
    /// </summary>
    public IReadOnlyList<string>? FileColumns { get; init; }

    /// <summary>The label columns (tasks), in schema order.</summary>
    [JsonIgnore]
    public IEnumerable<ColumnSchema> Labels => Columns.Where(c => c.Role == ColumnRole.Label);

    /// <summary>The feature columns, in schema order.</summary>
    [JsonIgnore]
    public IEnumerable<ColumnSchema> Features => Columns.Where(c => c.Role == ColumnRole.Feature);

    /// <summary>The column called <paramref name="name"/>, or an error listing the known names.</summary>
    public ColumnSchema this[string name] => Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"The schema has no column '{name}'. Columns: {string.Join(", ", Columns.Select(c => c.Name))}.");

    /// <summary>JSON options used for schema files: camelCase names, enums as camelCase strings, indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Reads and validates a schema file; errors name the file.</summary>
    public static DatasetSchema Load(string path)
    {
        DatasetSchema? schema;
        try
        {
            schema = JsonSerializer.Deserialize<DatasetSchema>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: invalid schema JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {e.Message}", e);
        }
        if (schema is null)
        {
            throw new InvalidDataException($"{path}: the schema file is empty.");
        }
        try
        {
            schema.Validate();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        return schema;
    }

    /// <summary>Writes the schema as JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>The schema as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Checks names, roles and references; throws <see cref="InvalidDataException"/> naming the column at fault.</summary>
    public void Validate()
    {
        var names = new HashSet<string>();
        foreach (ColumnSchema c in Columns)
        {
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                throw new InvalidDataException("A schema column has an empty name.");
            }
            if (!names.Add(c.Name))
            {
                throw new InvalidDataException($"Column '{c.Name}' appears twice in the schema.");
            }
            if (c.Role == ColumnRole.Label && c.Type is not (ColumnType.Binary or ColumnType.Numeric))
            {
                throw new InvalidDataException($"Label column '{c.Name}' has type {c.Type}; labels are binary or numeric.");
            }
            if (c.Type is ColumnType.Sequence or ColumnType.TextSequence && (c.MaxLength <= 0 || string.IsNullOrEmpty(c.Separator)))
            {
                throw new InvalidDataException($"Sequence column '{c.Name}' needs maxLength > 0 (got {c.MaxLength}) and a separator.");
            }
            if (c.MinCount < 1 || c.HashBuckets is <= 0 || c.Buckets < 2)
            {
                throw new InvalidDataException($"Column '{c.Name}': minCount must be ≥ 1 (got {c.MinCount}), hashBuckets > 0 (got {c.HashBuckets}), buckets ≥ 2 (got {c.Buckets}).");
            }
        }
        foreach (ColumnSchema c in Columns.Where(c => c.AlignedWith is not null))
        {
            ColumnSchema? target = Columns.FirstOrDefault(t => t.Name == c.AlignedWith);
            if (target is null || target.Type != ColumnType.Sequence || c.Type != ColumnType.Sequence)
            {
                throw new InvalidDataException($"Column '{c.Name}' is aligned with '{c.AlignedWith}', which must be a sequence column of the schema, as must '{c.Name}'.");
            }
        }
        if (!Columns.Any(c => c.Role == ColumnRole.Label))
        {
            throw new InvalidDataException("The schema declares no label column (role \"label\").");
        }
        ValidateFileColumns();
        ValidateSingleRoles();
        ValidateSharedVocabularies();
    }

    /// <summary>File column names are distinct and non-empty, and name every schema column but ignored ones.</summary>
    private void ValidateFileColumns()
    {
        if (FileColumns is null)
        {
            return;
        }
        if (FileColumns.Count == 0 || FileColumns.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidDataException($"fileColumns must list the file's column names, none empty; got [{string.Join(", ", FileColumns)}].");
        }
        string? twice = FileColumns.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (twice is not null)
        {
            throw new InvalidDataException($"fileColumns names '{twice}' twice.");
        }
        string[] missing = Columns.Where(c => c.Role != ColumnRole.Ignore && !FileColumns.Contains(c.Name)).Select(c => c.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"Columns {string.Join(", ", missing)} are not in fileColumns ({string.Join(", ", FileColumns)}).");
        }
    }

    /// <summary>At most one weight, group id and position column: each is one per-row value.</summary>
    private void ValidateSingleRoles()
    {
        foreach (ColumnRole role in (ReadOnlySpan<ColumnRole>)[ColumnRole.Weight, ColumnRole.GroupId, ColumnRole.Position])
        {
            string[] named = Columns.Where(c => c.Role == role).Select(c => c.Name).ToArray();
            if (named.Length > 1)
            {
                throw new InvalidDataException($"At most one column may have role {role}; found {named.Length}: {string.Join(", ", named)}.");
            }
        }
    }

    /// <summary>
    /// Columns sharing a vocabulary (categorical, sequence, text sequence) share one fitted object, so they must agree
    /// on minCount and hashBuckets.
    /// </summary>
    private void ValidateSharedVocabularies()
    {
        var first = new Dictionary<string, ColumnSchema>();
        foreach (ColumnSchema c in Columns.Where(c => c.Role == ColumnRole.Feature && c.Type is ColumnType.Categorical or ColumnType.Sequence or ColumnType.TextSequence))
        {
            if (!first.TryAdd(c.VocabularyName, c))
            {
                ColumnSchema f = first[c.VocabularyName];
                if (f.MinCount != c.MinCount || f.HashBuckets != c.HashBuckets)
                {
                    throw new InvalidDataException(
                        $"Columns '{f.Name}' and '{c.Name}' share vocabulary '{c.VocabularyName}' but disagree: minCount {f.MinCount} vs {c.MinCount}, " +
                        $"hashBuckets {f.HashBuckets?.ToString() ?? "none"} vs {c.HashBuckets?.ToString() ?? "none"}.");
                }
            }
        }
    }
}
