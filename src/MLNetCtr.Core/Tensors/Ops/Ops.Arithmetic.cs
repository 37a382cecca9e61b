using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

/// <summary>Differentiable tensor operations. Each primitive keeps its forward and backward side by side.</summary>
public static partial class Ops
{
    /// <summary><c>y = a + b</c> with broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        Tensor y = Binary(a, b, BinaryKernel.Add);
        y.SetBackward(() =>
        {
            AccumulateIfNeeded(a, y.Grad!, y);   // da += dy
            AccumulateIfNeeded(b, y.Grad!, y);   // db += dy
        });
        return y;
    }

    /// <summary><c>y = a − b</c> with broadcasting.</summary>
    public static Tensor Sub(Tensor a, Tensor b)
    {
        Tensor y = Binary(a, b, BinaryKernel.Subtract);
        y.SetBackward(() =>
        {
            AccumulateIfNeeded(a, y.Grad!, y);   // da += dy
            if (b.RequiresGrad)
            {
                float[] negated = Temporary(y.Size);   // db -= dy
                TensorPrimitives.Negate(y.Grad!, negated);
                Broadcasting.AccumulateReduced(negated, y.ShapeArray, b.GradOrZeros(), b.ShapeArray);
            }
        });
        return y;
    }

    /// <summary><c>y = a ⊙ b</c> (element-wise) with broadcasting.</summary>
    public static Tensor Mul(Tensor a, Tensor b)
    {
        Tensor y = Binary(a, b, BinaryKernel.Multiply);
        y.SetBackward(() =>
        {
            AccumulateProduct(a, y, b, BinaryKernel.Multiply);   // da += dy ⊙ b
            AccumulateProduct(b, y, a, BinaryKernel.Multiply);   // db += dy ⊙ a
        });
        return y;
    }

    /// <summary><c>y = a / b</c> (element-wise) with broadcasting.</summary>
    public static Tensor Div(Tensor a, Tensor b)
    {
        Tensor y = Binary(a, b, BinaryKernel.Divide);
        y.SetBackward(() =>
        {
            AccumulateProduct(a, y, b, BinaryKernel.Divide);   // da += dy / b
            if (b.RequiresGrad)
            {
                // db += −dy ⊙ a / b² = −(dy ⊙ y) / b
                float[] t = Temporary(y.Size);
                TensorPrimitives.Multiply(y.Grad!, y.Data, t);
                TensorPrimitives.Negate(t, t);
                Broadcasting.Apply(t, y.ShapeArray, b.Data, b.ShapeArray, t, y.ShapeArray, BinaryKernel.Divide);
                Broadcasting.AccumulateReduced(t, y.ShapeArray, b.GradOrZeros(), b.ShapeArray);
            }
        });
        return y;
    }

    /// <summary><c>y = x + c</c> for a constant c.</summary>
    public static Tensor AddScalar(Tensor x, float c)
    {
        Tensor y = Tensor.ResultOfOverwritten(x.ShapeArray, x);
        TensorPrimitives.Add(x.Data, c, y.Data);
        y.SetBackward(() => TensorPrimitives.Add(x.GradOrZeros(), y.Grad!, x.Grad!));
        return y;
    }

    /// <summary><c>y = c · x</c> for a constant c.</summary>
    public static Tensor MulScalar(Tensor x, float c)
    {
        Tensor y = Tensor.ResultOfOverwritten(x.ShapeArray, x);
        TensorPrimitives.Multiply(x.Data, c, y.Data);
        y.SetBackward(() => TensorPrimitives.MultiplyAdd(y.Grad!, c, x.GradOrZeros(), x.Grad!));   // dx += c · dy
        return y;
    }

    private static Tensor Binary(Tensor a, Tensor b, BinaryKernel f)
    {
        Tensor y = Tensor.ResultOfOverwritten(Broadcasting.Shape(a.ShapeArray, b.ShapeArray), a, b);   // Apply writes every run of y
        Broadcasting.Apply(a.Data, a.ShapeArray, b.Data, b.ShapeArray, y.Data, y.ShapeArray, f);
        return y;
    }

    /// <summary>x.grad += (dy reduced to x's shape), if x requires grad.</summary>
    private static void AccumulateIfNeeded(Tensor x, float[] dy, Tensor y)
    {
        if (x.RequiresGrad)
        {
            Broadcasting.AccumulateReduced(dy, y.ShapeArray, x.GradOrZeros(), x.ShapeArray);
        }
    }

    /// <summary>x.grad += reduce(f(dy, other)), if x requires grad.</summary>
    private static void AccumulateProduct(Tensor x, Tensor y, Tensor other, BinaryKernel f)
    {
        if (x.RequiresGrad)
        {
            float[] t = Temporary(y.Size);
            Broadcasting.Apply(y.Grad!, y.ShapeArray, other.Data, other.ShapeArray, t, y.ShapeArray, f);
            Broadcasting.AccumulateReduced(t, y.ShapeArray, x.GradOrZeros(), x.ShapeArray);
        }
    }

    /// <summary>A zero-filled scratch buffer that lives as long as the current <see cref="TensorScope"/> (or the GC's say).</summary>
    internal static float[] Temporary(int length) => TensorScope.Allocate(length, out _);
}
