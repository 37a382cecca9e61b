namespace MLNetCtr.Evaluation;

/// <summary>Correlation between two series, e.g. a model's scores and the true probabilities of synthetic data.</summary>
public static class Correlation
{
    /// <summary>Pearson's r = cov(x, y) / (σ_x σ_y), accumulated in double.</summary>
    /// <exception cref="ArgumentException">The lengths differ or are below 2.</exception>
    public static double Pearson(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length || x.Length < 2)
        {
            throw new ArgumentException($"Pearson correlation needs two series of one length ≥ 2; got {x.Length} and {y.Length}.", nameof(y));
        }
        double mx = 0, my = 0;
        for (int i = 0; i < x.Length; i++)
        {
            mx += x[i];
            my += y[i];
        }
        mx /= x.Length;
        my /= y.Length;
        double xy = 0, xx = 0, yy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            xy += dx * dy;
            xx += dx * dx;
            yy += dy * dy;
        }
        return xy / Math.Sqrt(xx * yy);
    }
}
