using MLNetCtr.Data;
using MLNetCtr.Models.TwoTower;

namespace MLNetCtr.Benchmarks;

/// <summary>
/// The <c>two-tower</c> configuration of BENCHMARKS.md: 8 user and 8 item categorical fields with 100k values each;
/// MLP branch (dim 16, [256, 128] + linear 64), DCN-V2 branch (dim 16, 3 full-rank cross layers ∥ MLP [256, 128], linear
/// 64), FM branch (dim 32, sum-pooled), CIN branch (dim 32, [64, 64], CIN2 rank 16); u_k ⊙ v_k → LR. Ids are Zipf-like.
/// </summary>
internal static class TwoTowerBenchmarkSetup
{
    public const int FieldsPerSide = 8;
    public const int Vocabulary = 100_000;

    public static ParallelTwoTowerOptions Options { get; } = new()
    {
        Branches = [TowerBranchKind.Mlp, TowerBranchKind.Dcn, TowerBranchKind.Fm, TowerBranchKind.Cin],
        MlpHiddenSizes = [256, 128],
        MlpOutputDimension = 64,
        DcnHiddenSizes = [256, 128],
        DcnOutputDimension = 64,
        CinLayerSizes = [64, 64],
    };

    /// <summary>W, the width of the user and item vectors: MLP 64 + DCN 64 + FM (32 + 2) + CIN (128 + 16·32).</summary>
    public static int Width => Options.MlpOutputDimension + Options.DcnOutputDimension + Options.FmEmbeddingDimension + 2
        + Options.CinLayerSizes.Sum() + Options.CinCrossMaps * Options.CinEmbeddingDimension;

    /// <summary>An encoder for the 16 fields (hashed vocabularies of exactly <see cref="Vocabulary"/> ids) and a click label.</summary>
    public static DataEncoder Encoder()
    {
        ColumnSchema[] features = [.. Enumerable.Range(0, 2 * FieldsPerSide).Select(f => new ColumnSchema
        {
            Name = f < FieldsPerSide ? $"user_{f}" : $"item_{f - FieldsPerSide}",
            Side = f < FieldsPerSide ? FeatureSide.User : FeatureSide.Item,
        })];
        var schema = new DatasetSchema { Columns = [new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary }, .. features] };
        Vocabulary[] vocabularies = [.. features.Select(c => new Vocabulary(c.Name, [], hashBuckets: Vocabulary - MLNetCtr.Data.Vocabulary.FirstValueId))];
        return new DataEncoder(schema, vocabularies, []);
    }

    /// <summary><paramref name="rows"/> random rows: Zipf-like ids per field, random clicks; with <paramref name="oneUser"/> every row has row 0's user fields.</summary>
    public static CtrDataset Rows(DataEncoder encoder, int rows, int seed, bool oneUser = false)
    {
        var random = new Random(seed);
        var store = new ColumnStore(rows);
        foreach (ColumnSchema column in encoder.Schema.Features)
        {
            int[] ids = [.. Enumerable.Range(0, rows).Select(_ => MLNetCtr.Data.Vocabulary.FirstValueId + (int)(Math.Pow(Vocabulary - 2, random.NextDouble()) - 1))];
            if (oneUser && column.Side == FeatureSide.User)
            {
                Array.Fill(ids, ids[0]);
            }
            store.Categorical[column.Name] = ids;
        }
        store.Labels["click"] = [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.1 ? 1f : 0f)];
        return new CtrDataset(encoder.Schema, store, report: null);
    }

    /// <summary>All rows of <paramref name="data"/> as one batch.</summary>
    public static CtrBatch Batch(CtrDataset data) =>
        new BatchIterator(data, new BatchOptions { BatchSize = data.RowCount, Shuffle = false }).Epoch(0).Single();

    /// <summary>
    /// Forward FLOPs per row (a multiply-add counts 2; element-wise products 1): the dense layers of MLP and DCN, the CIN
    /// outer products and 1×1 convolutions and its CIN2 projection, FM pooling, and the matching layer.
    /// </summary>
    public static double ForwardFlopsPerRow(int width)
    {
        ParallelTwoTowerOptions o = Options;
        int deepIn = FieldsPerSide * o.MlpEmbeddingDimension;
        double mlp = 2.0 * (deepIn * 256 + 256 * 128 + 128 * o.MlpOutputDimension);
        double dcn = 2.0 * (o.DcnCrossLayers * (deepIn * deepIn + deepIn) + deepIn * 256 + 256 * 128 + (deepIn + 128) * o.DcnOutputDimension);
        int d = o.CinEmbeddingDimension, previous = FieldsPerSide;
        double cin = 0;
        foreach (int h in o.CinLayerSizes)
        {
            cin += d * previous * FieldsPerSide + 2.0 * d * previous * FieldsPerSide * h;   // outer products + 1×1 convolution
            previous = h;
        }
        cin += 2.0 * d * o.CinLayerSizes.Sum() * o.CinCrossMaps;                      // CIN2 projection
        double fm = 2.0 * FieldsPerSide * o.FmEmbeddingDimension;
        return 2 * (mlp + dcn + cin + fm) + 3.0 * width;                                // two sides; u ⊙ v and the LR
    }
}
