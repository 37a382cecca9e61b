using System.Diagnostics;
using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>How DCN-V2 combines its cross network and its deep network (Wang et al., 2021, Fig. 1).</summary>
public enum DcnV2Structure
{
    /// <summary>Cross network only: <c>cross(x_0)</c>.</summary>
    CrossOnly,

    /// <summary>The deep network on the cross network's output: <c>deep(cross(x_0))</c>.</summary>
    Stacked,

    /// <summary>Cross and deep networks side by side on x_0, outputs concatenated: <c>[cross(x_0), deep(x_0)]</c>.</summary>
    Parallel,
}

/// <summary>
/// The body of DCN-V2 (Wang et al., 2021, arXiv 2008.13535): a <see cref="CrossNetV2"/> and an <see cref="Mlp"/>
/// combined by a <see cref="DcnV2Structure"/>, without the final projection (callers add their own: one logit per task
/// in the DCN-V2 ranking model, a tower vector in the two-tower model).
/// </summary>
/// <remarks>
/// Input <c>(B, in)</c>; output <c>(B, out)</c> with out = in (cross only), H (stacked) or in + H (parallel), H the last
/// hidden size. Parameter names <c>cross.…</c> and <c>deep.…</c> as in the two layers.
/// </remarks>
public sealed class DeepCrossNetwork : Module
{
    private readonly DcnV2Structure _structure;
    private readonly CrossNetV2 _cross;   // (B, in) → (B, in)
    private readonly Mlp? _deep;          // (B, in) → (B, H); null for cross only

    /// <summary>Creates the network and initializes it from <paramref name="random"/>.</summary>
    /// <param name="inFeatures">Width of x_0.</param>
    /// <param name="structure">How the two networks combine.</param>
    /// <param name="crossLayers">Number of cross layers.</param>
    /// <param name="hiddenSizes">The deep network's hidden sizes (ignored for <see cref="DcnV2Structure.CrossOnly"/>).</param>
    /// <param name="random">Source of the initial weights and dropout masks.</param>
    /// <param name="rank">Full-rank or low-rank cross weights. Default: <see cref="CrossRank.Full"/>.</param>
    /// <param name="lowRank">r of low-rank cross weights. Default: 32.</param>
    /// <param name="activation">The deep network's activation. Default: <see cref="Activation.Relu"/>.</param>
    /// <param name="dropout">The deep network's dropout probability. Default: 0.</param>
    /// <param name="batchNorm">Whether the deep network uses batch norm. Default: false.</param>
    public DeepCrossNetwork(int inFeatures, DcnV2Structure structure, int crossLayers, IReadOnlyList<int> hiddenSizes, Random random,
        CrossRank rank = CrossRank.Full, int lowRank = 32, Activation activation = Activation.Relu, float dropout = 0f, bool batchNorm = false)
    {
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        if (!Enum.IsDefined(structure))
        {
            throw new ArgumentOutOfRangeException(nameof(structure), structure, $"Unknown DCN-V2 structure {(int)structure}.");
        }
        _structure = structure;
        _cross = Register("cross", new CrossNetV2(inFeatures, crossLayers, random, rank, lowRank));
        if (structure != DcnV2Structure.CrossOnly)
        {
            if (hiddenSizes.Count == 0)
            {
                throw new ArgumentException($"The {structure} DCN-V2 structure needs at least one hidden size.", nameof(hiddenSizes));
            }
            _deep = Register("deep", new Mlp(inFeatures, hiddenSizes, random, activation, dropout, batchNorm));
        }
        OutFeatures = structure switch
        {
            DcnV2Structure.CrossOnly => inFeatures,
            DcnV2Structure.Stacked => _deep!.OutFeatures,
            DcnV2Structure.Parallel => inFeatures + _deep!.OutFeatures,
            _ => throw new UnreachableException(),
        };
    }

    /// <summary>How the two networks combine.</summary>
    internal DcnV2Structure Structure => _structure;

    /// <summary>The cross network.</summary>
    internal CrossNetV2 Cross => _cross;

    /// <summary>The deep network; null for cross only.</summary>
    internal Mlp? Deep => _deep;

    /// <summary>Width of the output.</summary>
    public int OutFeatures { get; }

    /// <summary>Runs the network on <paramref name="x0"/> <c>(B, in)</c>; returns <c>(B, out)</c>.</summary>
    public Tensor Forward(Tensor x0) => _structure switch
    {
        DcnV2Structure.CrossOnly => _cross.Forward(x0),                                           // (B, in)
        DcnV2Structure.Stacked => _deep!.Forward(_cross.Forward(x0)),                             // (B, H)
        DcnV2Structure.Parallel => Ops.Concat([_cross.Forward(x0), _deep!.Forward(x0)], axis: 1),   // (B, in + H)
        _ => throw new UnreachableException(),
    };
}
