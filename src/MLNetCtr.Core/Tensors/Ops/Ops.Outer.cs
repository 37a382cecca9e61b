using System.Numerics.Tensors;
using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Row-wise outer product, flattened: for x <c>(…, I)</c> and y <c>(…, J)</c> with the same leading dimensions,
    /// <c>z[r, i·J + j] = x[r, i] · y[r, j]</c>, shape <c>(…, I·J)</c>. CIN's <c>X^{k−1} ⊗ X⁰</c> per embedding dimension.
    /// </summary>
    /// <remarks>
    /// NOTE: fused because the broadcast product <c>x[…, :, None] * y[…, None, :]</c> is the whole cost of a CIN layer when
    /// composed: a strided broadcast forward and two broadcast reductions backward over the largest tensor of the model.
    /// </remarks>
    public static Tensor Outer(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank < 1 || x.Rank != y.Rank || !x.Shape[..^1].SequenceEqual(y.Shape[..^1]))
        {
            throw new ArgumentException($"Outer needs (…, I) and (…, J) with equal leading dimensions, got {Tensor.ShapeString(x.Shape)} and {Tensor.ShapeString(y.Shape)}.");
        }
        int i = x.Dim(-1), j = y.Dim(-1), rows = i == 0 ? 0 : x.Size / i;
        Tensor z = Tensor.ResultOf([.. x.ShapeArray[..^1], i * j], x, y);
        float[] xs = x.Data, ys = y.Data, zs = z.Data;
        ParallelRows.For(rows, i * j, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                ReadOnlySpan<float> yRow = ys.AsSpan(r * j, j);
                for (int a = 0; a < i; a++)
                {
                    TensorPrimitives.Multiply(yRow, xs[r * i + a], zs.AsSpan((r * i + a) * j, j));   // z[r, a, :] = x[r, a] · y[r, :]
                }
            }
        });

        // dx[r, a] += Σ_b dz[r, a, b] · y[r, b];   dy[r, :] += Σ_a dz[r, a, :] · x[r, a].
        z.SetBackward(() =>
        {
            float[] dz = z.Grad!, dx = x.RequiresGrad ? x.GradOrZeros() : [], dy = y.RequiresGrad ? y.GradOrZeros() : [];
            ParallelRows.For(rows, 2 * i * j, (start, end) =>
            {
                for (int r = start; r < end; r++)
                {
                    for (int a = 0; a < i; a++)
                    {
                        ReadOnlySpan<float> dzRow = dz.AsSpan((r * i + a) * j, j);
                        if (dx.Length > 0)
                        {
                            dx[r * i + a] += TensorPrimitives.Dot(dzRow, ys.AsSpan(r * j, j));
                        }
                        if (dy.Length > 0)
                        {
                            Span<float> dyRow = dy.AsSpan(r * j, j);
                            TensorPrimitives.MultiplyAdd(dzRow, xs[r * i + a], dyRow, dyRow);
                        }
                    }
                }
            });
        });
        return z;
    }
}
