using System.Collections;
using Microsoft.ML.Data;

namespace Microsoft.ML;

// Declared in ML.NET's Microsoft.ML.Core assembly (src/Microsoft.ML.Core/Data/IEstimator.cs,
// ModelSaveContext.cs). SchemaShape.Column's constructor is internal in ML.NET, as here.

public interface IEstimator<out TTransformer>
    where TTransformer : ITransformer
{
    TTransformer Fit(IDataView input);

    SchemaShape GetOutputSchema(SchemaShape inputSchema);
}

public interface ITransformer : ICanSaveModel
{
    bool IsRowToRowMapper { get; }

    DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema);

    IDataView Transform(IDataView input);
}

public interface ICanSaveModel
{
    void Save(ModelSaveContext ctx);
}

public sealed class ModelSaveContext
{
    private ModelSaveContext()
    {
    }
}

public sealed class SchemaShape : IReadOnlyList<SchemaShape.Column>
{
    public SchemaShape(IEnumerable<Column> columns) => throw NotInReferenceAssembly.Error();

    public int Count => throw NotInReferenceAssembly.Error();

    public Column this[int index] => throw NotInReferenceAssembly.Error();

    public IEnumerator<Column> GetEnumerator() => throw NotInReferenceAssembly.Error();

    IEnumerator IEnumerable.GetEnumerator() => throw NotInReferenceAssembly.Error();

    public readonly struct Column
    {
        public enum VectorKind
        {
            Scalar,
            Vector,
            VariableVector,
        }

        // Public readonly fields in ML.NET, assigned only by its internal constructor.
#pragma warning disable CS0649
        public readonly string Name;

        public readonly VectorKind Kind;

        public readonly DataViewType ItemType;

        public readonly bool IsKey;
#pragma warning restore CS0649
    }
}
