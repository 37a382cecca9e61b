using System.Globalization;
using System.Text;
using MLNetCtr.Data;

namespace MLNetCtr.Benchmarks;

/// <summary>
/// A CTR-like CSV for loader benchmarks, written once per row count to the temp directory: 20 columns = a binary label,
/// 11 categorical columns (cardinalities 10 to 1M, skewed), 6 numeric columns and 2 aligned sequences (up to 30 items).
/// </summary>
internal static class LoaderBenchmarkData
{
    private static readonly int[] Cardinalities = [10, 50, 100, 1_000, 5_000, 10_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];
    private const int NumericColumns = 6;

    public static DatasetSchema Schema { get; } = new()
    {
        Columns =
        [
            new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
            .. Cardinalities.Select((_, i) => new ColumnSchema { Name = $"c{i}", Vocabulary = i == 10 ? "item" : null }),
            .. Enumerable.Range(0, NumericColumns).Select(i => new ColumnSchema
            {
                Name = $"n{i}", Type = ColumnType.Numeric, Transform = i % 2 == 0 ? NumericTransform.Standardize : NumericTransform.Bucketize,
            }),
            new ColumnSchema { Name = "hist_items", Type = ColumnType.Sequence, Vocabulary = "item", MaxLength = 20 },
            new ColumnSchema { Name = "hist_cates", Type = ColumnType.Sequence, AlignedWith = "hist_items", MaxLength = 20 },
        ],
    };

    /// <summary>The path of the file with <paramref name="rows"/> rows, written if absent.</summary>
    public static string Ensure(int rows)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlnetctr-loader-bench-{rows}.csv");
        if (!File.Exists(path))
        {
            string partial = path + ".partial";
            Write(partial, rows);
            File.Move(partial, path, overwrite: true);
        }
        return path;
    }

    private static void Write(string path, int rows)
    {
        var random = new Random(42);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        writer.Write("click");
        writer.Write(string.Concat(Schema.Columns.Skip(1).Select(c => "," + c.Name)));
        writer.Write('\n');
        var line = new StringBuilder(1024);
        for (int r = 0; r < rows; r++)
        {
            line.Clear().Append(random.NextDouble() < 0.2 ? '1' : '0');
            foreach (int cardinality in Cardinalities)
            {
                line.Append(",v").Append(Skewed(random, cardinality));
            }
            for (int i = 0; i < NumericColumns; i++)
            {
                line.Append(',').Append((random.NextDouble() * Math.Pow(10, i)).ToString("0.###", CultureInfo.InvariantCulture));
            }
            int length = random.Next(0, 31);
            int[] items = Enumerable.Range(0, length).Select(_ => Skewed(random, 1_000_000)).ToArray();
            line.Append(",\"").AppendJoin('|', items.Select(i => "v" + i)).Append("\",");
            line.AppendJoin('|', items.Select(i => "k" + i % 500)).Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>A value in [0, cardinality) with small values far more likely (power law, like item popularity).</summary>
    private static int Skewed(Random random, int cardinality) => (int)(cardinality * Math.Pow(random.NextDouble(), 3));
}
