namespace MLNetCtr.Tensors;

/// <summary>
/// Runs independent pieces of a forward pass (for example BAHE's behavior sequences) on the thread pool, each piece
/// with the calling thread's <see cref="TensorScope"/> and <see cref="GradMode"/>: without them, tensors made on a
/// worker thread would be freshly allocated every step (fresh pages, large-object collections) and would record
/// gradients even under <see cref="GradMode.NoGrad"/>.
/// </summary>
internal static class TensorParallel
{
    /// <summary>Calls <paramref name="body"/>(i) for i in [0, <paramref name="count"/>), possibly in parallel; a single failure is rethrown as itself, not wrapped.</summary>
    /// <remarks>The caller's scope must stay open until every tensor made by the bodies is no longer used (as for tensors made on the caller's thread).</remarks>
    public static void For(int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        TensorScope? scope = TensorScope.Current;
        bool grad = GradMode.IsEnabled;
        try
        {
            Parallel.For(0, count, i =>
            {
                using TensorScope.Joined joined = TensorScope.Join(scope);
                using GradMode.NoGradRegion? noGrad = grad ? null : GradMode.NoGrad();
                body(i);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);   // one failure surfaces as itself
        }
    }
}
