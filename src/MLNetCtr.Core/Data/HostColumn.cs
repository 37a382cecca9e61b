namespace MLNetCtr.Data;

/// <summary>
/// How a host data frame (e.g. an ML.NET <c>IDataView</c>) holds a column's values. The ML.NET skin maps each
/// <c>DataViewType</c> to one of these; the core turns the values into rows of a <see cref="DatasetSchema"/>.
/// </summary>
public enum HostValueKind
{
    /// <summary>One text value per row (ML.NET <c>TextDataViewType</c>).</summary>
    Text,

    /// <summary>One number per row (ML.NET <c>Single</c>, <c>Double</c>, integer types).</summary>
    Number,

    /// <summary>One Boolean per row (ML.NET <c>BooleanDataViewType</c>).</summary>
    Boolean,

    /// <summary>One key per row, 0 meaning missing (ML.NET <c>KeyDataViewType</c>, e.g. from <c>MapValueToKey</c>).</summary>
    Key,

    /// <summary>A list of texts per row, oldest first (ML.NET vector of text).</summary>
    TextList,

    /// <summary>A list of keys per row, oldest first (ML.NET vector of keys).</summary>
    KeyList,
}

/// <summary>One column of a host data frame: its name and how it holds values.</summary>
/// <param name="Name">The column name, matched against <see cref="ColumnSchema.Name"/>.</param>
/// <param name="Kind">How the column holds values.</param>
public sealed record HostColumn(string Name, HostValueKind Kind)
{
    /// <summary>Whether the column holds a list per row (a sequence).</summary>
    public bool IsList => Kind is HostValueKind.TextList or HostValueKind.KeyList;
}
