namespace MLNetCtr.Tensors;

/// <summary>
/// Float buffers kept for reuse, keyed by exact length. A training run owns one pool; each step borrows from it
/// through a <see cref="TensorScope"/>, so a fixed-shape step allocates nothing proportional to the data after
/// its first run (DESIGN.md §3: refilling a reused buffer is about 10× faster than touching fresh pages).
/// </summary>
/// <remarks>
/// Steps whose shapes vary (masked positions, ragged batches) rent lengths that may never come back; a length that no
/// scope rented during the last <see cref="KeptScopes"/> scopes is dropped when a scope ends, so the pool holds at
/// most the buffers of its last few steps instead of growing with every new length.
/// </remarks>
public sealed class BufferPool
{
    /// <summary>Scopes a length stays pooled after its last rent.</summary>
    internal const int KeptScopes = 4;

    private readonly Dictionary<int, Bucket> _free = [];
    private long _scopes;

    /// <summary>Number of buffers currently waiting for reuse.</summary>
    public int FreeCount => _free.Values.Sum(b => b.Buffers.Count);

    /// <summary>A buffer of <paramref name="length"/> floats, zero-filled when <paramref name="clear"/>, else holding whatever it held.</summary>
    internal float[] Rent(int length, bool clear = true)
    {
        if (_free.TryGetValue(length, out Bucket? bucket))
        {
            bucket.LastRent = _scopes;
            if (bucket.Buffers.TryPop(out float[]? buffer))
            {
                if (clear)
                {
                    Array.Clear(buffer);
                }
                return buffer;
            }
        }
        else
        {
            _free[length] = new Bucket { LastRent = _scopes };
        }
        return clear ? new float[length] : GC.AllocateUninitializedArray<float>(length);
    }

    internal void Return(float[] buffer)
    {
        if (!_free.TryGetValue(buffer.Length, out Bucket? bucket))
        {
            _free[buffer.Length] = bucket = new Bucket { LastRent = _scopes };
        }
        bucket.Buffers.Push(buffer);
    }

    /// <summary>Called when a scope has given its buffers back: drops the lengths not rented in the last <see cref="KeptScopes"/> scopes.</summary>
    internal void EndScope()
    {
        _scopes++;
        foreach ((int length, Bucket bucket) in _free)
        {
            if (_scopes - bucket.LastRent > KeptScopes)
            {
                _free.Remove(length);
            }
        }
    }

    private sealed class Bucket
    {
        public Stack<float[]> Buffers { get; } = new();

        public long LastRent { get; set; }
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

    /// <summary>The scope of this thread, or null; pass it to <see cref="Join"/> on a worker thread.</summary>
    internal static TensorScope? Current => t_current;

    /// <summary>
    /// Makes <paramref name="scope"/> (begun on another thread, which keeps it open) this thread's scope until the
    /// returned value is disposed, so tensors made here borrow from the same pool (<see cref="TensorParallel"/>).
    /// </summary>
    internal static Joined Join(TensorScope? scope)
    {
        var joined = new Joined(t_current);
        t_current = scope;
        return joined;
    }

    /// <summary>
    /// A buffer borrowed from the current scope's pool if there is one, else newly allocated; zero-filled unless
    /// <paramref name="clear"/> is false (then the caller must write every element before reading any).
    /// </summary>
    internal static float[] Allocate(int length, out bool scoped, bool clear = true)
    {
        TensorScope? scope = t_current;
        scoped = scope is not null;
        if (scope is null)
        {
            return clear ? new float[length] : GC.AllocateUninitializedArray<float>(length);
        }
        lock (scope._borrowed)    // threads that joined the scope rent concurrently
        {
            float[] buffer = scope._pool.Rent(length, clear);
            scope._borrowed.Add(buffer);
            return buffer;
        }
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
        _pool.EndScope();
        t_current = _outer;
    }

    /// <summary>A thread's membership in a scope begun elsewhere (<see cref="Join"/>); disposing restores its own scope.</summary>
    internal readonly struct Joined(TensorScope? previous) : IDisposable
    {
        /// <summary>Leaves the joined scope; the buffers stay with the scope's owner.</summary>
        public void Dispose() => t_current = previous;
    }
}
