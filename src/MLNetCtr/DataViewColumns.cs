using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetCtr.Data;

namespace MLNetCtr;

/// <summary>
/// Maps ML.NET column types to the core's <see cref="HostValueKind"/>: text → <see cref="HostValueKind.Text"/>; Single,
/// Double, Int32, Int64 → <see cref="HostValueKind.Number"/>; Boolean → <see cref="HostValueKind.Boolean"/>; UInt32 keys →
/// <see cref="HostValueKind.Key"/>; vectors (known or variable size) of text or UInt32 keys → lists. Other types
/// (numeric vectors, images, dates) are not read.
/// </summary>
internal static class DataViewColumns
{
    private static readonly Type[] s_numberTypes = [typeof(float), typeof(double), typeof(int), typeof(long)];

    /// <summary>The kind of a column type, or null when MLNetCtr cannot read it.</summary>
    public static HostValueKind? KindOf(DataViewType type) => type switch
    {
        TextDataViewType => HostValueKind.Text,
        BooleanDataViewType => HostValueKind.Boolean,
        KeyDataViewType key when key.RawType == typeof(uint) => HostValueKind.Key,
        NumberDataViewType number when s_numberTypes.Contains(number.RawType) => HostValueKind.Number,
        VectorDataViewType { ItemType: TextDataViewType } => HostValueKind.TextList,
        VectorDataViewType { ItemType: KeyDataViewType key } when key.RawType == typeof(uint) => HostValueKind.KeyList,
        _ => null,
    };

    /// <summary>
    /// The readable visible columns of <paramref name="schema"/>. A column in <paramref name="needed"/> that cannot be read
    /// is an error naming its type.
    /// </summary>
    public static IReadOnlyList<HostColumn> Of(DataViewSchema schema, IEnumerable<string> needed)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var columns = new List<HostColumn>();
        foreach (DataViewSchema.Column column in schema.Where(c => !c.IsHidden))
        {
            if (KindOf(column.Type) is { } kind)
            {
                columns.Add(new HostColumn(column.Name, kind));
            }
            else if (needed.Contains(column.Name))
            {
                throw new ArgumentException($"Column '{column.Name}' is of type {column.Type}, which MLNetCtr does not read: use text, Single, Double, Int32, " +
                    "Int64, Boolean or UInt32 key columns, or vectors of text or keys for sequences.", nameof(schema));
            }
        }
        return columns;
    }

    /// <summary>Every column name a mapping refers to.</summary>
    public static IEnumerable<string> NamedBy(CtrColumnMapping mapping) =>
        mapping.Schema?.Columns.Select(c => c.Name)
        ?? mapping.LabelColumnNames.Concat(mapping.FeatureColumnNames ?? [])
            .Concat(new[] { mapping.WeightColumnName, mapping.GroupIdColumnName, mapping.PositionColumnName }.OfType<string>());
}
