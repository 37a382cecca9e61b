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
    private readonly string[] _userColumns;   // user and context features
    private readonly string[] _itemColumns;   // item features

    /// <summary>Serves <paramref name="model"/>.</summary>
    public CtrScorer(CtrPredictionModel model)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Model.Network.Eval();
        _requiredColumns = model.Encoder.Schema.Features.Select(c => c.Name).ToArray();
        _userColumns = model.Encoder.Schema.Features.Where(c => c.Side != FeatureSide.Item).Select(c => c.Name).ToArray();
        _itemColumns = model.Encoder.Schema.Features.Where(c => c.Side == FeatureSide.Item).Select(c => c.Name).ToArray();
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

    /// <summary>
    /// Scores one request of one user × N candidates: <paramref name="user"/> holds the user and context columns,
    /// each candidate the item columns. Families with a user-once path (<see cref="HasUserOncePath"/>: two-tower,
    /// SRP4CTR) compute the user part once; the others score rows that join the user to each candidate. The results
    /// equal <see cref="Score(IReadOnlyList{IReadOnlyDictionary{string, string}})"/> of those joined rows.
    /// </summary>
    public IReadOnlyList<CtrPrediction> ScoreCandidates(IReadOnlyDictionary<string, string?> user, IReadOnlyList<IReadOnlyDictionary<string, string?>> candidates)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(candidates);
        CheckColumns(user, "The user row", _userColumns);
        for (int i = 0; i < candidates.Count; i++)
        {
            CheckColumns(candidates[i], $"Candidate {i + 1}", _itemColumns);
        }
        float[][] outputs = HasUserOncePath
            ? CtrScoring.ScoreCandidates(Model.Network, Model.Encoder.Encode([user], "user"), Model.Encoder.Encode(candidates, "candidates"), CtrScoring.DefaultBatchSize, _pools.Value)
            : CtrScoring.Score(Model.Network, Model.Encoder.Encode(candidates.Select(c => Join(user, c)), "request"), CtrScoring.DefaultBatchSize, _pools.Value);
        return Enumerable.Range(0, candidates.Count).Select(i => Prediction(outputs, i)).ToArray();
    }

    /// <summary><see cref="ScoreCandidates"/> with a typed user and typed candidates (properties name the columns, as in <see cref="ScoreObjects"/>).</summary>
    public IReadOnlyList<CtrPrediction> ScoreCandidateObjects<TUser, TCandidate>(TUser user, IEnumerable<TCandidate> candidates) =>
        ScoreCandidates(RowMapper<TUser>.ToColumns(user, Model.Encoder.Schema), candidates.Select(c => RowMapper<TCandidate>.ToColumns(c, Model.Encoder.Schema)).ToArray());

    /// <summary>Whether the family computes the user part once per <see cref="ScoreCandidates"/> request (two-tower, SRP4CTR, BAHE).</summary>
    public bool HasUserOncePath => CtrScoring.HasUserOncePath(Model.Network);

    /// <summary>Scores typed rows: each public property is the column of its name (or of its <see cref="CtrColumnAttribute"/>).</summary>
    public IReadOnlyList<CtrPrediction> ScoreObjects<TRow>(IEnumerable<TRow> rows) =>
        Score(rows.Select(r => RowMapper<TRow>.ToColumns(r, Model.Encoder.Schema)).ToArray());

    private void CheckColumns(IReadOnlyDictionary<string, string?> row, int index) => CheckColumns(row, $"Request row {index + 1}", _requiredColumns);

    private static void CheckColumns(IReadOnlyDictionary<string, string?> row, string what, string[] required)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (string column in required)
        {
            if (!row.ContainsKey(column))
            {
                throw new ArgumentException($"{what} has no column '{column}', which the model needs (there: {string.Join(", ", required)}). Give an empty value for a missing one.", nameof(row));
            }
        }
    }

    /// <summary>The user's columns with the candidate's (the candidate's value wins where both have one).</summary>
    private static Dictionary<string, string?> Join(IReadOnlyDictionary<string, string?> user, IReadOnlyDictionary<string, string?> candidate)
    {
        var row = new Dictionary<string, string?>(user);
        foreach ((string column, string? value) in candidate)
        {
            row[column] = value;
        }
        return row;
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
