using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Inverted dropout: in training each element is zeroed with probability <paramref name="p"/> and the rest scaled
    /// by <c>1 / (1 − p)</c>, so the expectation is unchanged; <c>dx = dy ⊙ mask</c>. Outside training (or with p = 0)
    /// it returns <paramref name="x"/> itself. The mask takes one draw per element from <paramref name="random"/>,
    /// in order, so a seeded generator gives the same mask on every run.
    /// </summary>
    public static Tensor Dropout(Tensor x, float p, bool training, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(p >= 0f && p < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The dropout probability must be in [0, 1).");
        }
        if (!training || p == 0f)
        {
            return x;
        }
        float scale = 1f / (1f - p);
        float[] mask = Temporary(x.Size);
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = random.NextSingle() < p ? 0f : scale;
        }
        Tensor y = Tensor.ResultOf(x.ShapeArray, x);
        TensorPrimitives.Multiply(x.Data, mask, y.Data);
        y.SetBackward(() => TensorPrimitives.MultiplyAdd(y.Grad!, mask, x.GradOrZeros(), x.Grad!));   // dx += dy ⊙ mask
        return y;
    }
}
