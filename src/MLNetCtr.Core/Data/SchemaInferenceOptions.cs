namespace MLNetCtr.Data;

/// <summary>How <see cref="SchemaInference"/> reads a sample of a file and guesses its schema.</summary>
public sealed record SchemaInferenceOptions
{
    /// <summary>The label columns (tasks), at least one. Binary when every sampled value reads as 0/1, else numeric (regression).</summary>
    /// <value>Default: none (must be set).</value>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Columns that describe the user (side <see cref="FeatureSide.User"/>); every other feature is context.</summary>
    /// <value>Default: none.</value>
    public IReadOnlyList<string> UserColumns { get; init; } = [];

    /// <summary>Columns that describe the candidate item (side <see cref="FeatureSide.Item"/>).</summary>
    /// <value>Default: none.</value>
    public IReadOnlyList<string> ItemColumns { get; init; } = [];

    /// <summary>The field delimiter, or null to detect it among tab, comma, semicolon and pipe.</summary>
    /// <value>Default: null (detected: the candidate that splits every sampled line into the same, largest, number of fields).</value>
    public char? Delimiter { get; init; }

    /// <summary>Whether the first line names the columns. Without a header, columns are named c0, c1, … and the schema gets <see cref="DatasetSchema.FileColumns"/>.</summary>
    /// <value>Default: true.</value>
    public bool HasHeader { get; init; } = true;

    /// <summary>How many data rows are read (from the start of the file).</summary>
    /// <value>Default: <see cref="SchemaInferenceDefaults.SampleRows"/> (10 000).</value>
    public int SampleRows { get; init; } = SchemaInferenceDefaults.SampleRows;

    /// <summary>The element separator that makes a column a sequence when it splits most of its values.</summary>
    /// <value>Default: <see cref="SchemaDefaults.SequenceSeparator"/> (<c>"|"</c>).</value>
    public string SequenceSeparator { get; init; } = SchemaDefaults.SequenceSeparator;

    /// <summary>A column whose values are all numbers is numeric when it has at least this many distinct values, else categorical.</summary>
    /// <value>Default: <see cref="SchemaInferenceDefaults.MinNumericDistinct"/> (20).</value>
    public int MinNumericDistinct { get; init; } = SchemaInferenceDefaults.MinNumericDistinct;

    /// <summary>
    /// <see cref="ColumnSchema.MinCount"/> given to categorical and sequence features. Above 1, values rarer than this in
    /// training share the out-of-vocabulary id, so that id is trained and means something for values unseen at test time.
    /// </summary>
    /// <value>Default: <see cref="SchemaInferenceDefaults.MinCount"/> (2).</value>
    public int MinCount { get; init; } = SchemaInferenceDefaults.MinCount;

    /// <summary>Throws if an option is out of range.</summary>
    public void Validate()
    {
        if (Labels.Count == 0)
        {
            throw new ArgumentException("Name at least one label column.", nameof(Labels));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SampleRows);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinNumericDistinct, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinCount, 1);
        ArgumentException.ThrowIfNullOrEmpty(SequenceSeparator);
    }
}

/// <summary>Default values of <see cref="SchemaInferenceOptions"/>.</summary>
public static class SchemaInferenceDefaults
{
    /// <summary>Data rows sampled.</summary>
    public const int SampleRows = 10_000;

    /// <summary>Distinct values from which an all-number column is numeric.</summary>
    public const int MinNumericDistinct = 20;

    /// <summary>Minimum training count of categorical values.</summary>
    public const int MinCount = 2;

    /// <summary>Absolute sample skewness above which a numeric column gets <see cref="NumericTransform.Log"/>.</summary>
    public const double LogSkewness = 2.0;

    /// <summary>Sampled rows from which a column with a different value in every row is taken for an id (and ignored).</summary>
    public const int MinRowsForIdColumn = 100;
}
