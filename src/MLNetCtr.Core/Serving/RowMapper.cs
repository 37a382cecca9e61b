using System.Collections;
using System.Globalization;
using System.Reflection;
using MLNetCtr.Data;

namespace MLNetCtr.Serving;

/// <summary>Names the data column a property of a typed request row stands for.</summary>
/// <param name="name">The column name in the model's schema.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CtrColumnAttribute(string name) : Attribute
{
    /// <summary>The column name.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// Turns a typed row into column name → raw text: numbers in invariant culture, lists joined by the column's
/// separator, null as missing. Properties map to columns by <see cref="CtrColumnAttribute"/> or by name (ignoring case).
/// </summary>
internal static class RowMapper<TRow>
{
    private static readonly PropertyInfo[] s_properties = typeof(TRow).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead).ToArray();

    public static IReadOnlyDictionary<string, string?> ToColumns(TRow row, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(row);
        var columns = new Dictionary<string, string?>();
        foreach (PropertyInfo property in s_properties)
        {
            string name = property.GetCustomAttribute<CtrColumnAttribute>()?.Name ?? property.Name;
            ColumnSchema? column = schema.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (column is not null)
            {
                columns[column.Name] = Text(property.GetValue(row), column);
            }
        }
        return columns;
    }

    private static string? Text(object? value, ColumnSchema column) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(column.Separator, items.Cast<object?>().Select(i => Text(i, column))),
        _ => value.ToString(),
    };
}
