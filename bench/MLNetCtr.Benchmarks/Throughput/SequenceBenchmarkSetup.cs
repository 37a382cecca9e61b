using MLNetCtr.Data;
using MLNetCtr.Models;

namespace MLNetCtr.Benchmarks.Throughput;

/// <summary>
/// The inputs of the <c>fgbert</c> and <c>srp4ctr</c> configurations of BENCHMARKS.md: behavior sequences of length
/// L = 50 (all positions valid) over an item vocabulary of 50k, 3 item side-info sequences (vocabulary 1k each, shared
/// with the candidate's attribute columns) and 2 behavior sequences (vocabulary 10); the candidate item and its 3
/// attributes; one user field (vocabulary 1k; SRP4CTR's head needs a user or context field); a click label. Ids are
/// power-law (item ids) or uniform; hashed vocabularies of exactly the stated sizes.
/// </summary>
internal static class SequenceBenchmarkSetup
{
    public const int Length = 50, ItemVocabulary = 50_000, AttributeVocabulary = 1_000, BehaviorVocabulary = 10, UserVocabulary = 1_000;
    public const int Attributes = 3, BehaviorFields = 2;

    /// <summary>hidden 64, 2 layers, 2 heads, FFN 256; no dropout (the PyTorch side has none either).</summary>
    public static FgBertArchitecture Architecture { get; } = new() { EmbeddingDimension = 64, Layers = 2, Heads = 2, FeedForward = 256, Dropout = 0f };

    public static DataEncoder Encoder()
    {
        ColumnSchema[] columns =
        [
            new() { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
            new() { Name = "user", Side = FeatureSide.User, HashBuckets = UserVocabulary },
            new() { Name = "item", Side = FeatureSide.Item, Vocabulary = "items", HashBuckets = ItemVocabulary },
            .. Enumerable.Range(0, Attributes).Select(m => new ColumnSchema { Name = $"attribute{m}", Side = FeatureSide.Item, Vocabulary = $"attributes{m}", HashBuckets = AttributeVocabulary }),
            new() { Name = "history", Type = ColumnType.Sequence, Side = FeatureSide.User, Vocabulary = "items", MaxLength = Length, HashBuckets = ItemVocabulary },
            .. Enumerable.Range(0, Attributes).Select(m => new ColumnSchema
            {
                Name = $"history_attribute{m}", Type = ColumnType.Sequence, Side = FeatureSide.User, Vocabulary = $"attributes{m}", AlignedWith = "history", MaxLength = Length, HashBuckets = AttributeVocabulary,
            }),
            .. Enumerable.Range(0, BehaviorFields).Select(n => new ColumnSchema
            {
                Name = $"history_behavior{n}", Type = ColumnType.Sequence, Side = FeatureSide.User, AlignedWith = "history", MaxLength = Length, HashBuckets = BehaviorVocabulary,
            }),
        ];
        var schema = new DatasetSchema { Columns = columns };
        Vocabulary[] vocabularies = [.. columns.Where(c => c.Role == ColumnRole.Feature).GroupBy(c => c.VocabularyName)
            .Select(g => new Vocabulary(g.Key, [], hashBuckets: g.First().HashBuckets))];
        return new DataEncoder(schema, vocabularies, []);
    }

    /// <summary><paramref name="rows"/> random rows; with <paramref name="oneUser"/> every row has row 0's user and history.</summary>
    public static CtrDataset Rows(DataEncoder encoder, int rows, int seed, bool oneUser = false)
    {
        var random = new Random(seed);
        var store = new ColumnStore(rows);
        foreach (ColumnSchema column in encoder.Schema.Features)
        {
            int size = encoder.CardinalityOf(column.Name) - Vocabulary.FirstValueId;
            int per = column.Type == ColumnType.Sequence ? Length : 1;
            int[] ids = [.. Enumerable.Range(0, rows * per).Select(_ => Vocabulary.FirstValueId + Draw(random, size, column.VocabularyName == "items"))];
            if (oneUser && column.Side == FeatureSide.User)
            {
                for (int r = 1; r < rows; r++)
                {
                    Array.Copy(ids, 0, ids, r * per, per);
                }
            }
            if (column.Type == ColumnType.Sequence)
            {
                store.Sequences[column.Name] = new SequenceColumn(ids, [.. Enumerable.Repeat(Length, rows)], Length);
            }
            else
            {
                store.Categorical[column.Name] = ids;
            }
        }
        store.Labels["click"] = [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.1 ? 1f : 0f)];
        return new CtrDataset(encoder.Schema, store, report: null);
    }

    /// <summary>Rows <c>[start, start + count)</c> of <paramref name="data"/> as one batch.</summary>
    public static CtrBatch Batch(CtrDataset data, int start, int count) =>
        new BatchIterator(data.Select([.. Enumerable.Range(start, count)]), new BatchOptions { BatchSize = count, Shuffle = false }).Epoch(0).Single();

    /// <summary>Forward FLOPs of the encoder per sequence: per layer Q, K, V, output (8·L·D²), scores and mixing (4·L²·D), FFN (4·L·D·F).</summary>
    public static double EncoderFlops()
    {
        FgBertArchitecture a = Architecture;
        double d = a.EmbeddingDimension, l = Length;
        return a.Layers * ((8 * l * d * d) + (4 * l * l * d) + (4 * l * d * a.FeedForward));
    }

    private static int Draw(Random random, int size, bool powerLaw) =>
        powerLaw ? (int)(Math.Pow(size, random.NextDouble()) - 1) : random.Next(size);
}
