namespace MLNetCtr.Tensors;

/// <summary>
/// Float buffers kept for reuse, keyed by exact length. A training run owns one pool; each step borrows from it
/// through a <see cref="TensorScope"/>, so a fixed-shape step allocates nothing proportional to the data after
/// its first run (DESIGN.md §3: refilling a reused buffer is about 10× faster than touching fresh pages).
/// </summary>
public sealed class BufferPool
{
    private readonly Dictionary<int, Stack<float[]>> _free = [];

    /// <summary>Number of buffers currently waiting for reuse.</summary>
    public int FreeCount => _free.Values.Sum(s => s.Count);

    internal float[] Rent(int length)
    {
        if (_free.TryGetValue(length, out Stack<float[]>? stack) && stack.TryPop(out float[]? buffer))
        {
            Array.Clear(buffer);
            return buffer;
        }
        return new float[length];
    }

    internal void Return(float[] buffer)
    {
        if (!_free.TryGetValue(buffer.Length, out Stack<float[]>? stack))
        {
            _free[buffer.Length] = stack = new Stack<float[]>();
        }
        stack.Push(buffer);
    }
}

/// <summary>
/// A region on this thread in which new tensors (and their gradients) borrow zero-filled buffers from a
/// <see cref="BufferPool"/>; disposing the scope gives every buffer back. Tensors made inside must not be used after.
/// </summary>
/// <example>
/// <code>
/// using (TensorScope.Begin(pool))
/// {
///     Tensor loss = model.Loss(batch);
///     loss.Backward();
///     optimizer.Step();
///     lossValue = loss.Item();
/// }
/// </code>
/// </example>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic]
    private static TensorScope? t_current;

    private readonly BufferPool _pool;
    private readonly TensorScope? _outer;
    private readonly List<float[]> _borrowed = [];
    private bool _disposed;

    private TensorScope(BufferPool pool, TensorScope? outer)
    {
        _pool = pool;
        _outer = outer;
    }

    /// <summary>Starts a scope on this thread that borrows from <paramref name="pool"/>.</summary>
    public static TensorScope Begin(BufferPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return t_current = new TensorScope(pool, t_current);
    }

    /// <summary>A zero-filled buffer: borrowed from the current scope's pool if there is one, else newly allocated.</summary>
    internal static float[] Allocate(int length, out bool scoped)
    {
        TensorScope? scope = t_current;
        scoped = scope is not null;
        if (scope is null)
        {
            return new float[length];
        }
        float[] buffer = scope._pool.Rent(length);
        scope._borrowed.Add(buffer);
        return buffer;
    }

    /// <summary>Gives every borrowed buffer back to the pool and restores the enclosing scope.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        if (!ReferenceEquals(t_current, this))
        {
            throw new InvalidOperationException("Tensor scopes must be disposed in reverse order of creation, on the thread that began them.");
        }
        _disposed = true;
        foreach (float[] buffer in _borrowed)
        {
            _pool.Return(buffer);
        }
        _borrowed.Clear();
        t_current = _outer;
    }
}
