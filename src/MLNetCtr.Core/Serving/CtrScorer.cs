using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Tensors;

namespace MLNetCtr.Serving;

/// <summary>One row's outputs, per task.</summary>
/// <param name="Scores">Per task: the logit (binary task) or the predicted value (regression task).</param>
/// <param name="Probabilities">Per binary task: σ(score).</param>
public sealed record CtrPrediction(IReadOnlyDictionary<string, float> Scores, IReadOnlyDictionary<string, float> Probabilities);

/// <summary>
/// Scores raw rows with a trained model: rows as column name → value dictionaries or as typed objects whose
/// properties name the columns. Safe to call from many threads at once: the model is only read, and each thread
/// works in buffers of its own.
/// </summary>
/// <remarks>
/// Every feature column of the schema must be present in a request (its value may be empty, meaning missing); unseen
/// categorical values map to the out-of-vocabulary id and are scored. Label columns are not needed.
/// </remarks>
public sealed class CtrScorer
{
    private readonly ThreadLocal<BufferPool> _pools = new(() => new BufferPool());
    private readonly string[] _requiredColumns;

    /// <summary>Serves <paramref name="model"/>.</summary>
    public CtrScorer(CtrPredictionModel model)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Model.Network.Eval();
        _requiredColumns = model.Encoder.Schema.Features.Select(c => c.Name).ToArray();
    }

    /// <summary>Loads a model file and serves it.</summary>
    public static CtrScorer Load(string path) => new(CtrPredictionModel.LoadFrom(path));

    /// <summary>The served model.</summary>
    public CtrPredictionModel Model { get; }

    /// <summary>Scores one row.</summary>
    public CtrPrediction Score(IReadOnlyDictionary<string, string?> row) => Score([row])[0];

    /// <summary>Scores rows given as column name → raw value.</summary>
    public IReadOnlyList<CtrPrediction> Score(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (int i = 0; i < rows.Count; i++)
        {
            CheckColumns(rows[i], i);
        }
        CtrDataset data = Model.Encoder.Encode(rows, "request");
        float[][] outputs = CtrScoring.Score(Model.Network, data, CtrScoring.DefaultBatchSize, _pools.Value);
        return Enumerable.Range(0, rows.Count).Select(i => Prediction(outputs, i)).ToArray();
    }

    /// <summary>Scores typed rows: each public property is the column of its name (or of its <see cref="CtrColumnAttribute"/>).</summary>
    public IReadOnlyList<CtrPrediction> ScoreObjects<TRow>(IEnumerable<TRow> rows) =>
        Score(rows.Select(r => RowMapper<TRow>.ToColumns(r, Model.Encoder.Schema)).ToArray());

    private void CheckColumns(IReadOnlyDictionary<string, string?> row, int index)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (string column in _requiredColumns)
        {
            if (!row.ContainsKey(column))
            {
                throw new ArgumentException($"Request row {index + 1} has no column '{column}', which the model needs (features: {string.Join(", ", _requiredColumns)}). Give an empty value for a missing one.", nameof(row));
            }
        }
    }

    private CtrPrediction Prediction(float[][] outputs, int row)
    {
        var scores = new Dictionary<string, float>();
        var probabilities = new Dictionary<string, float>();
        for (int t = 0; t < Model.Tasks.Count; t++)
        {
            CtrTask task = Model.Tasks[t];
            scores[task.Name] = outputs[t][row];
            if (task.Kind == TaskKind.Binary)
            {
                probabilities[task.Name] = 1f / (1f + MathF.Exp(-outputs[t][row]));
            }
        }
        return new CtrPrediction(scores, probabilities);
    }
}
