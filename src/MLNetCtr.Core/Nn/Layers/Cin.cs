using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// The Compressed Interaction Network of xDeepFM (Lian et al., 2018, "xDeepFM: Combining Explicit and Implicit Feature
/// Interactions for Recommender Systems", arXiv 1803.05170). From the field embeddings <c>X⁰ (m, D)</c>, layer k builds
/// H_k feature maps
/// <code>
///   X^k[h, :] = Σ_{i &lt; H_{k−1}} Σ_{j &lt; m} W^k[h, i·m + j] · (X^{k−1}[i, :] ⊙ X⁰[j, :])
/// </code>
/// (a 1×1 convolution over the outer products, without bias or activation, as in the paper) and sum-pools each map over D: <c>p^k[h] = Σ_d X^k[h, d]</c>.
/// Every layer's maps feed both the next layer and the output (no split-half), as in FuxiCTR.
/// </summary>
/// <remarks>
/// Shapes: input <c>(B, m, D)</c>; <see cref="FeatureMaps"/> <c>(B, ΣH_k, D)</c>; <see cref="Forward"/> <c>(B, ΣH_k)</c>.
/// Parameter names <c>layers.{k}.weight</c> <c>(H_k, H_{k−1}·m)</c>: torch's
/// <c>Conv1d(H_{k−1}·m, H_k, kernel_size=1, bias=False)</c> weight without its last axis. Internally maps are kept as
/// <c>(B, D, H)</c>, so each layer is one <c>(B·D, H_{k−1}·m) × (H_{k−1}·m, H_k)</c> product.
/// </remarks>
public sealed class Cin : Module
{
    private readonly ModuleList<Linear> _layers;

    /// <summary>Creates the network and initializes it from <paramref name="random"/>.</summary>
    /// <param name="fields">m, the number of input fields.</param>
    /// <param name="layerSizes">H_1 … H_K, the number of feature maps of each layer (at least one layer).</param>
    /// <param name="random">Source of the initial weights.</param>
    public Cin(int fields, IReadOnlyList<int> layerSizes, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fields);
        ArgumentNullException.ThrowIfNull(layerSizes);
        ArgumentNullException.ThrowIfNull(random);
        if (layerSizes.Count == 0)
        {
            throw new ArgumentException("A CIN needs at least one layer size.", nameof(layerSizes));
        }
        Fields = fields;
        _layers = Register("layers", new ModuleList<Linear>());
        int previous = fields;
        foreach (int size in layerSizes)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, nameof(layerSizes));
            _layers.Add(new Linear(previous * fields, size, random, bias: false));
            previous = size;
        }
        OutFeatures = layerSizes.Sum();
    }

    /// <summary>The 1×1 convolutions of the layers, <c>(H_k, H_{k−1}·m)</c> each.</summary>
    internal IReadOnlyList<Linear> Layers => _layers;

    /// <summary>m, the number of input fields.</summary>
    public int Fields { get; }

    /// <summary>ΣH_k, the number of feature maps over all layers (the width of <see cref="Forward"/>).</summary>
    public int OutFeatures { get; }

    /// <summary>The sum-pooled feature maps of every layer, concatenated: <c>(B, m, D)</c> → <c>(B, ΣH_k)</c>.</summary>
    public Tensor Forward(Tensor x0) => MapsByDimension(x0).Sum(1);           // (B, D, ΣH) → (B, ΣH)

    /// <summary>The feature maps of every layer, concatenated: <c>(B, m, D)</c> → <c>(B, ΣH_k, D)</c>.</summary>
    public Tensor FeatureMaps(Tensor x0) => MapsByDimension(x0).Transpose(1, 2);   // (B, ΣH, D)

    /// <summary>The feature maps laid out by dimension: <c>(B, m, D)</c> → <c>(B, D, ΣH_k)</c>.</summary>
    public Tensor MapsByDimension(Tensor x0)
    {
        ArgumentNullException.ThrowIfNull(x0);
        if (x0.Rank != 3 || x0.Dim(1) != Fields)
        {
            throw new ArgumentException($"Cin({Fields} fields) needs input (B, {Fields}, D), got {Tensor.ShapeString(x0.Shape)}.", nameof(x0));
        }
        int batch = x0.Dim(0), dimension = x0.Dim(2);
        Tensor x0ByDimension = x0.Transpose(1, 2).Reshape(batch * dimension, Fields);   // X⁰ by dimension: (B·D, m)
        Tensor x = x0ByDimension;                                                        // X⁰ as X^{k−1} for k = 1
        var maps = new Tensor[_layers.Count];
        for (int k = 0; k < _layers.Count; k++)
        {
            Tensor outer = Ops.Outer(x, x0ByDimension);                      // X^{k−1}[i] ⊙ X⁰[j]: (B·D, H_{k−1}·m), index i·m + j
            x = _layers[k].Forward(outer);                                   // X^k by dimension: (B·D, H_k)
            maps[k] = x.Reshape(batch, dimension, -1);                       // (B, D, H_k)
        }
        return maps.Length == 1 ? maps[0] : Ops.Concat(maps, axis: 2);       // (B, D, ΣH)
    }
}
