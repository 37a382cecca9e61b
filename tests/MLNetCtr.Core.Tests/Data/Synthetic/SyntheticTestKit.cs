using MLNetCtr.Data.Synthetic;

namespace MLNetCtr.Tests.Data.Synthetic;

/// <summary>A fresh directory under the temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mlnetctr-synth-").FullName;

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Small options, metrics and a plain CSV reader for the synthetic-data tests.</summary>
internal static class SyntheticTestKit
{
    /// <summary>A small world: quick to build, still every code path.</summary>
    public static SyntheticOptions Small { get; } = new() { Rows = 4_000, Users = 500, Items = 400, Categories = 20 };

    public static TheoryData<ScenarioKind> Kinds => new(Enum.GetValues<ScenarioKind>());

    /// <summary>ROC AUC by the rank-sum (Mann–Whitney) formula, ties given their average rank.</summary>
    public static double Auc(float[] scores, float[] labels)
    {
        int[] order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
            {
                if (labels[order[k]] > 0.5f)
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = scores.Length - positives;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    public static double Pearson(double[] a, double[] b)
    {
        double meanA = a.Average(), meanB = b.Average();
        double covariance = a.Zip(b, (x, y) => (x - meanA) * (y - meanB)).Sum();
        return covariance / Math.Sqrt(a.Sum(x => (x - meanA) * (x - meanA)) * b.Sum(y => (y - meanB) * (y - meanB)));
    }

    public static double Logit(float p) => Math.Log(p / (1.0 - p));

    /// <summary>Header and rows of a generated CSV (the generator never needs quoting for these scenarios; checked).</summary>
    public static (string[] Header, string[][] Rows) ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        Assert.DoesNotContain(lines, line => line.Contains('"'));
        string[] header = lines[0].Split(',');
        string[][] rows = lines.Skip(1).Select(line => line.Split(',')).ToArray();
        Assert.All(rows, row => Assert.Equal(header.Length, row.Length));
        return (header, rows);
    }

    /// <summary>The cells of column <paramref name="name"/>.</summary>
    public static string[] Column((string[] Header, string[][] Rows) csv, string name)
    {
        int index = Array.IndexOf(csv.Header, name);
        Assert.True(index >= 0, $"No column '{name}' in header {string.Join(",", csv.Header)}.");
        return csv.Rows.Select(row => row[index]).ToArray();
    }
}
