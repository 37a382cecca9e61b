using System.Text;
using MLNetCtr.Evaluation;
using MLNetCtr.Serialization;

namespace MLNetCtr.Cli;

/// <summary>Writes metrics as the JSON of <see cref="CtrMetrics.ToJson"/>, atomically.</summary>
internal static class MetricsFile
{
    /// <summary>Writes <paramref name="metrics"/> to <paramref name="path"/> (its folder is created if needed).</summary>
    public static void Write(string path, CtrMetrics metrics) =>
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(metrics.ToJson() + "\n")));
}
