using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.Models;

/// <summary>One small synthetic behavior-sequence dataset (generated, loaded and encoded once) shared by the sequence-model tests.</summary>
public sealed class SequenceScenarioFixture : IDisposable
{
    public SequenceScenarioFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mlnetctr-sequence-" + Guid.NewGuid().ToString("N"));
        Synthetic = SyntheticDataGenerator.Generate(ScenarioKind.Sequence,
            new SyntheticOptions { Rows = 25_000, Users = 500, Items = 400, Categories = 12, MaxHistoryLength = 12, BaseClickRate = 0.25, Seed = 5 }, Directory);
        (Train, Encoder) = CtrDataLoader.LoadAndFit(Synthetic.Train.Path, Synthetic.Schema);
        Valid = CtrDataLoader.Load(Synthetic.Valid.Path, Encoder);
        Test = CtrDataLoader.Load(Synthetic.Test.Path, Encoder);
        (float[] scores, float[] labels) = Synthetic.Test.Oracle(Synthetic.Truths[0]);
        OracleAuc = BinaryClassificationEvaluator.AreaUnderRocCurve(labels, scores);
    }

    public string Directory { get; }

    public SyntheticResult Synthetic { get; }

    public CtrDataset Train { get; }

    public CtrDataset Valid { get; }

    public CtrDataset Test { get; }

    public DataEncoder Encoder { get; }

    public double OracleAuc { get; }

    public string NewPath(string extension = "zip") => Path.Combine(Directory, $"model-{Guid.NewGuid():N}.{extension}");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
