using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>Reorders the axes: output axis i is input axis <c>axes[i]</c>; (B, L, D).Permute(0, 2, 1) is (B, D, L). Copies.</summary>
    public static Tensor Permute(Tensor x, params int[] axes)
    {
        int[] perm = CheckedPermutation(x, axes);
        int rank = x.Rank;
        var strides = new int[rank];            // row-major strides of x
        for (int d = rank - 1, stride = 1; d >= 0; stride *= x.ShapeArray[d], d--)
        {
            strides[d] = stride;
        }
        int[] shape = [.. perm.Select(p => x.ShapeArray[p])];
        int[] sourceStrides = [.. perm.Select(p => strides[p])];   // x's offset step per step of output axis i
        Tensor y = Tensor.ResultOfOverwritten(shape, x);   // a bijection: every element is written
        int inner = rank == 0 ? 1 : shape[^1], step = rank == 0 ? 1 : sourceStrides[^1];
        int outerCount = inner == 0 ? 0 : y.Size / inner;
        for (int outer = 0; outer < outerCount; outer++)
        {
            int src = StridedOffset(outer, shape, sourceStrides);
            Span<float> run = y.Data.AsSpan(outer * inner, inner);
            if (step == 1)
            {
                x.Data.AsSpan(src, inner).CopyTo(run);   // last axis kept, e.g. (B, L, H, Dh) -> (B, H, L, Dh)
                continue;
            }
            for (int j = 0; j < inner; j++)
            {
                run[j] = x.Data[src + j * step];
            }
        }

        // The permutation is a bijection, so the backward is the same walk with += in the other direction.
        y.SetBackward(() =>
        {
            float[] dx = x.GradOrZeros(), dy = y.Grad!;
            for (int outer = 0; outer < outerCount; outer++)
            {
                int src = StridedOffset(outer, shape, sourceStrides);
                if (step == 1)
                {
                    TensorPrimitives.Add(dx.AsSpan(src, inner), dy.AsSpan(outer * inner, inner), dx.AsSpan(src, inner));
                    continue;
                }
                for (int j = 0; j < inner; j++)
                {
                    dx[src + j * step] += dy[outer * inner + j];
                }
            }
        });
        return y;
    }

    /// <summary>Swaps two axes: (B, L, D).Transpose(1, 2) is (B, D, L). Copies.</summary>
    public static Tensor Transpose(Tensor x, int axis0, int axis1)
    {
        int a0 = x.NormalizeAxis(axis0), a1 = x.NormalizeAxis(axis1);
        int[] perm = [.. Enumerable.Range(0, x.Rank)];
        (perm[a0], perm[a1]) = (a1, a0);
        return Permute(x, perm);
    }

    private static int[] CheckedPermutation(Tensor x, int[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        int[] perm = axes.Length == x.Rank ? [.. axes.Select(a => a < 0 ? a + x.Rank : a)] : [];
        if (axes.Length != x.Rank || perm.Any(a => a < 0 || a >= x.Rank) || perm.Distinct().Count() != x.Rank)
        {
            throw new ArgumentException($"Axes [{string.Join(", ", axes)}] are not a permutation of the {x.Rank} axes of shape {Tensor.ShapeString(x.Shape)}.", nameof(axes));
        }
        return perm;
    }
}
