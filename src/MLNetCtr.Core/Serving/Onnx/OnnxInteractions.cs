using MLNetCtr.Models;
using MLNetCtr.Nn;

namespace MLNetCtr.Serving.Onnx;

/// <summary>
/// ONNX emitters of the feature-interaction layers (first-order term, FM, FFM, DCN-V2 cross network, CIN), each
/// computing what the layer's <c>Forward</c> computes, in the same operation order.
/// </summary>
internal static class OnnxInteractions
{
    /// <summary><see cref="FirstOrderTerm"/>: <c>b + Σ_f w[x_f]</c> → <c>(B, T)</c>.</summary>
    public static string FirstOrder(this OnnxGraph g, FirstOrderTerm term, string name) =>
        g.Add(g.ReduceSum(g.Embed(term.Weights, $"{name}.weights"), axis: 1), g.Parameter(term.Bias, $"{name}.bias"));   // (B, F, T) → (B, T)

    /// <summary><see cref="FieldAwareEmbedding"/>: every field's partner vectors, <c>(B, F, P, D)</c>.</summary>
    public static string EmbedFieldAware(this OnnxGraph g, FieldAwareEmbedding embedding, string name) =>
        g.Reshape(g.Embed(embedding.Embedding, name), 0, embedding.Fields.Count, embedding.Partners, embedding.Dimension);   // (B, F, P·D) → (B, F, P, D)

    /// <summary><see cref="FmInteraction.PairwisePerDimension"/>: <c>½ [(Σ_f e)² − Σ_f e²]</c>, <c>(B, F, D)</c> → <c>(B, D)</c>.</summary>
    public static string FmPairwisePerDimension(this OnnxGraph g, string embeddings)
    {
        string sum = g.ReduceSum(embeddings, axis: 1);                                   // (B, D)
        string sumOfSquares = g.ReduceSum(g.Mul(embeddings, embeddings), axis: 1);       // (B, D)
        return g.Scale(g.Sub(g.Mul(sum, sum), sumOfSquares), 0.5f);                      // (B, D)
    }

    /// <summary><see cref="FmInteraction.Pairwise"/>: <c>(B, F, D)</c> → <c>(B, 1)</c>.</summary>
    public static string FmPairwise(this OnnxGraph g, string embeddings) =>
        g.ReduceSum(g.FmPairwisePerDimension(embeddings), axis: 1, keepDims: true);      // (B, 1)

    /// <summary><see cref="FfmInteraction.Pairwise"/>: <c>Σ_{f&lt;g} ⟨E[f,g], E[g,f]⟩</c>, <c>(B, F, F, D)</c> → <c>(B, 1)</c>.</summary>
    public static string FfmPairwise(this OnnxGraph g, string fieldAware, int fields)
    {
        var mask = new float[fields * fields];
        for (int f = 0; f < fields; f++)
        {
            for (int h = f + 1; h < fields; h++)
            {
                mask[f * fields + h] = 1f;
            }
        }
        string products = g.ReduceSum(g.Mul(fieldAware, g.Transpose(fieldAware, 0, 2, 1, 3)), axis: 3);   // (B, F, F)
        string upper = g.Mul(products, g.Constant("upper_triangle", mask, fields, fields));                // f < g only
        return g.ReduceSum(g.Flatten(upper), axis: 1, keepDims: true);                                     // (B, 1)
    }

    /// <summary>
    /// <see cref="FfmInteraction.AlignWithPartners"/>: <c>(B, F, P, D)</c> → <c>(B, P·F·D)</c>.
    /// </summary>
    public static string FfmAlignWithPartners(this OnnxGraph g, string fieldAware) => g.Flatten(g.Transpose(fieldAware, 0, 2, 1, 3));

    /// <summary><see cref="CrossNetV2"/>: <c>x_{l+1} = x_0 ⊙ (W_l x_l + b_l) + x_l</c> on <c>(B, in)</c>.</summary>
    public static string CrossNet(this OnnxGraph g, CrossNetV2 network, string x0, string name)
    {
        string x = x0;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            CrossLayer layer = network.Layers[l];
            string input = layer.Down is null ? x : g.Linear(layer.Down, x, $"{name}.layers.{l}.down");   // V x: (B, r)
            x = g.Add(g.Mul(x0, g.Linear(layer.Up, input, $"{name}.layers.{l}.up")), x);                  // (B, in)
        }
        return x;
    }

    /// <summary><see cref="DeepCrossNetwork"/>: cross only, stacked or parallel, <c>(B, in)</c> → <c>(B, out)</c>.</summary>
    public static string DeepCross(this OnnxGraph g, DeepCrossNetwork network, string x0, string name) => network.Structure switch
    {
        DcnV2Structure.CrossOnly => g.CrossNet(network.Cross, x0, $"{name}.cross"),                                                   // (B, in)
        DcnV2Structure.Stacked => g.Mlp(network.Deep!, g.CrossNet(network.Cross, x0, $"{name}.cross"), $"{name}.deep"),               // (B, H)
        _ => g.Concat([g.CrossNet(network.Cross, x0, $"{name}.cross"), g.Mlp(network.Deep!, x0, $"{name}.deep")], axis: 1),           // (B, in + H)
    };

    /// <summary><see cref="Cin.MapsByDimension"/>: <c>(B, m, D)</c> → <c>(B, D, ΣH_k)</c>.</summary>
    public static string CinMapsByDimension(this OnnxGraph g, Cin cin, string x0, int dimension, string name)
    {
        string x0ByDimension = g.Reshape(g.Transpose(x0, 0, 2, 1), -1, cin.Fields);             // (B·D, m)
        string x = x0ByDimension;
        var maps = new string[cin.Layers.Count];
        for (int k = 0; k < maps.Length; k++)
        {
            string outer = g.Mul(g.Unsqueeze(x, 2), g.Unsqueeze(x0ByDimension, 1));            // X^{k−1}[i] ⊙ X⁰[j]: (B·D, H_{k−1}, m)
            long width = cin.Layers[k].InFeatures;
            x = g.Linear(cin.Layers[k], g.Reshape(outer, -1, width), $"{name}.layers.{k}");     // (B·D, H_k)
            maps[k] = g.Reshape(x, -1, dimension, cin.Layers[k].OutFeatures);                 // (B, D, H_k)
        }
        return g.Concat(maps, axis: 2);                                                        // (B, D, ΣH)
    }

    /// <summary><see cref="Cin.Forward"/>: sum-pooled maps, <c>(B, m, D)</c> → <c>(B, ΣH_k)</c>.</summary>
    public static string Cin(this OnnxGraph g, Cin cin, string x0, int dimension, string name) =>
        g.ReduceSum(g.CinMapsByDimension(cin, x0, dimension, name), axis: 1);                 // (B, ΣH)
}
