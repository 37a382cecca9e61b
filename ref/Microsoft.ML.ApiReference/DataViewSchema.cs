using System.Collections;
using Microsoft.ML.Data;

namespace Microsoft.ML;

// Declared in ML.NET's Microsoft.ML.DataView assembly (src/Microsoft.ML.DataView/DataViewSchema.cs).

public sealed class DataViewSchema : IReadOnlyList<DataViewSchema.Column>
{
    private DataViewSchema()
    {
    }

    public int Count => throw NotInReferenceAssembly.Error();

    public Column this[int columnIndex] => throw NotInReferenceAssembly.Error();

    public Column this[string name] => throw NotInReferenceAssembly.Error();

    public Column? GetColumnOrNull(string name) => throw NotInReferenceAssembly.Error();

    public IEnumerator<Column> GetEnumerator() => throw NotInReferenceAssembly.Error();

    IEnumerator IEnumerable.GetEnumerator() => throw NotInReferenceAssembly.Error();

    public struct Column
    {
        public string Name => throw NotInReferenceAssembly.Error();

        public int Index => throw NotInReferenceAssembly.Error();

        public bool IsHidden => throw NotInReferenceAssembly.Error();

        public DataViewType Type => throw NotInReferenceAssembly.Error();
    }

    public sealed class Annotations
    {
        private Annotations()
        {
        }
    }

    public sealed class Builder
    {
        public Builder() => throw NotInReferenceAssembly.Error();

        public void AddColumn(string name, DataViewType type, Annotations? annotations = null) => throw NotInReferenceAssembly.Error();

        public void AddColumns(IEnumerable<Column> source) => throw NotInReferenceAssembly.Error();

        public DataViewSchema ToSchema() => throw NotInReferenceAssembly.Error();
    }
}
