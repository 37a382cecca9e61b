namespace Microsoft.ML;

/// <summary>The exception every member of this reference assembly throws.</summary>
internal static class NotInReferenceAssembly
{
    public static PlatformNotSupportedException Error() => new(
        "Microsoft.ML.ApiReference only declares ML.NET's API so that the MLNetCtr skin compiles where the Microsoft.ML package " +
        "cannot be restored. Build src/MLNetCtr with -p:UseRealMLNet=true to run it against the real package.");
}
