namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Mean binary cross-entropy on logits z with labels y in [0, 1] (same shape, N elements) and optional
    /// per-element weights w: <c>loss = (1/N) Σ_i w_i · (max(z_i, 0) − z_i·y_i + log(1 + exp(−|z_i|)))</c>, as PyTorch's
    /// <c>binary_cross_entropy_with_logits</c> with <c>reduction="mean"</c>. Output is <c>[1]</c>.
    /// </summary>
    /// <param name="logits">Scores z, any shape.</param>
    /// <param name="labels">Targets y, same shape; soft labels are allowed. Gradient flows to them too if they require it.</param>
    /// <param name="weights">Optional weight per element (length N), e.g. sample weights. Default: none (all 1). The mean still divides by N.</param>
    /// <remarks>NOTE: fused because the composed form overflows: exp(−z) is +∞ at z = −100. Here every term is
    /// finite for any finite z, and the log1p is exact enough that tiny losses at |z| = 60 keep their value.</remarks>
    public static Tensor BceWithLogits(Tensor logits, Tensor labels, float[]? weights = null)
    {
        CheckLossShapes(nameof(BceWithLogits), logits, labels);
        int n = logits.Size;
        if (weights is not null && weights.Length != n)
        {
            throw new ArgumentException($"BceWithLogits: {weights.Length} weights given for logits of shape {Tensor.ShapeString(logits.Shape)} ({n} elements).", nameof(weights));
        }
        float[] z = logits.Data, y = labels.Data;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double zi = z[i];
            total += (weights?[i] ?? 1f) * (Math.Max(zi, 0) - zi * y[i] + Log1PExpNegative(Math.Abs(zi)));
        }
        Tensor loss = Tensor.ResultOf([1], logits, labels);
        loss.Data[0] = (float)(total / n);

        // dz_i += dL · w_i · (σ(z_i) − y_i) / N;   dy_i += −dL · w_i · z_i / N.
        loss.SetBackward(() =>
        {
            float scale = loss.Grad![0] / n;
            float[]? dz = logits.RequiresGrad ? logits.GradOrZeros() : null, dy = labels.RequiresGrad ? labels.GradOrZeros() : null;
            for (int i = 0; i < n; i++)
            {
                float coefficient = scale * (weights?[i] ?? 1f);
                dz?[i] += coefficient * (StableSigmoid(z[i]) - y[i]);
                dy?[i] -= coefficient * z[i];
            }
        });
        return loss;
    }

    /// <summary><c>log(1 + exp(−a))</c> for a ≥ 0, accurate also where exp(−a) is far below float epsilon.</summary>
    private static double Log1PExpNegative(double a)
    {
        double u = Math.Exp(-a);
        return u < 1e-4 ? u * (1 - 0.5 * u) : Math.Log(1 + u);   // log1p(u) = u − u²/2 + O(u³)
    }

    /// <summary>σ(z) without overflow: exp is only ever taken of −|z|.</summary>
    private static float StableSigmoid(float z)
    {
        float e = MathF.Exp(-MathF.Abs(z));
        return z >= 0 ? 1f / (1f + e) : e / (1f + e);
    }

    /// <summary>Throws unless a loss's two operands have the same, non-empty shape.</summary>
    private static void CheckLossShapes(string op, Tensor prediction, Tensor target)
    {
        if (!prediction.Shape.SequenceEqual(target.Shape))
        {
            throw new ArgumentException($"{op}: shapes {Tensor.ShapeString(prediction.Shape)} and {Tensor.ShapeString(target.Shape)} must be equal.", nameof(target));
        }
        if (prediction.Size == 0)
        {
            throw new ArgumentException($"{op}: the mean of an empty tensor (shape {Tensor.ShapeString(prediction.Shape)}) is undefined.", nameof(prediction));
        }
    }
}
