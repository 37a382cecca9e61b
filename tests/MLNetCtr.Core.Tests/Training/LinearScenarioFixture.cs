using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.Training;

/// <summary>One synthetic linear dataset (generated, loaded and encoded once) shared by the training tests.</summary>
public sealed class LinearScenarioFixture : IDisposable
{
    public LinearScenarioFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mlnetctr-linear-" + Guid.NewGuid().ToString("N"));
        Synthetic = SyntheticDataGenerator.Generate(ScenarioKind.Linear, new SyntheticOptions { Rows = 300_000, Users = 200, Items = 300, Seed = 3 }, Directory);
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

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
