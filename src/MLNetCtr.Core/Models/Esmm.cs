using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>Which funnel an <see cref="Esmm"/> model decomposes.</summary>
public enum EsmmMode
{
    /// <summary>ESMM: impression → click → conversion. Two towers; tasks ctr, cvr, ctcvr.</summary>
    Esmm,

    /// <summary>ESM2: impression → click → DAction (cart, wish list) → conversion. Four towers; tasks ctr, cvr, ctcvr, ctavr.</summary>
    Esm2,
}

/// <summary>
/// Entire-space multi-task model. ESMM (Ma et al., "Entire Space Multi-Task Model", SIGIR 2018): shared embeddings feed a
/// CTR tower and a CVR tower; <c>pCTCVR = pCTR · pCVR</c>; loss = BCE(pCTR, click) + BCE(pCTCVR, click ∧ buy) over all
/// impressions, so pCVR is learned over the entire space and never fit on clicked rows alone. ESM2 (Wen et al., "Entire
/// Space Multi-Task Modeling via Post-Click Behavior Decomposition", SIGIR 2020): towers y1 = P(click),
/// y2 = P(DAction | click), y3 = P(buy | DAction), y4 = P(buy | no DAction); <c>pCVR = y2·y3 + (1 − y2)·y4</c>,
/// <c>pCTAVR = y1·y2</c>, <c>pCTCVR = y1·pCVR</c>; loss = weighted BCE on click, click ∧ DAction, click ∧ buy.
/// </summary>
/// <remarks>
/// Every output column is a logit; products and mixtures are formed in log space (<see cref="Ops.ProductLogit"/>,
/// <see cref="Ops.MixtureLogit"/>), so BCE-with-logits on the ctcvr column is exactly BCE on pCTCVR, without rounding
/// it to 0. The cvr task has loss weight 0: it is reported (on clicked rows) but never trained directly.
/// pCVR is learned only as pCTCVR / pCTR, so it absorbs the CTR tower's errors (the "inherent estimation bias" of Wang et
/// al., ESCM², SIGIR 2022): it beats a CVR model fitted on clicked rows when the shared embeddings gain more from the
/// impressions than a weak pCTR costs, i.e. with sparse clicks or plenty of data, and can lose to it on small data.
/// </remarks>
public sealed class Esmm : CtrModel, IOnnxExportable
{
    /// <summary>Task name of pCTR = P(click).</summary>
    public const string CtrTask = "ctr";

    /// <summary>Task name of pCVR = P(conversion | click), evaluated on clicked rows.</summary>
    public const string CvrTask = "cvr";

    /// <summary>Task name of pCTCVR = P(click ∧ conversion).</summary>
    public const string CtcvrTask = "ctcvr";

    /// <summary>ESM2 only: task name of pCTAVR = P(click ∧ DAction).</summary>
    public const string CtavrTask = "ctavr";

    private readonly FeatureEmbedding _embedding;   // (B, F, D), shared by every tower
    private readonly ModuleList<Mlp> _towers;       // (B, F·D) → (B, 1) logit each: ESMM [ctr, cvr]; ESM2 [y1, y2, y3, y4]

    /// <summary>Creates the model for <paramref name="encoder"/>'s features; the labels named in <paramref name="options"/> must be in its schema.</summary>
    public Esmm(DataEncoder encoder, EsmmOptions options, EsmmMode mode)
        : base(EsmmTasks.Create(encoder, options, mode))
    {
        Mode = mode;
        var random = new Random(options.Seed);
        _embedding = Register("embedding", new FeatureEmbedding(encoder, options.EmbeddingDimension, random));
        int width = _embedding.Fields.Count * options.EmbeddingDimension;
        _towers = Register("towers", new ModuleList<Mlp>());
        for (int i = 0; i < (mode == EsmmMode.Esm2 ? 4 : 2); i++)
        {
            _towers.Add(new Mlp(width, options.TowerHiddenLayers, random, dropout: options.Dropout, outputSize: 1));
        }
    }

    /// <summary>ESMM or ESM2.</summary>
    public EsmmMode Mode { get; }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch)
    {
        Tensor x = _embedding.Forward(batch).Flatten(1);                           // (B, F·D)
        Tensor[] y = [.. _towers.Select(tower => tower.Forward(x))];               // 2 or 4 × (B, 1) logits
        Tensor cvr = Mode switch
        {
            EsmmMode.Esm2 => Ops.MixtureLogit(y[1], y[2], y[3]),                    // (B, 1) logit of y2·y3 + (1 − y2)·y4
            _ => y[1],                                                             // (B, 1) logit of pCVR
        };
        Tensor[] outputs = [y[0], cvr, Ops.ProductLogit(y[0], cvr)];               // ctr, cvr, ctcvr: 3 × (B, 1)
        return Ops.Concat(Mode == EsmmMode.Esm2 ? [.. outputs, Ops.ProductLogit(y[0], y[1])] : outputs, axis: 1);   // (B, T), ESM2 adds ctavr
    }

    string IOnnxExportable.ExportOnnx(OnnxGraph graph)
    {
        string x = graph.Flatten(graph.Embed(_embedding, "embedding"));                                    // (B, F·D)
        string[] y = [.. _towers.Select((tower, i) => graph.Mlp(tower, x, $"towers.{i}"))];                // 2 or 4 × (B, 1) logits
        string cvr = Mode == EsmmMode.Esm2 ? graph.MixtureLogit(y[1], y[2], y[3]) : y[1];                   // (B, 1)
        string[] outputs = [y[0], cvr, graph.ProductLogit(y[0], cvr)];                                      // ctr, cvr, ctcvr
        return graph.Concat(Mode == EsmmMode.Esm2 ? [.. outputs, graph.ProductLogit(y[0], y[1])] : outputs, axis: 1);   // (B, T)
    }

    /// <summary>Σ over trained tasks of <c>w_t · BCE-with-logits</c> (row weights applied); the cvr task (weight 0) is skipped.</summary>
    public override Tensor Loss(Tensor outputs, CtrBatch batch)
    {
        Tensor? total = null;
        for (int t = 0; t < Tasks.Count; t++)
        {
            if (Tasks[t].LossWeight > 0f)
            {
                Tensor label = Tensor.From(Tasks[t].Target(batch), batch.RowCount);                     // (B)
                Tensor loss = Ops.BceWithLogits(TaskColumn(outputs, t), label, batch.Weights) * Tasks[t].LossWeight;
                total = total is null ? loss : total + loss;
            }
        }
        return total ?? throw new InvalidOperationException("Every loss weight of the ESMM model is 0: nothing to train.");
    }
}
