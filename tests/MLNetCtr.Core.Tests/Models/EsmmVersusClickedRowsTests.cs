using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;

namespace MLNetCtr.Tests.Models;

/// <summary>
/// ESMM's claim (Ma et al., 2018) against the naive way, apples to apples: the naive CVR model has ESMM's own architecture
/// (shared field embeddings → one MLP tower) but is fitted on clicked impressions only. With sparse clicks (10% of
/// 32 000 impressions) the naive model sees 3 200 rows, while ESMM's embeddings also learn from every impression
/// through the CTR task.
/// </summary>
public sealed class EsmmVersusClickedRowsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"mlnetctr-esmm-naive-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Fit_SparseClicks_EsmmCvrRanksClickedRowsBetterThanAModelFittedOnClickedRowsOnly()
    {
        var world = new SyntheticOptions { Rows = 40_000, Users = 100, Items = 100, Categories = 20, BaseClickRate = 0.1, ConversionRate = 0.3, Seed = 2 };
        SyntheticResult synthetic = SyntheticDataGenerator.Generate(ScenarioKind.Funnel, world, _directory);
        (CtrDataset train, DataEncoder encoder) = CtrDataLoader.LoadAndFit(synthetic.Train.Path, synthetic.Schema);
        CtrDataset valid = CtrDataLoader.Load(synthetic.Valid.Path, encoder), test = CtrDataLoader.Load(synthetic.Test.Path, encoder);
        var options = new EsmmOptions
        {
            EmbeddingDimension = 8, TowerHiddenLayers = [32, 16], NumberOfEpochs = 8, LearningRate = 1e-2f, BatchSize = 512, EarlyStoppingPatience = 3, Seed = 2,
        };

        float[] esmm = new EsmmTrainer(options).Fit(train, encoder, valid).Score(test)[1];
        float[] naive = ClickedRowsCvr.Family.Fit(train.Select(Clicked(train)), encoder, valid.Select(Clicked(valid)),
            options with { EarlyStoppingTask = Esmm.CvrTask }).Model.Score(test)[0];

        // Measured (seed 2): CVR AUC on the 400 clicked test rows ESMM 0.682, naive 0.659 (oracle 0.708); Pearson r of the
        // logits with the true P(buy | click) on those rows ESMM 0.713, naive 0.612. Seeds 1, 3, 4 give r 0.61/0.52,
        // 0.56/0.46, 0.47/0.47: ESMM never worse; the AUC on 400 rows is too noisy to compare on other seeds.
        int[] clicked = Clicked(test);
        float[] buy = [.. clicked.Select(i => test.Labels["buy"][i])], truth = [.. clicked.Select(i => synthetic.Test.Truths["buy_given_click"][i])];
        double esmmAuc = BinaryClassificationEvaluator.AreaUnderRocCurve(buy, [.. clicked.Select(i => esmm[i])]);
        double naiveAuc = BinaryClassificationEvaluator.AreaUnderRocCurve(buy, [.. clicked.Select(i => naive[i])]);
        double esmmR = Pearson(truth, [.. clicked.Select(i => esmm[i])]), naiveR = Pearson(truth, [.. clicked.Select(i => naive[i])]);
        Assert.True(esmmAuc > naiveAuc + 0.01, $"CVR AUC on clicked test rows: ESMM {esmmAuc:F4}, naive {naiveAuc:F4}");
        Assert.True(esmmR > naiveR + 0.05, $"r with the true P(buy | click) on clicked test rows: ESMM {esmmR:F4}, naive {naiveR:F4}");
    }

    private static int[] Clicked(CtrDataset data) => [.. Enumerable.Range(0, data.RowCount).Where(i => data.Labels["click"][i] > 0)];

    private static double Pearson(float[] x, float[] y)
    {
        double mx = x.Average(), my = y.Average(), xy = 0, xx = 0, yy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            (xy, xx, yy) = (xy + (x[i] - mx) * (y[i] - my), xx + (x[i] - mx) * (x[i] - mx), yy + (y[i] - my) * (y[i] - my));
        }
        return xy / Math.Sqrt(xx * yy);
    }

    /// <summary>The naive CVR model: ESMM's shared embeddings and one of its towers, a single task "cvr" on the conversion label.</summary>
    private sealed class ClickedRowsCvr : CtrModel
    {
        private readonly FeatureEmbedding _embedding;   // (B, F, D)
        private readonly Mlp _tower;                    // (B, F·D) → (B, 1)

        private ClickedRowsCvr(DataEncoder encoder, EsmmOptions options)
            : base([new CtrTask(Esmm.CvrTask, TaskKind.Binary) { LabelColumns = [options.ConversionLabel] }])
        {
            var random = new Random(options.Seed);
            _embedding = Register("embedding", new FeatureEmbedding(encoder, options.EmbeddingDimension, random));
            _tower = Register("tower", new Mlp(_embedding.Fields.Count * options.EmbeddingDimension, options.TowerHiddenLayers, random, dropout: options.Dropout, outputSize: 1));
        }

        public static ModelFamily Family { get; } = ModelFamily.Create<EsmmOptions>("clicked-rows-cvr", (encoder, options) => new ClickedRowsCvr(encoder, options));

        public override Tensor Forward(CtrBatch batch) => _tower.Forward(_embedding.Forward(batch).Flatten(1));   // (B, 1) logit of P(buy | click)
    }
}
