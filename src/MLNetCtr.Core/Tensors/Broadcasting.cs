using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

/// <summary>y = f(a, b) on spans of equal length.</summary>
internal delegate void SpanSpanKernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y);

/// <summary>y = f(a, b) with b constant.</summary>
internal delegate void SpanScalarKernel(ReadOnlySpan<float> a, float b, Span<float> y);

/// <summary>y = f(a, b) with a constant.</summary>
internal delegate void ScalarSpanKernel(float a, ReadOnlySpan<float> b, Span<float> y);

/// <summary>An element-wise binary function in the three forms a broadcast inner run can take.</summary>
internal sealed record BinaryKernel(SpanSpanKernel SpanSpan, SpanScalarKernel SpanScalar, ScalarSpanKernel ScalarSpan)
{
    public static readonly BinaryKernel Add = new(TensorPrimitives.Add, TensorPrimitives.Add, (a, b, y) => TensorPrimitives.Add(b, a, y));
    public static readonly BinaryKernel Subtract = new(TensorPrimitives.Subtract, TensorPrimitives.Subtract, TensorPrimitives.Subtract);
    public static readonly BinaryKernel Multiply = new(TensorPrimitives.Multiply, TensorPrimitives.Multiply, (a, b, y) => TensorPrimitives.Multiply(b, a, y));
    public static readonly BinaryKernel Divide = new(TensorPrimitives.Divide, TensorPrimitives.Divide, TensorPrimitives.Divide);
}

/// <summary>
/// NumPy broadcasting: shapes align from the right; a dimension of size 1 (or a missing one) repeats.
/// Loops are planned over coalesced dimensions, so the innermost run is as long as possible and each operand is
/// either contiguous (stride 1) or constant (stride 0) along it.
/// </summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of <paramref name="a"/> and <paramref name="b"/>, or an error naming both.</summary>
    public static int[] Shape(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var shape = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException($"Shapes {Tensor.ShapeString(a)} and {Tensor.ShapeString(b)} cannot be broadcast together (dimension {i}: {da} vs {db}).");
            }
            shape[i] = da == 1 ? db : da;
        }
        return shape;
    }

    /// <summary>y = f(a, b) with broadcasting; y has the broadcast shape <paramref name="yShape"/>.</summary>
    public static void Apply(float[] a, int[] aShape, float[] b, int[] bShape, float[] y, int[] yShape, BinaryKernel f)
    {
        if (a.Length == y.Length && b.Length == y.Length)
        {
            f.SpanSpan(a, b, y);
            return;
        }
        var plan = new Plan(yShape, aShape, bShape);
        for (int outer = 0; outer < plan.OuterCount; outer++)
        {
            (int offA, int offB) = plan.Offsets(outer);
            Span<float> run = y.AsSpan(outer * plan.Inner, plan.Inner);
            switch (plan.InnerStrideA, plan.InnerStrideB)
            {
                case (1, 1): f.SpanSpan(a.AsSpan(offA, plan.Inner), b.AsSpan(offB, plan.Inner), run); break;
                case (1, 0): f.SpanScalar(a.AsSpan(offA, plan.Inner), b[offB], run); break;
                case (0, 1): f.ScalarSpan(a[offA], b.AsSpan(offB, plan.Inner), run); break;
                default: f.SpanScalar([a[offA]], b[offB], run); break;   // only when the run has length 1
            }
        }
    }

    /// <summary>
    /// The backward of broadcasting: <c>dst += src</c> summed over every dimension in which <paramref name="dstShape"/>
    /// was repeated to make <paramref name="srcShape"/>.
    /// </summary>
    public static void AccumulateReduced(ReadOnlySpan<float> src, int[] srcShape, float[] dst, int[] dstShape)
    {
        if (src.Length == dst.Length)
        {
            TensorPrimitives.Add(dst, src, dst);
            return;
        }
        var plan = new Plan(srcShape, dstShape, dstShape);
        for (int outer = 0; outer < plan.OuterCount; outer++)
        {
            int off = plan.Offsets(outer).A;
            ReadOnlySpan<float> run = src.Slice(outer * plan.Inner, plan.Inner);
            if (plan.InnerStrideA == 1)
            {
                Span<float> d = dst.AsSpan(off, plan.Inner);
                TensorPrimitives.Add(d, run, d);
            }
            else
            {
                dst[off] += TensorPrimitives.Sum(run);
            }
        }
    }

    /// <summary>Loop plan over the output's coalesced dimensions: an outer index space and one inner run.</summary>
    private readonly struct Plan
    {
        private readonly int[] _outerShape;
        private readonly int[] _outerStrideA;
        private readonly int[] _outerStrideB;

        public Plan(int[] outShape, int[] aShape, int[] bShape)
        {
            // Right-aligned strides of each operand in the output's index space; 0 where it is broadcast.
            int rank = outShape.Length;
            int[] sa = AlignedStrides(aShape, outShape), sb = AlignedStrides(bShape, outShape);
            var shape = new List<int>(rank);
            var strideA = new List<int>(rank);
            var strideB = new List<int>(rank);
            for (int i = 0; i < rank; i++)
            {
                if (outShape[i] == 1)
                {
                    continue;
                }
                int last = shape.Count - 1;
                // Merge with the previous dimension when both operands step through the pair as through one dimension.
                if (last >= 0 && strideA[last] == sa[i] * outShape[i] && strideB[last] == sb[i] * outShape[i])
                {
                    shape[last] *= outShape[i];
                    strideA[last] = sa[i];
                    strideB[last] = sb[i];
                }
                else
                {
                    shape.Add(outShape[i]);
                    strideA.Add(sa[i]);
                    strideB.Add(sb[i]);
                }
            }
            if (shape.Count == 0)
            {
                shape.Add(1);
                strideA.Add(0);
                strideB.Add(0);
            }
            int n = shape.Count - 1;
            Inner = shape[n];
            InnerStrideA = strideA[n];
            InnerStrideB = strideB[n];
            _outerShape = shape.GetRange(0, n).ToArray();
            _outerStrideA = strideA.GetRange(0, n).ToArray();
            _outerStrideB = strideB.GetRange(0, n).ToArray();
            OuterCount = Tensor.ShapeSize(_outerShape);
        }

        public int Inner { get; }

        public int InnerStrideA { get; }

        public int InnerStrideB { get; }

        public int OuterCount { get; }

        /// <summary>Offsets into a and b of the start of outer run <paramref name="outer"/>.</summary>
        public (int A, int B) Offsets(int outer)
        {
            int offA = 0, offB = 0;
            for (int d = _outerShape.Length - 1; d >= 0; d--)
            {
                int i = outer % _outerShape[d];
                outer /= _outerShape[d];
                offA += i * _outerStrideA[d];
                offB += i * _outerStrideB[d];
            }
            return (offA, offB);
        }

        private static int[] AlignedStrides(int[] shape, int[] outShape)
        {
            var strides = new int[outShape.Length];
            int stride = 1;
            for (int i = outShape.Length - 1, j = shape.Length - 1; i >= 0; i--, j--)
            {
                int d = j >= 0 ? shape[j] : 1;
                strides[i] = d == 1 ? 0 : stride;
                stride *= d;
            }
            return strides;
        }
    }
}
