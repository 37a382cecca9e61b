using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Tensors;

namespace MLNetCtr.Serving;

/// <summary>
/// Serving for a trained <see cref="ParallelTwoTower"/> (the <c>parallel-two-tower</c> and <c>two-tower</c> families):
/// the matching weights of one task fold into the user side,
/// <code>
///   u' = concat_k(w_{t,k} ⊙ u_k),   logit_t = ⟨u', v⟩ + b_t,   v = concat_k(v_k)
/// </code>
/// so item vectors are computed once for a whole item table (<see cref="ExportItems"/>), a user vector once per request
/// (<see cref="UserVectors(CtrDataset)"/>), and every candidate costs one inner product (<see cref="Score"/>, <see cref="TopK"/>).
/// </summary>
public sealed class TwoTowerServing
{
    private readonly ParallelTwoTower _network;
    private readonly float[] _weights;   // w_t: (W)
    private readonly ThreadLocal<BufferPool> _pools = new(() => new BufferPool());   // reused across requests

    /// <summary>Prepares serving of <paramref name="model"/>'s task <paramref name="task"/> (null: the first task).</summary>
    /// <exception cref="ArgumentException">The model is not a two-tower model, or has no such task.</exception>
    public TwoTowerServing(CtrPredictionModel model, string? task = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _network = model.Network as ParallelTwoTower
            ?? throw new ArgumentException($"Model family '{model.Family.Id}' is not a two-tower model; inner-product serving needs a parallel-two-tower or two-tower model.", nameof(model));
        int t = task is null ? 0 : model.Tasks.Select(x => x.Name).ToList().IndexOf(task);
        if (t < 0)
        {
            throw new ArgumentException($"The model has no task '{task}'. Tasks: {string.Join(", ", model.Tasks.Select(x => x.Name))}.", nameof(task));
        }
        Task = model.Tasks[t].Name;
        _weights = _network.MatchingWeight.Data.AsSpan(t * Width, Width).ToArray();
        Bias = _network.MatchingBias.Data[t];
    }

    /// <summary>The model served.</summary>
    public CtrPredictionModel Model { get; }

    /// <summary>The task whose logit is served.</summary>
    public string Task { get; }

    /// <summary>W, the width of user and item vectors.</summary>
    public int Width => _network.Width;

    /// <summary>b_t, the matching bias added to every inner product.</summary>
    public float Bias { get; }

    /// <summary>The item vectors <c>v</c> of every row of <paramref name="items"/> (only item fields are read), under <paramref name="keys"/>.</summary>
    public ItemVectorTable ItemVectors(CtrDataset items, IReadOnlyList<string> keys, string keyColumn)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count != items.RowCount)
        {
            throw new ArgumentException($"{keys.Count} keys for {items.RowCount} item rows.", nameof(keys));
        }
        return new ItemVectorTable(keys, Rows(items, _network.ItemVectors, fold: false), Width, Model.Family.Id, keyColumn);
    }

    /// <summary>
    /// Reads an item table (a delimited file with a header holding at least the schema's item columns), keeps the first
    /// row of each key in <paramref name="keyColumn"/> (default: the first item column), computes the item vectors and,
    /// when <paramref name="outputPath"/> is given, saves them there.
    /// </summary>
    public ItemVectorTable ExportItems(string itemTablePath, string? outputPath = null, string? keyColumn = null)
    {
        keyColumn ??= Model.Encoder.Schema.Features.FirstOrDefault(c => c.Side == FeatureSide.Item)?.Name
            ?? throw new InvalidOperationException("The model's schema has no item column.");
        (string[] header, List<IReadOnlyDictionary<string, string?>> rows) = DelimitedRows.Read(itemTablePath, Model.Encoder.Schema.Delimiter);
        if (!header.Contains(keyColumn))
        {
            throw new DataFormatException(itemTablePath, 1, keyColumn, 0, $"the item table has no key column '{keyColumn}'. Header columns: {string.Join(", ", header)}.");
        }
        var firstOfKey = rows.GroupBy(r => r[keyColumn]!, StringComparer.Ordinal).Select(g => g.First()).ToList();
        ItemVectorTable table = ItemVectors(Model.Encoder.Encode(firstOfKey, itemTablePath), [.. firstOfKey.Select(r => r[keyColumn]!)], keyColumn);
        if (outputPath is not null)
        {
            table.Save(outputPath);
        }
        return table;
    }

    /// <summary>The folded user vectors <c>u'</c> of every row of <paramref name="requests"/> (only user and context fields are read): <c>(R, W)</c> row-major.</summary>
    public float[] UserVectors(CtrDataset requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return Rows(requests, _network.UserVectors, fold: true);
    }

    /// <summary>Reads requests (a delimited file with a header holding the user and context columns) and folds their user vectors: <c>(R, W)</c>.</summary>
    public float[] UserVectors(string requestsPath)
    {
        (_, List<IReadOnlyDictionary<string, string?>> rows) = DelimitedRows.Read(requestsPath, Model.Encoder.Schema.Delimiter);
        return UserVectors(Model.Encoder.Encode(rows, requestsPath));
    }

    /// <summary>The logit of every item for one folded user vector: <c>⟨u', v_i⟩ + b</c>.</summary>
    public float[] Score(ReadOnlySpan<float> userVector, ItemVectorTable items)
    {
        float[] user = CheckUser(userVector, items);
        var scores = new float[items.Count];
        InnerProductSearch.Score(user, Bias, items.Vectors, scores);
        return scores;
    }

    /// <summary>The <paramref name="k"/> items with the highest logits for one folded user vector, best first (ties: lower row first).</summary>
    public IReadOnlyList<ItemScore> TopK(ReadOnlySpan<float> userVector, ItemVectorTable items, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        float[] user = CheckUser(userVector, items);
        return InnerProductSearch.TopK(user, Bias, items.Vectors, items.Count, k);
    }

    private float[] CheckUser(ReadOnlySpan<float> userVector, ItemVectorTable items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (userVector.Length != Width || items.Width != Width)
        {
            throw new ArgumentException($"The model's vectors have width {Width}; got a user vector of width {userVector.Length} and item vectors of width {items.Width}.");
        }
        return userVector.ToArray();
    }

    /// <summary>Runs <paramref name="side"/> over the data in evaluation mode without gradients; folds in w_t when asked.</summary>
    private float[] Rows(CtrDataset data, Func<CtrBatch, Tensor> side, bool fold)
    {
        var result = new float[(long)data.RowCount * Width];
        BufferPool pool = _pools.Value!;
        _network.Eval();
        using GradMode.NoGradRegion noGrad = GradMode.NoGrad();
        foreach (CtrBatch batch in new BatchIterator(data, new BatchOptions { BatchSize = CtrScoring.DefaultBatchSize, Shuffle = false }).Epoch(0))
        {
            using TensorScope scope = TensorScope.Begin(pool);
            float[] vectors = side(batch).Data;   // (B, W)
            ReadOnlySpan<int> rows = batch.SourceRows;
            for (int i = 0; i < rows.Length; i++)
            {
                Span<float> target = result.AsSpan(rows[i] * Width, Width);
                vectors.AsSpan(i * Width, Width).CopyTo(target);
                if (fold)
                {
                    System.Numerics.Tensors.TensorPrimitives.Multiply(target, _weights, target);   // w_t ⊙ u
                }
            }
        }
        return result;
    }
}
