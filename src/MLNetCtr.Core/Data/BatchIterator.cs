namespace MLNetCtr.Data;

/// <summary>
/// Cuts a <see cref="CtrDataset"/> into <see cref="CtrBatch"/>es, epoch by epoch, visiting every row once per epoch
/// (bar a dropped last batch). With shuffling, epoch e's order depends only on the seed and e. Batch buffers are made on
/// first use (one full-size batch, one for a smaller last batch) and refilled afterwards, so iterating allocates nothing
/// in proportion to the data after the first epoch.
/// </summary>
public sealed class BatchIterator
{
    private readonly CtrDataset _data;
    private readonly int[] _order;
    private CtrBatch? _fullBatch;
    private CtrBatch? _lastBatch;

    /// <summary>Creates an iterator over <paramref name="data"/>.</summary>
    public BatchIterator(CtrDataset data, BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options = options ?? new BatchOptions();
        Options.Validate();
        _data = data;
        _order = new int[data.RowCount];
    }

    /// <summary>The options this iterator was created with.</summary>
    public BatchOptions Options { get; }

    /// <summary>Batches in each epoch.</summary>
    public int BatchesPerEpoch => Options.DropLast
        ? _data.RowCount / Options.BatchSize
        : (_data.RowCount + Options.BatchSize - 1) / Options.BatchSize;

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>. The same <see cref="CtrBatch"/> object is refilled for every batch
    /// of a size, so use each before moving to the next; iterate one epoch at a time.
    /// </summary>
    public IEnumerable<CtrBatch> Epoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return Batches(epoch);
    }

    private IEnumerable<CtrBatch> Batches(int epoch)
    {
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }
        if (Options.Shuffle)
        {
            new DataRandom(Options.Seed, epoch).Shuffle(_order);
        }
        int batchSize = Options.BatchSize;
        for (int start = 0, index = 0; start < _order.Length; start += batchSize, index++)
        {
            int count = Math.Min(batchSize, _order.Length - start);
            if (count < batchSize && Options.DropLast)
            {
                yield break;
            }
            CtrBatch batch = count == batchSize ? _fullBatch ??= NewBatch(count) : _lastBatch ??= NewBatch(count);
            batch.Fill(_data, _order.AsSpan(start, count), epoch, index);
            yield return batch;
        }
    }

    private CtrBatch NewBatch(int rows) => new(_data.Schema, _data.Store.Allocate(rows));
}
