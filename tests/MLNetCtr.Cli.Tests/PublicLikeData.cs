using System.Globalization;

namespace MLNetCtr.Cli.Tests;

/// <summary>
/// Small seeded files shaped like public CTR datasets as distributed, with a learnable click signal: a Criteo-like
/// headerless TSV and an Avazu-like CSV with a header. Shapes only: no real data.
/// </summary>
public static class PublicLikeData
{
    /// <summary>
    /// Criteo's <c>train.txt</c> layout: label, 13 heavy-tailed integer counts (15% empty, some −1), 26 hashed
    /// categoricals as 8 hex digits (5% empty); tab-separated, no header.
    /// </summary>
    public static void WriteCriteo(string path, int rows, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path);
        for (int r = 0; r < rows; r++)
        {
            var fields = new string[40];
            double logit = -1.0;
            for (int i = 1; i <= 13; i++)
            {
                long count = (long)Math.Exp(1.5 * Gaussian(random) + i % 3);
                logit += i == 1 ? 0.6 * (Math.Log(1 + count) - 1.5) : 0;
                fields[i] = random.NextDouble() < 0.15 ? "" : i == 2 && random.NextDouble() < 0.05 ? "-1" : Text(count);
            }
            for (int j = 1; j <= 26; j++)
            {
                int value = (int)Math.Exp(random.NextDouble() * Math.Log(j <= 4 ? 12 : 400));
                logit += j == 1 ? (value % 2 == 0 ? 1.2 : -0.8) : 0;
                fields[13 + j] = random.NextDouble() < 0.05 ? "" : Hex(j, value);
            }
            fields[0] = Text(random.NextDouble() < Sigmoid(logit) ? 1 : 0);
            writer.Write(string.Join('\t', fields));
            writer.Write('\n');
        }
    }

    /// <summary>
    /// Avazu's <c>train.csv</c> layout: id (unique 19-digit), click, hour (yymmddhh), C1, banner_pos, site/app/device
    /// ids, domains and categories as hex strings, and the anonymous integer codes C14–C21; a header row.
    /// </summary>
    public static void WriteAvazu(string path, int rows, int seed)
    {
        string[] names = ["id", "click", "hour", "C1", "banner_pos", "site_id", "site_domain", "site_category", "app_id", "app_domain",
            "app_category", "device_id", "device_ip", "device_model", "device_type", "device_conn_type", "C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21"];
        int[] sizes = [0, 0, 0, 7, 7, 300, 200, 20, 300, 100, 20, 50, 2000, 500, 4, 4, 600, 8, 8, 150, 4, 60, 100, 40];
        var random = new Random(seed);
        using var writer = new StreamWriter(path);
        writer.Write(string.Join(',', names) + "\n");
        for (int r = 0; r < rows; r++)
        {
            var fields = new string[names.Length];
            for (int j = 3; j < names.Length; j++)
            {
                int value = (int)Math.Exp(random.NextDouble() * Math.Log(sizes[j]));
                fields[j] = j is >= 5 and <= 13 ? Hex(j, value) : Text(j >= 16 ? 1000 * j + value * 7 : value);
            }
            int site = int.Parse(fields[7][..2], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            double logit = -1.5 + (site % 3 == 0 ? 1.5 : 0) + (fields[4] == "1" ? 0.8 : 0);
            fields[0] = Text(1_000_000_000_000_000_000UL + (ulong)r * 7_919UL);
            fields[1] = Text(random.NextDouble() < Sigmoid(logit) ? 1 : 0);
            fields[2] = Text(14102100 + 100 * (r * 3 / rows) + r * 24 * 3 / rows % 24);
            writer.Write(string.Join(',', fields) + "\n");
        }
    }

    private static string Hex(int column, int value) => unchecked((uint)(column * 0x9E3779B1 ^ (value + 1) * 0x85EBCA77)).ToString("x8", CultureInfo.InvariantCulture);

    private static string Text<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
