using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;
using MLNetCtr.Serving.Onnx;

namespace MLNetCtr.Models;

/// <summary>
/// Behavior Sequence Transformer (Chen et al., Alibaba, 2019, arXiv 1905.06874): the history and the candidate as one
/// sequence <c>[e_1 … e_L, c]</c> with learned positions through a transformer encoder, then an MLP over [candidate
/// output, mean of the valid history outputs, other fields]. Behaviors are <c>x_t + s_t + pos_t</c>
/// (<see cref="BehaviorTokens"/>), the candidate <c>x_c + pos_L</c>; padded history positions are masked keys.
/// </summary>
public sealed class Bst : CtrModel, IOnnxExportable
{
    private readonly BehaviorTokens _tokens;       // → (B, L, D), (B, D)
    private readonly FeatureEmbedding _others;     // → (B, F, D)
    private readonly TransformerEncoder _encoder;  // (B, L + 1, D) → (B, L + 1, D)
    private readonly Mlp _head;                    // (B, 2D + F·D) → (B, T)

    /// <summary>Creates the model for <paramref name="encoder"/>'s schema.</summary>
    public Bst(DataEncoder encoder, BstOptions options)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        int d = options.EmbeddingDimension;
        BehaviorSchema schema = BehaviorSchema.FromSchema(encoder.Schema);
        _tokens = Register("tokens", new BehaviorTokens(schema, encoder, d, random, CtrDefaults.EmbeddingInitStandardDeviation));
        _others = Register("others", new FeatureEmbedding(encoder, d, random, c => !schema.Covers(c)));
        _encoder = Register("encoder", new TransformerEncoder(options.Layers, d, options.Heads, options.FeedForward, random, options.Dropout));
        _head = Register("head", new Mlp((2 + _others.Fields.Count) * d, options.HiddenSizes, random, outputSize: Tasks.Count));
    }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch)
    {
        int b = batch.RowCount, l = _tokens.Schema.MaxLength, d = _tokens.Dimension;
        Tensor history = _tokens.Content(batch) + _tokens.SideInfo(batch) + _tokens.SequencePositions();   // (B, L, D)
        Tensor candidate = _tokens.CandidateContent(batch) + _tokens.Position.Slice(0, l, 1);              // (B, D)
        Tensor sequence = Ops.Concat([history, candidate.Unsqueeze(1)], axis: 1);                          // (B, L + 1, D)
        Tensor states = _encoder.Forward(sequence, PaddingWithCandidate(_tokens.PaddingMask(batch), b, l));   // (B, L + 1, D)
        Tensor candidateState = states.Slice(1, l, 1).Reshape(b, d);                                       // (B, D)
        Tensor historyMean = _tokens.MeanOverValid(states.Slice(1, 0, l), batch);                           // (B, D)
        Tensor others = _others.Forward(batch).Flatten(1);                                                 // (B, F·D)
        return _head.Forward(Ops.Concat([candidateState, historyMean, others], axis: 1));                   // (B, T)
    }

    string IOnnxExportable.ExportOnnx(OnnxGraph graph)
    {
        int l = _tokens.Schema.MaxLength, d = _tokens.Dimension;
        string history = graph.Add(_tokens.ExportBehaviors(graph, "tokens"), _tokens.ExportPositions(graph, "tokens", 0, l));         // (B, L, D)
        string candidate = graph.Add(_tokens.ExportCandidateContent(graph, "tokens"), _tokens.ExportPositions(graph, "tokens", l, 1));   // (B, D)
        string sequence = graph.Concat([history, graph.Unsqueeze(candidate, 1)], axis: 1);                                             // (B, L + 1, D)
        string valid = _tokens.ExportValid(graph);                                                                                     // (B, L)
        string candidateValid = graph.ExpandRows(graph.Node("Cast", [graph.Constant("candidate_valid", [1L], 1, 1)],
            attributes: OnnxGraph.Attribute("to", (long)Serving.Onnx.Proto.TensorProto.Types.DataType.Bool)), valid);                   // (B, 1), never padded
        string validWithCandidate = graph.Concat([valid, candidateValid], axis: 1);                                                    // (B, L + 1)
        string states = graph.TransformerEncoder(_encoder, sequence, validWithCandidate, "encoder");                                   // (B, L + 1, D)
        string candidateState = graph.Reshape(graph.Slice(states, 1, l, 1), -1, d);                                                    // (B, D)
        string historyMean = _tokens.ExportMeanOverValid(graph, graph.Slice(states, 1, 0, l), valid);                                  // (B, D)
        string others = graph.Flatten(graph.Embed(_others, "others"));                                                                 // (B, F·D)
        return graph.Mlp(_head, graph.Concat([candidateState, historyMean, others], axis: 1), "head");                                 // (B, T)
    }

    /// <summary>(B, L) padding flags → (B, L + 1) with the candidate slot never padded.</summary>
    private static bool[] PaddingWithCandidate(bool[] padding, int b, int l)
    {
        var mask = new bool[b * (l + 1)];
        for (int i = 0; i < b; i++)
        {
            Array.Copy(padding, i * l, mask, i * (l + 1), l);
        }
        return mask;
    }
}
