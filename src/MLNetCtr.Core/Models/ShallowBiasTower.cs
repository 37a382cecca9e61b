using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using DataType = MLNetCtr.Serving.Onnx.Proto.TensorProto.Types.DataType;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>
/// The shallow tower of YouTube's multi-task ranker (Zhao et al., RecSys 2019): embeddings of the display position
/// and of a few categorical features that shape position bias (the device) → a small MLP → one logit, added to one
/// task's logit while training. The tower soaks up the selection bias of the position, so the main model learns
/// position-free relevance; at serving the tower is left out (or fed a fixed position). As in the paper, training drops
/// the position feature of each row with probability p (its embedding becomes 0, the "unknown position"), so the
/// model does not over-rely on it.
/// <code>
///   bias = MLP([m · e_pos(clamp(position, 0, P − 1)); e_1(x_1); …])     (B, 1),  m ~ Bernoulli(1 − p) in training, 1 at serving
/// </code>
/// </summary>
/// <remarks>Children: <c>position</c> (when the position column is an input), <c>embeddings.{i}</c> per categorical column, <c>mlp</c>.</remarks>
internal sealed class ShallowBiasTower : Module
{
    private readonly Embedding? _position;
    private readonly string[] _categoricalColumns;
    private readonly ModuleList<Embedding> _embeddings;
    private readonly Mlp _mlp;
    private readonly int? _servingPosition;
    private readonly float _positionDropout;
    private readonly DropoutMasks? _positionMasks;

    public ShallowBiasTower(DataEncoder encoder, IReadOnlyList<string> columns, MmoeOptions options, Random random)
    {
        DatasetSchema schema = encoder.Schema;
        int d = options.EmbeddingDimension;
        string? positionColumn = schema.Columns.FirstOrDefault(c => c.Role == ColumnRole.Position)?.Name;
        if (columns.Contains(positionColumn))
        {
            _position = Register("position", new Embedding(options.BiasTowerPositions, d, random, standardDeviation: CtrDefaults.EmbeddingInitStandardDeviation));
        }
        _categoricalColumns = [.. columns.Where(c => c != positionColumn)];
        foreach (string name in _categoricalColumns)
        {
            ColumnSchema? column = schema.Features.FirstOrDefault(c => c.Name == name);
            if (column is null || !(column.Type == ColumnType.Categorical || (column.Type == ColumnType.Numeric && column.Transform == NumericTransform.Bucketize)))
            {
                throw new ArgumentException($"Bias tower column '{name}' is neither the position column ({positionColumn ?? "none"}) nor a categorical (or bucketized numeric) feature column of the schema.", nameof(columns));
            }
        }
        _embeddings = Register("embeddings", new ModuleList<Embedding>(_categoricalColumns.Select(c =>
            new Embedding(encoder.CardinalityOf(c), d, random, Vocabulary.PaddingId, standardDeviation: CtrDefaults.EmbeddingInitStandardDeviation))));
        _mlp = Register("mlp", new Mlp(columns.Count * d, options.BiasTowerHiddenLayers, random, outputSize: 1));
        _servingPosition = options.BiasTowerServingPosition;
        _positionDropout = options.BiasTowerPositionDropout;
        // Created last, so that the draw of its seed leaves the initial weights above as they were without it.
        _positionMasks = _position is not null && _positionDropout > 0f ? CreateDropoutMasks(random) : null;
    }

    /// <summary>
    /// The bias logit of every row, <c>(B, 1)</c>: in training at the rows' positions; at serving at the fixed serving
    /// position for every row, or null (no bias) when there is none.
    /// </summary>
    public Tensor? Forward(CtrBatch batch)
    {
        if (!IsTraining && _servingPosition is null)
        {
            return null;
        }
        int? fixedPosition = IsTraining ? null : _servingPosition;
        int b = batch.RowCount;
        var inputs = new List<Tensor>(_categoricalColumns.Length + 1);
        if (_position is not null)
        {
            Tensor position = _position.Forward(PositionIds(batch, fixedPosition, _position.NumEmbeddings), [b]);   // (B, D)
            inputs.Add(IsTraining && _positionMasks is not null ? position * KeptRows(b) : position);            // (B, D), dropped rows 0
        }
        for (int i = 0; i < _categoricalColumns.Length; i++)
        {
            inputs.Add(_embeddings[i].Forward(batch.Categorical[_categoricalColumns[i]], [b]));             // (B, D)
        }
        return _mlp.Forward(inputs.Count == 1 ? inputs[0] : Ops.Concat(inputs, axis: 1));                   // (B, k·D) → (B, 1)
    }

    /// <summary>The serving bias logit <c>(B, 1)</c> in ONNX, at the fixed serving position; null when serving drops the tower.</summary>
    public string? ExportOnnx(OnnxGraph g, string name)
    {
        if (_servingPosition is not { } position)
        {
            return null;
        }
        var inputs = new List<string>(_categoricalColumns.Length + 1);
        string? rowsLike = null;
        for (int i = 0; i < _categoricalColumns.Length; i++)
        {
            rowsLike = g.Input(_categoricalColumns[i], DataType.Int64, OnnxGraph.Batch);
            inputs.Add(g.Gather(g.Parameter(_embeddings[i].Weight, $"{name}.embeddings.{i}"), rowsLike));               // (B, D)
        }
        if (_position is not null)
        {
            string row = g.Constant($"{name}.serving_position", [(long)Math.Clamp(position, 0, _position.NumEmbeddings - 1)], 1);
            string vector = g.Gather(g.Parameter(_position.Weight, $"{name}.position"), row);                              // (1, D)
            inputs.Insert(0, rowsLike is null ? vector : g.ExpandRows(vector, rowsLike));                                  // (B, D); (1, D) broadcasts later
        }
        return g.Mlp(_mlp, g.Concat(inputs, axis: 1), $"{name}.mlp");                                                     // (B, 1)
    }

    /// <summary>
    /// The tower's columns under <paramref name="options"/>: the listed ones, or by default the schema's position column
    /// with the device column if present (none without a position column, or when the tower is off).
    /// </summary>
    public static IReadOnlyList<string> ColumnsFor(DatasetSchema schema, MmoeOptions options)
    {
        if (!options.UseBiasTower)
        {
            return [];
        }
        if (options.BiasTowerColumns is { } listed)
        {
            return listed;
        }
        string? position = schema.Columns.FirstOrDefault(c => c.Role == ColumnRole.Position)?.Name;
        bool hasDevice = schema.Features.Any(c => c.Name == MultitaskDefaults.DeviceColumn && c.Type == ColumnType.Categorical);
        return position is null ? [] : hasDevice ? [position, MultitaskDefaults.DeviceColumn] : [position];
    }

    /// <summary>The index of the task called <paramref name="name"/> in <paramref name="tasks"/>, or of the first binary task when null.</summary>
    public static int TaskIndex(IReadOnlyList<CtrTask> tasks, string? name)
    {
        int index = name is null ? tasks.ToList().FindIndex(t => t.Kind == TaskKind.Binary) : tasks.ToList().FindIndex(t => t.Name == name);
        return index >= 0 ? index
            : throw new ArgumentException($"The bias tower's task '{name ?? "(first binary task)"}' is not among the tasks: {string.Join(", ", tasks.Select(t => $"{t.Name} ({t.Kind})"))}.", nameof(name));
    }

    /// <summary>A <c>(B, 1)</c> mask: 0 for a row whose position is dropped (probability p), 1 otherwise.</summary>
    private Tensor KeptRows(int rows)
    {
        var kept = new float[rows];
        Random random = _positionMasks!.Random;
        for (int i = 0; i < rows; i++)
        {
            kept[i] = random.NextSingle() < _positionDropout ? 0f : 1f;
        }
        return Tensor.From(kept, rows, 1);
    }

    /// <summary>Each row's position clamped to [0, positions − 1] (a row without a position column reads 0).</summary>
    private static int[] PositionIds(CtrBatch batch, int? fixedPosition, int positions)
    {
        var ids = new int[batch.RowCount];
        int[]? shown = batch.Positions;
        for (int i = 0; i < ids.Length; i++)
        {
            int position = fixedPosition ?? shown?[i] ?? 0;
            ids[i] = Math.Clamp(position, 0, positions - 1);
        }
        return ids;
    }
}
