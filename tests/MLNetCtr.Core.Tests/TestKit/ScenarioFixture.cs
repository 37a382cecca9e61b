using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.TestKit;

/// <summary>
/// A synthetic dataset generated, loaded and encoded once and shared by a test class (xunit class fixture): its files,
/// the encoded splits, and the oracle AUC of its first truth on the test split.
/// </summary>
public abstract class ScenarioFixture : IDisposable
{
    protected ScenarioFixture(ScenarioKind scenario, SyntheticOptions options)
    {
        Directory = Path.Combine(Path.GetTempPath(), $"mlnetctr-{scenario}-{Guid.NewGuid():N}".ToLowerInvariant());
        Synthetic = SyntheticDataGenerator.Generate(scenario, options, Directory);
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

    /// <summary>A fresh file path inside the fixture's folder.</summary>
    public string NewPath(string extension = "zip") => Path.Combine(Directory, $"model-{Guid.NewGuid():N}.{extension}");

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
