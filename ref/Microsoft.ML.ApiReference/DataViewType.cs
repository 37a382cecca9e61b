namespace Microsoft.ML.Data;

// Declared in ML.NET's Microsoft.ML.DataView assembly (src/Microsoft.ML.DataView/DataViewType.cs, KeyDataViewType.cs,
// VectorType.cs, VBuffer.cs, DataViewRowId.cs).

public abstract class DataViewType
{
    private protected DataViewType()
    {
    }

    public Type RawType => throw NotInReferenceAssembly.Error();
}

public abstract class PrimitiveDataViewType : DataViewType
{
    private protected PrimitiveDataViewType()
    {
    }
}

public abstract class StructuredDataViewType : DataViewType
{
    private protected StructuredDataViewType()
    {
    }
}

public sealed class TextDataViewType : PrimitiveDataViewType
{
    private TextDataViewType()
    {
    }
}

public sealed class BooleanDataViewType : PrimitiveDataViewType
{
    private BooleanDataViewType()
    {
    }

    public static BooleanDataViewType Instance => throw NotInReferenceAssembly.Error();
}

public sealed class NumberDataViewType : PrimitiveDataViewType
{
    private NumberDataViewType()
    {
    }

    public static NumberDataViewType Single => throw NotInReferenceAssembly.Error();
}

public sealed class KeyDataViewType : PrimitiveDataViewType
{
    private KeyDataViewType()
    {
    }
}

public sealed class VectorDataViewType : StructuredDataViewType
{
    private VectorDataViewType()
    {
    }

    public PrimitiveDataViewType ItemType => throw NotInReferenceAssembly.Error();
}

public readonly struct VBuffer<T>
{
    public bool IsDense => throw NotInReferenceAssembly.Error();

    public ReadOnlySpan<T> GetValues() => throw NotInReferenceAssembly.Error();

    public IEnumerable<T> DenseValues() => throw NotInReferenceAssembly.Error();
}

public readonly struct DataViewRowId
{
}
