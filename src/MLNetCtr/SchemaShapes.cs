using Microsoft.ML;
using MLNetCtr.Data;

namespace MLNetCtr;

/// <summary>
/// Reads an ML.NET <see cref="SchemaShape"/> (what <c>IEstimator.GetOutputSchema</c> gets) as host columns, so estimators
/// check their input shape with the same rules as their input data.
/// </summary>
/// <remarks>
/// An estimator cannot promise its output columns in a <see cref="SchemaShape"/>: <c>SchemaShape.Column</c>'s
/// constructor is internal to ML.NET. The estimators therefore check the input shape and return it unchanged; the
/// prediction columns appear in the transformer's <c>GetOutputSchema(DataViewSchema)</c> and in transformed data.
/// </remarks>
internal static class SchemaShapes
{
    /// <summary>The readable columns of <paramref name="shape"/>.</summary>
    public static IReadOnlyList<HostColumn> Columns(SchemaShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var columns = new List<HostColumn>();
        foreach (SchemaShape.Column column in shape)
        {
            if (KindOf(column) is { } kind)
            {
                columns.Add(new HostColumn(column.Name, kind));
            }
        }
        return columns;
    }

    private static HostValueKind? KindOf(SchemaShape.Column column)
    {
        bool list = column.Kind != SchemaShape.Column.VectorKind.Scalar;
        if (column.IsKey)
        {
            return list ? HostValueKind.KeyList : HostValueKind.Key;
        }
        HostValueKind? item = DataViewColumns.KindOf(column.ItemType);
        return !list ? item : item == HostValueKind.Text ? HostValueKind.TextList : null;
    }
}
