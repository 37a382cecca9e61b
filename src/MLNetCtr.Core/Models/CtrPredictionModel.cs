using MLNetCtr.Data;
using MLNetCtr.Evaluation;
using MLNetCtr.Serialization;
using MLNetCtr.Training;

namespace MLNetCtr.Models;

/// <summary>
/// A trained model with everything needed to score raw data: its family, options, fitted encoder (schema,
/// vocabularies, numeric statistics) and network. Saved to and loaded from one file.
/// </summary>
public sealed class CtrPredictionModel
{
    /// <summary>Bundles a trained network with what it was trained with.</summary>
    public CtrPredictionModel(ModelFamily family, TrainingOptions options, DataEncoder encoder, CtrModel network,
        IReadOnlyList<TrainingRecord>? history = null, ItemFrequency? itemFrequency = null)
    {
        Family = family ?? throw new ArgumentNullException(nameof(family));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        Network = network ?? throw new ArgumentNullException(nameof(network));
        History = history ?? [];
        ItemFrequency = itemFrequency;
    }

    /// <summary>The model family.</summary>
    public ModelFamily Family { get; }

    /// <summary>The options it was trained with.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Schema, vocabularies and numeric statistics fitted on the training data.</summary>
    public DataEncoder Encoder { get; }

    /// <summary>The trained network.</summary>
    public CtrModel Network { get; }

    /// <summary>The tasks, in output order.</summary>
    public IReadOnlyList<CtrTask> Tasks => Network.Tasks;

    /// <summary>Validation history of the training run (empty if unknown).</summary>
    public IReadOnlyList<TrainingRecord> History { get; }

    /// <summary>Training frequency of the item column, for the long-tail AUC; null if the schema has no item column.</summary>
    public ItemFrequency? ItemFrequency { get; }

    /// <summary>Raw outputs per task and row: <c>[task][row]</c> logits (binary) or values (regression).</summary>
    public float[][] Score(CtrDataset data, int batchSize = CtrScoring.DefaultBatchSize) => CtrScoring.Score(Network, data, batchSize);

    /// <summary>Every metric of every task on <paramref name="data"/> (which must have the label columns).</summary>
    public CtrMetrics Evaluate(CtrDataset data, int batchSize = CtrScoring.DefaultBatchSize) =>
        CtrEvaluator.Evaluate(data, Tasks, Score(data, batchSize), ItemFrequency);

    /// <summary>Reads and encodes a CSV/TSV file with this model's schema and vocabularies (unseen values map to OOV).</summary>
    public CtrDataset Load(string dataPath, LoadOptions? options = null) => CtrDataLoader.Load(dataPath, Encoder, options);

    /// <summary>Saves the model to one file, atomically (see <see cref="ModelFile"/>).</summary>
    public void Save(string path) => ModelFile.Save(this, path);

    /// <summary>Loads a model saved by <see cref="Save"/>; a damaged or foreign file is refused with a clear error.</summary>
    public static CtrPredictionModel LoadFrom(string path) => ModelFile.Load(path);
}
