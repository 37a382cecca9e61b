using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>
/// The naive CVR model that ESMM (Ma et al., SIGIR 2018) is measured against, with ESMM's own architecture: the same field
/// embeddings and one MLP tower, a single task <see cref="Esmm.CvrTask"/> on the conversion label, meant to be fitted on
/// clicked impressions only (<see cref="ClickedRows"/>), so its output is P(conversion | click).
/// </summary>
public sealed class ClickedRowsCvr : CtrModel
{
    private readonly FeatureEmbedding _embedding;   // (B, F, D)
    private readonly Mlp _tower;                    // (B, F·D) → (B, 1)

    private ClickedRowsCvr(DataEncoder encoder, EsmmOptions options)
        : base([new CtrTask(Esmm.CvrTask, TaskKind.Binary) { LabelColumns = [options.ConversionLabel] }])
    {
        var random = new Random(options.Seed);
        _embedding = Register("embedding", new FeatureEmbedding(encoder, options.EmbeddingDimension, random));
        _tower = Register("tower", new Mlp(_embedding.Fields.Count * options.EmbeddingDimension, options.TowerHiddenLayers, random,
            dropout: options.Dropout, outputSize: 1));
    }

    /// <summary>The family (not in <see cref="ModelRegistry"/>: it is only meaningful on clicked rows); options as ESMM's.</summary>
    public static ModelFamily Family { get; } = ModelFamily.Create<EsmmOptions>("clicked-rows-cvr", (encoder, options) => new ClickedRowsCvr(encoder, options));

    /// <summary>The rows of <paramref name="data"/> whose <paramref name="clickLabel"/> is positive.</summary>
    public static int[] ClickedRows(CtrDataset data, string clickLabel)
    {
        ArgumentNullException.ThrowIfNull(data);
        float[] clicks = data.Labels[clickLabel];
        return [.. Enumerable.Range(0, data.RowCount).Where(i => clicks[i] > 0)];
    }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch) => _tower.Forward(_embedding.Forward(batch).Flatten(1));   // (B, 1) logit of P(buy | click)
}
