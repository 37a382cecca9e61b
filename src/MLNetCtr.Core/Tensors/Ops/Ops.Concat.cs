using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Joins tensors along <paramref name="axis"/>; all other dimensions must agree: [(B, 2), (B, 3)] on axis 1 is (B, 5).
    /// </summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int axis)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("Concat needs at least one tensor.", nameof(tensors));
        }
        Tensor[] inputs = [.. tensors];
        int a = inputs[0].NormalizeAxis(axis), total = 0;
        foreach (Tensor t in inputs)
        {
            if (t.Rank != inputs[0].Rank || !WithDim(t.ShapeArray, a, 0).AsSpan().SequenceEqual(WithDim(inputs[0].ShapeArray, a, 0)))
            {
                throw new ArgumentException($"Concat along axis {axis}: shapes {Tensor.ShapeString(inputs[0].Shape)} and {Tensor.ShapeString(t.Shape)} differ outside that axis.", nameof(tensors));
            }
            total += t.ShapeArray[a];
        }
        Tensor y = Tensor.ResultOfOverwritten(WithDim(inputs[0].ShapeArray, a, total), inputs);   // the blocks tile every row
        (int outer, int inner) = AroundAxis(y.ShapeArray, a);
        int outputRow = total * inner, offset = 0;   // y is (outer, total·inner); input t fills a block of each row
        foreach (Tensor t in inputs)
        {
            int block = t.ShapeArray[a] * inner;
            for (int o = 0; o < outer; o++)
            {
                t.Data.AsSpan(o * block, block).CopyTo(y.Data.AsSpan(o * outputRow + offset, block));
            }
            offset += block;
        }

        y.SetBackward(() =>
        {
            int offset = 0;
            foreach (Tensor t in inputs)
            {
                int block = t.ShapeArray[a] * inner;
                if (t.RequiresGrad)
                {
                    float[] dt = t.GradOrZeros();
                    for (int o = 0; o < outer; o++)
                    {
                        Span<float> dtRun = dt.AsSpan(o * block, block);
                        TensorPrimitives.Add(dtRun, y.Grad!.AsSpan(o * outputRow + offset, block), dtRun);
                    }
                }
                offset += block;
            }
        });
        return y;
    }
}
