using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// A lookup table of learned vectors, as torch's <c>nn.Embedding</c>: weight <c>(V, D)</c>; ids of any shape <c>(…)</c>
/// give vectors <c>(…, D)</c>. By default the gradient is sparse: a step updates only the rows it looked up.
/// </summary>
/// <remarks>
/// Initialization is torch's default N(0, 1) unless another standard deviation is given (CTR models usually want a
/// small one, e.g. 1e-4 as FuxiCTR, or 0.01). The padding row, if any, starts at zero and never receives gradient, so
/// it stays zero: padded positions of a sequence contribute nothing to sums over it.
/// </remarks>
public sealed class Embedding : Module
{
    /// <summary>Creates the table and initializes it from <paramref name="random"/>.</summary>
    /// <param name="numEmbeddings">Number of rows V (the vocabulary size).</param>
    /// <param name="dim">Length D of each vector.</param>
    /// <param name="random">Source of the initial weights; a fixed seed gives fixed weights.</param>
    /// <param name="paddingIndex">Row that stays zero and gets no gradient, or null for none. Default: null.</param>
    /// <param name="sparse">Whether the gradient is sparse (touched rows only, lazy optimizer updates). Default: true.</param>
    /// <param name="standardDeviation">Standard deviation σ of the N(0, σ²) initialization. Default: 1, as torch.</param>
    public Embedding(int numEmbeddings, int dim, Random random, int? paddingIndex = null, bool sparse = true, float standardDeviation = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numEmbeddings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        ArgumentNullException.ThrowIfNull(random);
        if (paddingIndex is { } padding && (padding < 0 || padding >= numEmbeddings))
        {
            throw new ArgumentOutOfRangeException(nameof(paddingIndex), padding, $"The padding index must be a row of the table, in [0, {numEmbeddings}).");
        }
        NumEmbeddings = numEmbeddings;
        Dim = dim;
        PaddingIndex = paddingIndex;
        Weight = RegisterParameter("weight", Tensor.Parameter(new float[numEmbeddings * dim], [numEmbeddings, dim], sparseGradient: sparse));
        Init.Normal(Weight, standardDeviation, random);
        if (paddingIndex is { } row)
        {
            Array.Clear(Weight.Data, row * dim, dim);
        }
    }

    /// <summary>Number of rows V.</summary>
    public int NumEmbeddings { get; }

    /// <summary>Length D of each vector.</summary>
    public int Dim { get; }

    /// <summary>The row that stays zero and receives no gradient, or null.</summary>
    public int? PaddingIndex { get; }

    /// <summary>The table, shape (V, D).</summary>
    public Tensor Weight { get; }

    /// <summary>Looks up <paramref name="ids"/> (row-major, of shape <paramref name="idsShape"/>); returns <c>(idsShape…, D)</c>.</summary>
    /// <remarks>The backward reads <paramref name="ids"/> again: do not overwrite it before <see cref="Tensor.Backward()"/>.</remarks>
    public Tensor Forward(int[] ids, int[] idsShape) => Ops.Embedding(Weight, ids, idsShape, PaddingIndex);
}
