using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;
using MLNetCtr.Serving.Onnx;

namespace MLNetCtr.Models;

/// <summary>
/// Deep Interest Network (Zhou et al., KDD 2018, arXiv 1706.06978): target attention of the candidate over the
/// behavior history, <c>interest = Σ_t a(e_t, c) · e_t</c> with <c>a = MLP([e_t, c, e_t − c, e_t ⊙ c])</c> (no softmax,
/// padded positions weigh 0), then an MLP over [interest, candidate, other fields]. Behaviors are
/// <c>e_t = x_t + s_t</c> (content and side info, <see cref="BehaviorTokens"/>), the candidate <c>c = x_c</c>.
/// </summary>
public sealed class Din : CtrModel, IOnnxExportable
{
    private readonly BehaviorTokens _tokens;       // → (B, L, D), (B, D)
    private readonly FeatureEmbedding _others;     // → (B, F, D)
    private readonly ParametricMlp _attention;     // (B·L, 4D) → (B·L, 1)
    private readonly ParametricMlp _head;          // (B, 2D + F·D) → (B, 1)

    /// <summary>Creates the model for <paramref name="encoder"/>'s schema.</summary>
    public Din(DataEncoder encoder, DinOptions options)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        int d = options.EmbeddingDimension;
        BehaviorSchema schema = BehaviorSchema.FromSchema(encoder.Schema);
        _tokens = Register("tokens", new BehaviorTokens(schema, encoder, d, random, CtrDefaults.EmbeddingInitStandardDeviation));
        _others = Register("others", new FeatureEmbedding(encoder, d, random, c => !schema.Covers(c)));
        _attention = Register("attention", new ParametricMlp(4 * d, options.AttentionHiddenSizes, 1, options.Activation, random));
        _head = Register("head", new ParametricMlp((2 + _others.Fields.Count) * d, options.HiddenSizes, Tasks.Count, options.Activation, random));
    }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch)
    {
        int b = batch.RowCount, l = _tokens.Schema.MaxLength, d = _tokens.Dimension;
        Tensor behaviors = _tokens.Content(batch) + _tokens.SideInfo(batch);                     // (B, L, D)
        Tensor candidate = _tokens.CandidateContent(batch);                                      // (B, D)
        Tensor query = Tensor.Zeros(b, l, d) + candidate.Unsqueeze(1);                           // (B, L, D)
        Tensor pairs = Ops.Concat([behaviors, query, behaviors - query, behaviors * query], axis: 2);   // (B, L, 4D)
        Tensor weights = _attention.Forward(pairs.Reshape(b * l, 4 * d)).Reshape(b, 1, l);       // (B, 1, L)
        weights = Ops.MaskedFill(weights, _tokens.PaddingMask(batch), [b, 1, l], 0f);            // padding weighs 0
        Tensor interest = Ops.MatMul(weights, behaviors).Reshape(b, d);                          // (B, D)
        Tensor others = _others.Forward(batch).Flatten(1);                                       // (B, F·D)
        return _head.Forward(Ops.Concat([interest, candidate, others], axis: 1));                // (B, T)
    }

    string IOnnxExportable.ExportOnnx(OnnxGraph graph)
    {
        int l = _tokens.Schema.MaxLength, d = _tokens.Dimension;
        string behaviors = _tokens.ExportBehaviors(graph, "tokens");                                                   // (B, L, D)
        string candidate = _tokens.ExportCandidateContent(graph, "tokens");                                            // (B, D)
        string query = graph.Node("Expand", [graph.Unsqueeze(candidate, 1), graph.Node("Shape", [behaviors])]);       // (B, L, D)
        string pairs = graph.Concat([behaviors, query, graph.Sub(behaviors, query), graph.Mul(behaviors, query)], axis: 2);   // (B, L, 4D)
        string weights = graph.Reshape(graph.ParametricMlp(_attention, graph.Reshape(pairs, -1, 4 * d), "attention"), -1, 1, l);   // (B, 1, L)
        weights = graph.Node("Where", [graph.Unsqueeze(_tokens.ExportValid(graph), 1), weights, graph.Constant("zero", [0f])]);     // padding weighs 0
        string interest = graph.Reshape(graph.MatMul(weights, behaviors), -1, d);                                     // (B, D)
        string others = graph.Flatten(graph.Embed(_others, "others"));                                                 // (B, F·D)
        return graph.ParametricMlp(_head, graph.Concat([interest, candidate, others], axis: 1), "head");               // (B, T)
    }
}
