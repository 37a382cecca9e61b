using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class BatchIteratorTests
{
    private static List<int[]> Orders(BatchIterator iterator, int epoch) =>
        iterator.Epoch(epoch).Select(b => b.SourceRows.ToArray()).ToList();

    [Fact]
    public void Epoch_VisitsEveryRowOnce_InBatchesOfExactSize()
    {
        CtrDataset data = DataFiles.Numbered(1000);
        var iterator = new BatchIterator(data, new BatchOptions { BatchSize = 64, Seed = 3 });

        var sizes = new List<int>();
        var seen = new List<int>();
        foreach (CtrBatch batch in iterator.Epoch(0))
        {
            sizes.Add(batch.RowCount);
            Assert.Equal(batch.RowCount, batch.Labels["y"].Length);
            Assert.Equal(batch.RowCount, batch.Categorical["x"].Length);
            seen.AddRange(batch.SourceRows.ToArray());
        }

        Assert.Equal(16, iterator.BatchesPerEpoch);
        Assert.Equal([.. Enumerable.Repeat(64, 15), 40], sizes);
        Assert.Equal(Enumerable.Range(0, 1000), seen.Order());
        Assert.NotEqual(Enumerable.Range(0, 1000), seen);   // shuffled
    }

    [Fact]
    public void Epoch_CopiesTheRowsItNames()
    {
        CtrDataset data = DataFiles.Numbered(50);
        foreach (CtrBatch batch in new BatchIterator(data, new BatchOptions { BatchSize = 7 }).Epoch(2))
        {
            for (int i = 0; i < batch.RowCount; i++)
            {
                int row = batch.SourceRows[i];
                Assert.Equal(data.Labels["y"][row], batch.Labels["y"][i]);
                Assert.Equal(data.Categorical["x"][row], batch.Categorical["x"][i]);
            }
        }
    }

    [Fact]
    public void Epoch_IsDeterministicForSeedAndEpoch()
    {
        CtrDataset data = DataFiles.Numbered(300);
        var first = new BatchIterator(data, new BatchOptions { BatchSize = 32, Seed = 5 });
        var second = new BatchIterator(data, new BatchOptions { BatchSize = 32, Seed = 5 });
        var otherSeed = new BatchIterator(data, new BatchOptions { BatchSize = 32, Seed = 6 });

        List<int[]> epoch1 = Orders(first, 1);
        Assert.Equal(epoch1, Orders(second, 1));
        Assert.Equal(epoch1, Orders(first, 1));          // not affected by having iterated before
        Assert.NotEqual(epoch1, Orders(first, 2));
        Assert.NotEqual(epoch1, Orders(otherSeed, 1));
    }

    [Fact]
    public void Epoch_ReusesBatchBuffers()
    {
        CtrDataset data = DataFiles.Numbered(100);
        var iterator = new BatchIterator(data, new BatchOptions { BatchSize = 30 });

        var batches = new List<(CtrBatch Batch, int[] Labels)>();
        foreach (CtrBatch b in iterator.Epoch(0).Concat(iterator.Epoch(1)))
        {
            batches.Add((b, b.Categorical["x"]));
        }

        Assert.Equal(8, batches.Count);
        Assert.All(batches.Where(b => b.Batch.RowCount == 30), b => Assert.Same(batches[0].Batch, b.Batch));
        Assert.All(batches.Where(b => b.Batch.RowCount == 30), b => Assert.Same(batches[0].Labels, b.Labels));
        Assert.Same(batches[3].Batch, batches[7].Batch);   // the 10-row last batch, also reused
        Assert.Equal(10, batches[7].Batch.RowCount);
    }

    [Fact]
    public void Epoch_WithoutShuffle_KeepsOrder_AndDropLastDropsTheTail()
    {
        CtrDataset data = DataFiles.Numbered(10);
        var iterator = new BatchIterator(data, new BatchOptions { BatchSize = 4, Shuffle = false, DropLast = true });

        Assert.Equal(2, iterator.BatchesPerEpoch);
        Assert.Equal([[0, 1, 2, 3], [4, 5, 6, 7]], Orders(iterator, 0));
    }

    [Fact]
    public void Options_ZeroBatchSize_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchIterator(DataFiles.Numbered(3), new BatchOptions { BatchSize = 0 }));
}
