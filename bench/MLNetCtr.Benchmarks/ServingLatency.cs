using System.Diagnostics;
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Serving;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr.Benchmarks;

/// <summary>
/// Request latency of <see cref="CtrScorer.ScoreCandidates"/>: one request = one user (raw columns, with a behavior
/// history) × 1,000 candidate items (raw columns), text encoding included. Per family: p50/p99 latency and requests/s
/// with 1 and 2 concurrent callers; the two-tower and SRP4CTR fast paths (user part once) against their own generic path
/// (rows that repeat the user beside each candidate), and ESMM (generic only). Run: <c>dotnet run -c Release -- --serving [seconds]</c>.
/// </summary>
public static class ServingLatency
{
    private const int Candidates = 1_000;

    public static void Run(double secondsPerMeasure)
    {
        string directory = Path.Combine(Path.GetTempPath(), "mlnetctr-serving-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new SyntheticOptions { Rows = 5_000, Users = 500, Items = 2_000, MaxHistoryLength = 20, Seed = 1 };
            (DataEncoder sequenceEncoder, List<IReadOnlyDictionary<string, string?>> sequenceRows) = Load(ScenarioKind.Sequence, options, directory);
            (DataEncoder funnelEncoder, List<IReadOnlyDictionary<string, string?>> funnelRows) = Load(ScenarioKind.Funnel, options, directory);
            Console.WriteLine($"one request = 1 user × {Candidates} candidates; {Environment.ProcessorCount} cores; {secondsPerMeasure} s per measure; untrained networks (latency does not depend on the weights)");
            Console.WriteLine($"{"family",-34} {"callers",7} {"p50 ms",8} {"p99 ms",8} {"req/s",8}");
            var twoTower = new ParallelTwoTowerOptions();
            var srp4ctr = new Srp4CtrOptions();   // D 32, 2 layers, 2 heads, 4 query tokens, head [128, 64]
            Measure("parallel-two-tower (user once)", Create(ParallelTwoTowerTrainer.Definition, twoTower, sequenceEncoder), sequenceRows, generic: false, secondsPerMeasure);
            MeasureItemTable(Create(ParallelTwoTowerTrainer.Definition, twoTower, sequenceEncoder), sequenceRows, secondsPerMeasure);
            Measure("parallel-two-tower (joined rows)", Create(ParallelTwoTowerTrainer.Definition, twoTower, sequenceEncoder), sequenceRows, generic: true, secondsPerMeasure);
            Measure("srp4ctr (user once)", Create(Srp4CtrTrainer.Definition, srp4ctr, sequenceEncoder), sequenceRows, generic: false, secondsPerMeasure);
            Measure("srp4ctr (joined rows)", Create(Srp4CtrTrainer.Definition, srp4ctr, sequenceEncoder), sequenceRows, generic: true, secondsPerMeasure);
            Measure("esmm (joined rows)", Create(EsmmTrainer.EsmmDefinition, new EsmmOptions(), funnelEncoder), funnelRows, generic: true, secondsPerMeasure);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (DataEncoder, List<IReadOnlyDictionary<string, string?>>) Load(ScenarioKind kind, SyntheticOptions options, string directory)
    {
        SyntheticResult synthetic = SyntheticDataGenerator.Generate(kind, options, Path.Combine(directory, kind.ToString()));
        (_, DataEncoder encoder) = CtrDataLoader.LoadAndFit(synthetic.Train.Path, synthetic.Schema);
        return (encoder, DelimitedRows.Read(synthetic.Test.Path, encoder.Schema.Delimiter).Rows);
    }

    private static CtrScorer Create(ModelFamily family, TrainingOptions options, DataEncoder encoder) =>
        new(new CtrPredictionModel(family, options, encoder, family.CreateModel(encoder, options)));

    private static void Measure(string name, CtrScorer scorer, List<IReadOnlyDictionary<string, string?>> rows, bool generic, double seconds)
    {
        HashSet<string> items = [.. scorer.Model.Encoder.Schema.Features.Where(c => c.Side == FeatureSide.Item).Select(c => c.Name)];
        IReadOnlyDictionary<string, string?> Columns(IReadOnlyDictionary<string, string?> row, bool item) =>
            row.Where(p => items.Contains(p.Key) == item).ToDictionary(p => p.Key, p => p.Value);
        IReadOnlyDictionary<string, string?>[] candidates = [.. Enumerable.Range(0, Candidates).Select(i => Columns(rows[i % rows.Count], item: true))];
        IReadOnlyDictionary<string, string?>[] users = [.. rows.Take(64).Select(r => Columns(r, item: false))];
        Action<int> request = generic
            ? r => scorer.Score([.. candidates.Select(c => (IReadOnlyDictionary<string, string?>)users[r % users.Length].Concat(c).ToDictionary(p => p.Key, p => p.Value))])
            : r => scorer.ScoreCandidates(users[r % users.Length], candidates);
        Measure(name, request, seconds);
    }

    /// <summary>Two-tower serving as deployed: item vectors precomputed in an <see cref="ItemVectorTable"/>; a request encodes the user, folds its vector and takes 1,000 inner products.</summary>
    private static void MeasureItemTable(CtrScorer scorer, List<IReadOnlyDictionary<string, string?>> rows, double seconds)
    {
        var serving = new TwoTowerServing(scorer.Model);
        CtrDataset items = scorer.Model.Encoder.Encode(Enumerable.Range(0, Candidates).Select(i => rows[i % rows.Count]), "items");
        ItemVectorTable table = serving.ItemVectors(items, [.. Enumerable.Range(0, Candidates).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], "key");
        IReadOnlyDictionary<string, string?>[] users = [.. rows.Take(64)];
        Measure("parallel-two-tower (item table)", r => serving.Score(serving.UserVectors(scorer.Model.Encoder.Encode([users[r % users.Length]], "user")), table), seconds);
    }

    private static void Measure(string name, Action<int> request, double seconds)
    {
        for (int r = 0; r < 5; r++)
        {
            request(r);   // warm-up: JIT, pools
        }
        foreach (int callers in (int[])[1, 2])
        {
            var latencies = new List<double>[callers];
            var wall = Stopwatch.StartNew();
            Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, caller =>
            {
                latencies[caller] = [];
                for (int r = 0; wall.Elapsed.TotalSeconds < seconds; r++)
                {
                    long start = Stopwatch.GetTimestamp();
                    request(caller * 1_000 + r);
                    latencies[caller].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            });
            double elapsed = wall.Elapsed.TotalSeconds;
            double[] all = [.. latencies.SelectMany(l => l).Order()];
            Console.WriteLine($"{name,-34} {callers,7} {Percentile(all, 0.50),8:F2} {Percentile(all, 0.99),8:F2} {all.Length / elapsed,8:F1}");
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
