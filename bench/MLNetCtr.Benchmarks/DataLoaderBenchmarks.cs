using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MLNetCtr.Data;

namespace MLNetCtr.Benchmarks;

/// <summary>
/// Parse throughput of the CSV loader on a 1M-row, 20-column CTR file (see <see cref="LoaderBenchmarkData"/>):
/// reading into raw columns, and reading + fitting + encoding. <c>--loader [rows]</c> runs the same without
/// BenchmarkDotNet and prints MB/s and rows/s.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class DataLoaderBenchmarks
{
    private string _path = "";

    /// <summary>Rows in the file.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    /// <summary>Writes the file once.</summary>
    [GlobalSetup]
    public void Setup() => _path = LoaderBenchmarkData.Ensure(Rows);

    /// <summary>CSV → raw columns (interned categorical values, parsed numbers, padded sequences).</summary>
    [Benchmark]
    public int ReadRaw() => CtrDataLoader.ReadRaw(_path, LoaderBenchmarkData.Schema).RowCount;

    /// <summary>CSV → raw columns → fitted vocabularies and statistics → encoded dataset.</summary>
    [Benchmark]
    public int LoadAndFit() => CtrDataLoader.LoadAndFit(_path, LoaderBenchmarkData.Schema).Data.RowCount;

    /// <summary>The <c>--loader</c> mode: times each path a few times and prints the best throughput.</summary>
    public static void RunThroughput(int rows, int repeats = 3)
    {
        string path = LoaderBenchmarkData.Ensure(rows);
        double megabytes = new FileInfo(path).Length / 1e6;
        Console.WriteLine($"{path}: {rows:N0} rows, {megabytes:F1} MB, {LoaderBenchmarkData.Schema.Columns.Count} columns");
        Time("ReadRaw", () => CtrDataLoader.ReadRaw(path, LoaderBenchmarkData.Schema).RowCount);
        Time("LoadAndFit", () => CtrDataLoader.LoadAndFit(path, LoaderBenchmarkData.Schema).Data.RowCount);

        void Time(string name, Func<int> load)
        {
            double best = double.MaxValue;
            for (int i = 0; i < repeats; i++)
            {
                GC.Collect();
                var watch = Stopwatch.StartNew();
                int loaded = load();
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
                if (loaded != rows)
                {
                    throw new InvalidOperationException($"{name} loaded {loaded} rows, expected {rows}.");
                }
            }
            Console.WriteLine($"{name,-10}: best of {repeats} {best:F2} s = {megabytes / best:F0} MB/s, {rows / best / 1e6:F2} M rows/s");
        }
    }
}
