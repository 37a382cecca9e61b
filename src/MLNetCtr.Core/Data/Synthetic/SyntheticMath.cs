namespace MLNetCtr.Data.Synthetic;

/// <summary>Small numeric helpers of the generator: logistic function, latent vectors, intercept calibration.</summary>
internal static class SyntheticMath
{
    /// <summary>Rows drawn from <see cref="RandomStream.Calibration"/> to solve intercepts and normalizers.</summary>
    public const int PilotRows = 20_000;

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>A (count, dimension) row-major matrix of N(0, scale²) values.</summary>
    public static double[] GaussianMatrix(SyntheticRandom random, int count, int dimension, double scale)
    {
        var values = new double[count * dimension];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = scale * random.NextGaussian();
        }
        return values;
    }

    /// <summary>One N(0, scale²) value per entry.</summary>
    public static double[] GaussianVector(SyntheticRandom random, int count, double scale) => GaussianMatrix(random, count, 1, scale);

    /// <summary>Row <paramref name="row"/> of a row-major matrix with <paramref name="dimension"/> columns.</summary>
    public static ReadOnlySpan<double> Row(double[] matrix, int row, int dimension) => matrix.AsSpan(row * dimension, dimension);

    /// <summary>A plain (sequential, hence platform-independent) dot product.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /// <summary>Scales every row of a row-major matrix to unit length.</summary>
    public static void NormalizeRows(double[] matrix, int dimension)
    {
        for (int offset = 0; offset < matrix.Length; offset += dimension)
        {
            Normalize(matrix.AsSpan(offset, dimension));
        }
    }

    /// <summary>Scales <paramref name="vector"/> to unit length (a zero vector stays zero).</summary>
    public static void Normalize(Span<double> vector)
    {
        double norm = Math.Sqrt(Dot(vector, vector));
        for (int d = 0; d < vector.Length; d++)
        {
            vector[d] = norm > 0 ? vector[d] / norm : 0;
        }
    }

    /// <summary>Mean and standard deviation (population) of <paramref name="values"/>; a zero deviation becomes 1.</summary>
    public static (double Mean, double Std) Moments(ReadOnlySpan<double> values)
    {
        double mean = 0;
        foreach (double v in values)
        {
            mean += v;
        }
        mean /= values.Length;
        double variance = 0;
        foreach (double v in values)
        {
            variance += (v - mean) * (v - mean);
        }
        double std = Math.Sqrt(variance / values.Length);
        return (mean, std > 0 ? std : 1);
    }

    /// <summary>
    /// The intercept b at which <paramref name="meanAt"/>(b) equals <paramref name="target"/>, by bisection on
    /// [−40, 40]; <paramref name="meanAt"/> must increase with b (a mean of sigmoids of b + something does).
    /// </summary>
    public static double SolveIntercept(Func<double, double> meanAt, double target)
    {
        double low = -40, high = 40;
        for (int i = 0; i < 100 && high - low > 1e-10; i++)
        {
            double mid = 0.5 * (low + high);
            if (meanAt(mid) < target)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return 0.5 * (low + high);
    }

    /// <summary>The intercept b with mean_i sigmoid(b + logits[i]) = <paramref name="target"/>.</summary>
    public static double SolveIntercept(double[] logits, double target) => SolveIntercept(b => MeanSigmoid(logits, b), target);

    private static double MeanSigmoid(double[] logits, double intercept)
    {
        double sum = 0;
        foreach (double z in logits)
        {
            sum += Sigmoid(intercept + z);
        }
        return sum / logits.Length;
    }
}
