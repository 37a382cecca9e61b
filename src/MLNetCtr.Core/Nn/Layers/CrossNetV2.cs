using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>The form of the weight matrix W of each <see cref="CrossNetV2"/> layer.</summary>
public enum CrossRank
{
    /// <summary>W is a full <c>(in, in)</c> matrix.</summary>
    Full,

    /// <summary>W = U V with U <c>(in, r)</c> and V <c>(r, in)</c>: fewer parameters and FLOPs when r ≪ in.</summary>
    Low,
}

/// <summary>
/// The cross network of DCN-V2 (Wang et al., 2021, "DCN V2: Improved Deep &amp; Cross Network", arXiv 2008.13535):
/// <c>x_{l+1} = x_0 ⊙ (W_l x_l + b_l) + x_l</c> for l = 0 … L−1, with W_l full-rank or low-rank (<c>W_l = U_l V_l</c>).
/// Input and output <c>(B, in)</c>.
/// </summary>
/// <remarks>
/// Parameter names: full rank, <c>layers.{l}.up.weight</c> <c>(in, in)</c> and <c>layers.{l}.up.bias</c>; low rank,
/// <c>layers.{l}.down.weight</c> (V, <c>(r, in)</c>), <c>layers.{l}.up.weight</c> (U, <c>(in, r)</c>) and
/// <c>layers.{l}.up.bias</c>. Weights use torch's default Linear initialization.
/// </remarks>
public sealed class CrossNetV2 : Module
{
    private readonly ModuleList<CrossLayer> _layers;

    /// <summary>Creates <paramref name="layerCount"/> cross layers and initializes them from <paramref name="random"/>.</summary>
    /// <param name="inFeatures">Width of x_0 (and of every x_l).</param>
    /// <param name="layerCount">Number of cross layers L (at least 1).</param>
    /// <param name="random">Source of the initial weights.</param>
    /// <param name="rank">Full-rank or low-rank W. Default: <see cref="CrossRank.Full"/>.</param>
    /// <param name="lowRank">r, the inner dimension of a low-rank W (ignored for full rank). Default: 32.</param>
    public CrossNetV2(int inFeatures, int layerCount, Random random, CrossRank rank = CrossRank.Full, int lowRank = 32)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layerCount);
        ArgumentNullException.ThrowIfNull(random);
        if (!Enum.IsDefined(rank))
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"Unknown cross rank {(int)rank}.");
        }
        if (rank == CrossRank.Low)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lowRank);
        }
        InFeatures = inFeatures;
        _layers = Register("layers", new ModuleList<CrossLayer>());
        for (int l = 0; l < layerCount; l++)
        {
            _layers.Add(new CrossLayer(inFeatures, rank == CrossRank.Low ? lowRank : null, random));
        }
    }

    /// <summary>The cross layers, first to last.</summary>
    internal IReadOnlyList<CrossLayer> Layers => _layers;

    /// <summary>Width of the input and of the output.</summary>
    public int InFeatures { get; }

    /// <summary>Runs every cross layer on <paramref name="x0"/> <c>(B, in)</c>; returns x_L <c>(B, in)</c>.</summary>
    public Tensor Forward(Tensor x0)
    {
        ArgumentNullException.ThrowIfNull(x0);
        if (x0.Rank != 2 || x0.Dim(1) != InFeatures)
        {
            throw new ArgumentException($"CrossNetV2({InFeatures}) needs input (B, {InFeatures}), got {Tensor.ShapeString(x0.Shape)}.", nameof(x0));
        }
        Tensor x = x0;
        foreach (CrossLayer layer in _layers)
        {
            x = layer.Forward(x0, x);   // (B, in)
        }
        return x;
    }
}

/// <summary>One layer of <see cref="CrossNetV2"/>: <c>x_0 ⊙ (U (V x) + b) + x</c>, or <c>x_0 ⊙ (W x + b) + x</c> at full rank.</summary>
internal sealed class CrossLayer : Module
{
    private readonly Linear? _down;   // V: (B, in) → (B, r); null at full rank
    private readonly Linear _up;      // U (or W) and b: → (B, in)

    public CrossLayer(int inFeatures, int? lowRank, Random random)
    {
        if (lowRank is { } r)
        {
            _down = Register("down", new Linear(inFeatures, r, random, bias: false));
            _up = Register("up", new Linear(r, inFeatures, random));
        }
        else
        {
            _up = Register("up", new Linear(inFeatures, inFeatures, random));
        }
    }

    /// <summary>V, the low-rank down projection; null at full rank.</summary>
    public Linear? Down => _down;

    /// <summary>U (or W) and b.</summary>
    public Linear Up => _up;

    public Tensor Forward(Tensor x0, Tensor x)
    {
        Tensor projected = _up.Forward(_down is null ? x : _down.Forward(x));   // W x + b: (B, in)
        return x0 * projected + x;                                               // (B, in)
    }
}
