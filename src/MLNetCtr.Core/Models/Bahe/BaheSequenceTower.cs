using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;
using MLNetCtr.Text;

namespace MLNetCtr.Models;

/// <summary>
/// BAHE's behavior aggregation for one sequence (Geng et al., SIGIR 2024): behavior vectors from the table, an input
/// projection when the deep width differs, a learned recency embedding, trainable transformer layers, and the mean
/// over valid behaviors:
/// <code>
///   x_t = P · e_t + r[n − t]          (B, L, H)   e_t the table vector (D) of behavior t, n the row's length
///   h   = Deep_N(… Deep_1(x))         (B, L, H)   <see cref="PreNormTransformerLayer"/>s
///   u   = mean_{t &lt; n} h_t           (B, H)
/// </code>
/// </summary>
/// <remarks>Children: <c>projection</c> (only when D ≠ H), <c>recency</c> (rows 1 … L for 1 … L steps back; row 0
/// padding, all zeros at start so pretrained deep layers see their pretrained input), <c>layers</c>.</remarks>
internal sealed class BaheSequenceTower : Module
{
    private readonly Linear? _projection;
    private readonly Embedding _recency;

    public BaheSequenceTower(int inputDim, int hiddenSize, int layers, int heads, int feedForward, int maxLength, Random random)
    {
        _projection = inputDim == hiddenSize ? null : Register("projection", new Linear(inputDim, hiddenSize, random));
        _recency = Register("recency", new Embedding(maxLength + 1, hiddenSize, random, paddingIndex: 0));
        Init.Zeros(_recency.Weight);
        Layers = Register("layers", new ModuleList<PreNormTransformerLayer>());
        for (int i = 0; i < layers; i++)
        {
            Layers.Add(new PreNormTransformerLayer(hiddenSize, hiddenSize, heads, feedForward, random));
        }
    }

    /// <summary>The trainable deep layers, in order.</summary>
    public ModuleList<PreNormTransformerLayer> Layers { get; }

    /// <summary>Copies <paramref name="pretrained"/>[i] into deep layer i where heads and every parameter shape match; returns the count.</summary>
    public int CopyPretrained(IReadOnlyList<PreNormTransformerLayer> pretrained)
    {
        int copied = 0;
        for (int i = 0; i < Math.Min(Layers.Count, pretrained.Count); i++)
        {
            var source = pretrained[i].NamedParameters();
            var target = Layers[i].NamedParameters();
            if (pretrained[i].Heads != Layers[i].Heads || !source.Select(Signature).SequenceEqual(target.Select(Signature)))
            {
                continue;
            }
            for (int p = 0; p < source.Count; p++)
            {
                source[p].Parameter.Data.CopyTo(target[p].Parameter.Data, 0);
            }
            copied++;
        }
        return copied;
    }

    private static string Signature((string Name, Tensor Parameter) p) => p.Name + Tensor.ShapeString(p.Parameter.Shape);

    /// <summary>The user vector of one sequence, <c>(B, H)</c>, from its behavior vectors <c>(B, L, D)</c> and lengths.</summary>
    public Tensor Forward(Tensor behaviors, int[] lengths)
    {
        int b = behaviors.Dim(0), l = behaviors.Dim(1);
        int[] stepsBack = new int[b * l];                                                    // n − t at valid t, 0 at padding
        for (int row = 0; row < b; row++)
        {
            for (int t = 0; t < lengths[row]; t++)
            {
                stepsBack[row * l + t] = lengths[row] - t;
            }
        }
        Tensor x = (_projection is null ? behaviors : _projection.Forward(behaviors))        // (B, L, H)
            + Ops.Embedding(_recency.Weight, stepsBack, [b, l], paddingIndex: 0);            // (B, L, H)
        bool[] padding = new TokenBatch(stepsBack, lengths, l).PaddingMask();
        foreach (PreNormTransformerLayer layer in Layers)
        {
            x = layer.Forward(x, padding);                                                   // (B, L, H)
        }
        return MaskedMeanPooling.Forward(x, lengths);                                        // (B, H)
    }

    /// <summary>
    /// <see cref="Forward"/> in ONNX: <paramref name="behaviors"/> <c>(B, L, D)</c> the looked-up vectors of <paramref name="column"/>
    /// (<paramref name="maxLength"/> positions, left-aligned), its <c>&lt;column&gt;.Length</c> input the lengths → <c>(B, H)</c>.
    /// </summary>
    public string ExportOnnx(OnnxGraph g, string behaviors, string column, int maxLength, string name)
    {
        string valid = g.ValidKeys(column, maxLength);                                                                          // (B, L) bool
        string lengths = g.Unsqueeze(g.Input(column + OnnxExporter.LengthSuffix, Serving.Onnx.Proto.TensorProto.Types.DataType.Int64, OnnxGraph.Batch), 1);   // (B, 1)
        string positions = g.Constant("positions", [.. Enumerable.Range(0, maxLength).Select(t => (long)t)], 1, maxLength);   // (1, L)
        string stepsBack = g.Node("Where", [valid, g.Sub(lengths, positions), g.Constant("padding_id", [0L])]);               // (B, L): n − t, 0 at padding
        string x = g.Add(_projection is null ? behaviors : g.LinearLastAxis(_projection, behaviors, $"{name}.projection"),
            g.Gather(g.Parameter(_recency.Weight, $"{name}.recency.weight"), stepsBack));                                       // (B, L, H)
        for (int i = 0; i < Layers.Count; i++)
        {
            x = g.PreNormTransformerLayer(Layers[i], x, valid, $"{name}.layers.{i}");                                           // (B, L, H)
        }
        return g.MeanOverValid(x, valid, column);                                                                               // (B, H)
    }
}
