using MLNetCtr.Data;

namespace MLNetCtr.Benchmarks;

/// <summary>
/// The inputs of the <c>esmm</c> and <c>mmoe</c> configurations (BENCHMARKS.md: "same inputs"): 20 categorical fields
/// hashed into 100k-row tables with power-law ids (like item popularity), a click label (rate 0.1) and a buy label
/// (0.1 of the clicks). Sixteen pre-encoded batches of 1,024 rows are cycled so the touched table rows change from
/// step to step. <c>bench/pytorch/throughput.py</c> draws its ids the same way.
/// </summary>
internal static class ImpressionBatches
{
    /// <summary>Rows per batch.</summary>
    public const int Batch = 1024;

    /// <summary>Categorical fields per row.</summary>
    public const int Fields = 20;

    /// <summary>Rows of each field's embedding table.</summary>
    public const int VocabularySize = 100_000;

    /// <summary>Batches cycled.</summary>
    public const int Count = 16;

    /// <summary>The encoder (labels <c>click</c>, <c>buy</c>; fields <c>c0…c19</c>) and the batches.</summary>
    public static (DataEncoder Encoder, CtrBatch[] Batches) Create(int seed = 42)
    {
        DatasetSchema schema = new()
        {
            Columns =
            [
                new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
                new ColumnSchema { Name = "buy", Role = ColumnRole.Label, Type = ColumnType.Binary },
                .. Enumerable.Range(0, Fields).Select(f => new ColumnSchema { Name = $"c{f}", HashBuckets = VocabularySize - Vocabulary.FirstValueId }),
            ],
        };
        var encoder = new DataEncoder(schema, [.. schema.Features.Select(c => new Vocabulary(c.Name, [], hashBuckets: c.HashBuckets))], []);
        var random = new Random(seed);
        CtrDataset data = encoder.Encode(Enumerable.Range(0, Count * Batch).Select(_ => Row(random)));
        CtrBatch[] batches = [.. Enumerable.Range(0, Count).Select(b =>
            new BatchIterator(data.Select([.. Enumerable.Range(b * Batch, Batch)]), new BatchOptions { BatchSize = Batch, Shuffle = false }).Epoch(0).First())];
        return (encoder, batches);
    }

    private static Dictionary<string, string?> Row(Random random)
    {
        bool click = random.NextDouble() < 0.1, buy = click && random.NextDouble() < 0.1;
        var row = new Dictionary<string, string?> { ["click"] = click ? "1" : "0", ["buy"] = buy ? "1" : "0" };
        for (int f = 0; f < Fields; f++)
        {
            row[$"c{f}"] = "v" + (int)(1_000_000 * Math.Pow(random.NextDouble(), 3));
        }
        return row;
    }
}
