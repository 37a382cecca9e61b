namespace Microsoft.ML;

// Declared in ML.NET's Microsoft.ML.Data assembly (src/Microsoft.ML.Data/MLContext.cs).

public sealed class MLContext
{
    public MLContext(int? seed = null) => throw NotInReferenceAssembly.Error();
}
