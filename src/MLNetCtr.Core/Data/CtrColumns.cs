namespace MLNetCtr.Data;

/// <summary>
/// Encoded rows in columns, keyed by column name: what a <see cref="CtrDataset"/> holds and what a <see cref="CtrBatch"/>
/// hands to a model. Every array has exactly <see cref="RowCount"/> rows (sequences: RowCount × MaxLength ids), so it
/// can be wrapped as a tensor without copying. Arrays are shared, not copied: treat them as read-only.
/// </summary>
public abstract class CtrColumns
{
    private protected CtrColumns(DatasetSchema schema, ColumnStore store)
    {
        Schema = schema;
        Store = store;
        LabelNames = schema.Labels.Select(c => c.Name).ToArray();
    }

    /// <summary>The schema the rows were read with.</summary>
    public DatasetSchema Schema { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Store.RowCount;

    /// <summary>
    /// Vocabulary ids of categorical feature columns, and bucket ids of bucketized numeric columns
    /// (<see cref="NumericTransform.Bucketize"/>), one per row.
    /// </summary>
    public IReadOnlyDictionary<string, int[]> Categorical => Store.Categorical;

    /// <summary>
    /// Numeric feature columns, standardized (<see cref="NumericTransform.Standardize"/>), log-transformed then
    /// standardized (<see cref="NumericTransform.Log"/>) or as read
    /// (<see cref="NumericTransform.None"/>), and binary feature columns as 0/1; missing values are 0.
    /// </summary>
    public IReadOnlyDictionary<string, float[]> Numeric => Store.Numeric;

    /// <summary>Sequence and text-sequence feature columns as padded, left-aligned ids (see <see cref="SequenceColumn"/>).</summary>
    public IReadOnlyDictionary<string, SequenceColumn> Sequences => Store.Sequences;

    /// <summary>The raw text of text and text-sequence feature columns, one string per row, for tokenizers.</summary>
    public IReadOnlyDictionary<string, string[]> Texts => Store.Texts;

    /// <summary>Label columns (tasks) by name: binary labels as 0/1, numeric labels as read; NaN where a file had none.</summary>
    public IReadOnlyDictionary<string, float[]> Labels => Store.Labels;

    /// <summary>The label column names in schema order (the task order).</summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>Per-row example weights, or null when the schema has no weight column.</summary>
    public float[]? Weights => Store.Weights;

    /// <summary>
    /// Per-row group (user/request) ids for gAUC: equal raw values share one id within a load (and its splits); ids are
    /// dense from 0, and −1 marks a row given without one. Null when the schema has no group id column.
    /// </summary>
    public int[]? GroupIds => Store.GroupIds;

    /// <summary>Per-row display positions as read, or null when the schema has no position column.</summary>
    public int[]? Positions => Store.Positions;

    internal ColumnStore Store { get; }
}
