namespace MLNetCtr.Tensors;

/// <summary>Whether ops record the graph for <see cref="Tensor.Backward()"/> on this thread.</summary>
public static class GradMode
{
    [ThreadStatic]
    private static int t_disabledDepth;

    /// <summary>True unless inside a <see cref="NoGrad"/> region on this thread.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>Turns gradient recording off on this thread until the returned value is disposed (inference).</summary>
    public static NoGradRegion NoGrad()
    {
        t_disabledDepth++;
        return new NoGradRegion();
    }

    /// <summary>A region without gradient recording; dispose it to leave.</summary>
    public readonly struct NoGradRegion : IDisposable
    {
        /// <summary>Leaves the region.</summary>
        public void Dispose() => t_disabledDepth--;
    }
}
