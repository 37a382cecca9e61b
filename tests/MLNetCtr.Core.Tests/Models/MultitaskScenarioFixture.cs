using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Models;

/// <summary>
/// One small multitask dataset (click with position bias, like, dwell time; generated, loaded and encoded once) and one
/// small behavior-sequence dataset, shared by the multi-task model tests.
/// </summary>
public sealed class MultitaskScenarioFixture : ScenarioFixture
{
    public MultitaskScenarioFixture()
        : base(ScenarioKind.Multitask, new SyntheticOptions { Rows = 40_000, Users = 100, Items = 150, Categories = 10, TaskCorrelation = 0.5, Seed = 5 })
    {
        Sequences = SyntheticDataGenerator.Generate(ScenarioKind.Sequence,
            new SyntheticOptions { Rows = 25_000, Users = 200, Items = 300, Categories = 10, MaxHistoryLength = 8, Seed = 6 }, Path.Combine(Directory, "sequence"));
        (SequenceTrain, SequenceEncoder) = CtrDataLoader.LoadAndFit(Sequences.Train.Path, Sequences.Schema);
        SequenceTest = CtrDataLoader.Load(Sequences.Test.Path, SequenceEncoder);
    }

    public SyntheticResult Sequences { get; }

    public CtrDataset SequenceTrain { get; }

    public CtrDataset SequenceTest { get; }

    public DataEncoder SequenceEncoder { get; }

    /// <summary>The oracle AUC of truth <paramref name="name"/> of <paramref name="result"/>'s test split.</summary>
    public static double OracleAucOf(SyntheticResult result, string name)
    {
        (float[] scores, float[] labels) = result.Test.Oracle(result.Truths.Single(t => t.Name == name));
        return BinaryClassificationEvaluator.AreaUnderRocCurve(labels, scores);
    }
}
