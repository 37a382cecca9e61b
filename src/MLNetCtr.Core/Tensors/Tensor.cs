using System.Text;

namespace MLNetCtr.Tensors;

/// <summary>
/// A dense, contiguous, row-major float32 tensor that records how it was computed, so that
/// <see cref="Backward()"/> can fill <see cref="Grad"/> of every tensor it depends on (reverse-mode autograd).
/// </summary>
/// <remarks>
/// A tensor is data + shape + gradient + parents + a backward closure (DESIGN.md §3). Tensors created inside a
/// <see cref="TensorScope"/> borrow their buffers from that scope's <see cref="BufferPool"/> and must not be used
/// after the scope ends; tensors created outside any scope (parameters, inputs) own their buffers.
/// </remarks>
public sealed partial class Tensor
{
    private readonly int[] _shape;
    private Tensor[] _parents = [];
    private Action? _backward;
    private readonly bool _scoped;

    private Tensor(int[] shape, float[] data, bool scoped, RowSet? touchedRows = null)
    {
        _shape = shape;
        Data = data;
        _scoped = scoped;
        TouchedRows = touchedRows;
    }

    /// <summary>The elements, row-major; its length is <see cref="Size"/>.</summary>
    public float[] Data { get; }

    /// <summary>Whether <see cref="Data"/> was borrowed from a <see cref="TensorScope"/>'s pool (and goes back to it when the scope ends).</summary>
    internal bool IsScoped => _scoped;

    /// <summary>The gradient of the last <see cref="Backward()"/> root with respect to this tensor, or null if none flowed here.</summary>
    public float[]? Grad { get; private set; }

    /// <summary>Whether gradients flow to this tensor. Set it on leaves (parameters); results inherit it from their inputs.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>
    /// For embedding tables with sparse gradients: the rows that received gradient since the last reset. Rows not in
    /// the set have zero gradient, and optimizers touch only the rows in it.
    /// </summary>
    public RowSet? TouchedRows { get; }

    /// <summary>An optional name, used in error messages and when saving parameters.</summary>
    public string? Name { get; set; }

    /// <summary>The dimensions, outermost first.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The shape as an array for internal kernels; never mutate it.</summary>
    internal int[] ShapeArray => _shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements.</summary>
    public int Size => Data.Length;

    /// <summary>Whether this tensor was produced by an op that recorded a backward step.</summary>
    internal bool HasBackward => _backward is not null;

    internal IReadOnlyList<Tensor> Parents => _parents;

    /// <summary>The size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Dim(int axis) => _shape[NormalizeAxis(axis)];

    /// <summary>Maps a possibly negative axis to <c>[0, Rank)</c>, or throws.</summary>
    public int NormalizeAxis(int axis)
    {
        int a = axis < 0 ? axis + Rank : axis;
        if (a < 0 || a >= Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for a tensor of shape {ShapeString(_shape)}.");
        }
        return a;
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public float Item() => Size == 1 ? Data[0] : throw new InvalidOperationException($"Item() needs a one-element tensor, not shape {ShapeString(_shape)}.");

    // ---------------------------------------------------------------- creation

    /// <summary>A zero-filled tensor of the given shape.</summary>
    public static Tensor Zeros(params int[] shape) => new(CheckedShape(shape), Allocate(ShapeSize(shape), out bool scoped), scoped);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        Tensor t = Zeros(shape);
        Array.Fill(t.Data, value);
        return t;
    }

    /// <summary>A one-element tensor of shape <c>[1]</c>.</summary>
    public static Tensor Scalar(float value) => From([value], 1);

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape; default shape is 1-D.</summary>
    public static Tensor From(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] s = shape.Length == 0 ? [data.Length] : CheckedShape(shape);
        if (ShapeSize(s) != data.Length)
        {
            throw new ArgumentException($"Shape {ShapeString(s)} holds {ShapeSize(s)} elements, but {data.Length} were given.", nameof(shape));
        }
        return new Tensor(s, data, scoped: false);
    }

    /// <summary>
    /// A trainable leaf that owns its buffers (never pooled). With <paramref name="sparseGradient"/>, the first
    /// dimension indexes rows that are updated lazily: only rows in <see cref="TouchedRows"/> carry gradient.
    /// </summary>
    public static Tensor Parameter(float[] data, int[] shape, string? name = null, bool sparseGradient = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] s = CheckedShape(shape);
        if (ShapeSize(s) != data.Length)
        {
            throw new ArgumentException($"Parameter '{name}': shape {ShapeString(s)} does not match {data.Length} elements.", nameof(shape));
        }
        RowSet? rows = sparseGradient ? new RowSet(s[0]) : null;
        return new Tensor(s, data, scoped: false, rows) { RequiresGrad = true, Name = name };
    }

    /// <summary>
    /// The result of an op: a zero-filled tensor of <paramref name="shape"/> that requires grad when gradient
    /// recording is on and any parent requires grad; only then are the parents remembered.
    /// </summary>
    internal static Tensor ResultOf(int[] shape, params Tensor[] parents) => Recorded(Zeros(shape), parents);

    /// <summary>
    /// <see cref="ResultOf"/> for an op that writes every element of its output before reading any: the buffer is not
    /// zero-filled (a pooled buffer keeps its old values), which saves a memset per op (memset was 5–9% of the
    /// profiled <c>bahe</c> and <c>srp4ctr-serve</c> benchmark runs).
    /// </summary>
    internal static Tensor ResultOfOverwritten(int[] shape, params Tensor[] parents) =>
        Recorded(new(CheckedShape(shape), TensorScope.Allocate(ShapeSize(shape), out bool scoped, clear: false), scoped), parents);

    private static Tensor Recorded(Tensor t, Tensor[] parents)
    {
        if (GradMode.IsEnabled)
        {
            foreach (Tensor p in parents)
            {
                if (p.RequiresGrad)
                {
                    t.RequiresGrad = true;
                    t._parents = parents;
                    break;
                }
            }
        }
        return t;
    }

    /// <summary>Records the step that adds this tensor's gradient into its parents' gradients. No-op unless <see cref="RequiresGrad"/>.</summary>
    internal void SetBackward(Action backward)
    {
        if (RequiresGrad && _parents.Length > 0)
        {
            _backward = backward;
        }
    }

    /// <summary>A tensor sharing this one's data that is cut off from the graph.</summary>
    public Tensor Detach() => new(_shape, Data, _scoped);

    /// <summary>A copy of this tensor's data and shape, cut off from the graph, owning its buffer.</summary>
    public Tensor Clone() => new(_shape, (float[])Data.Clone(), scoped: false);

    // ---------------------------------------------------------------- gradients

    /// <summary>The gradient buffer, allocated zero-filled on first use. Ops' backward steps accumulate into it.</summary>
    internal float[] GradOrZeros()
    {
        if (Grad is null)
        {
            Grad = _scoped ? TensorScope.Allocate(Size, out _) : new float[Size];
        }
        return Grad;
    }

    /// <summary>Sets every gradient element (or every touched row) to zero, keeping the buffer.</summary>
    public void ZeroGrad()
    {
        if (Grad is null)
        {
            return;
        }
        if (TouchedRows is { } rows)
        {
            int width = Size / _shape[0];
            foreach (int r in rows)
            {
                Array.Clear(Grad, r * width, width);
            }
            rows.Clear();
        }
        else
        {
            Array.Clear(Grad);
        }
    }

    /// <summary>Back-propagates from this one-element tensor (a loss): d(this)/d(this) = 1.</summary>
    public void Backward()
    {
        if (Size != 1)
        {
            throw new InvalidOperationException($"Backward() needs a one-element tensor (a loss), not shape {ShapeString(_shape)}.");
        }
        BackwardFrom([1f]);
    }

    /// <summary>Back-propagates <paramref name="seed"/> (dLoss/dThis, same size as this tensor) through the graph.</summary>
    internal void BackwardFrom(ReadOnlySpan<float> seed)
    {
        if (!RequiresGrad)
        {
            throw new InvalidOperationException("Backward() on a tensor that does not require grad: no input of its graph requires grad, or it was computed under NoGrad().");
        }
        if (seed.Length != Size)
        {
            throw new ArgumentException($"Seed gradient has {seed.Length} elements; the tensor has {Size}.", nameof(seed));
        }
        List<Tensor> order = TopologicalOrder();
        float[] g = GradOrZeros();
        for (int i = 0; i < seed.Length; i++)
        {
            g[i] += seed[i];
        }
        for (int i = order.Count - 1; i >= 0; i--)
        {
            Tensor node = order[i];
            if (node._backward is { } step && node.Grad is not null)
            {
                step();
            }
            // The graph is single-use: release closures so intermediates can be collected or returned to the pool.
            node._backward = null;
            node._parents = [];
        }
    }

    /// <summary>Nodes reachable from this one, parents before children (iterative DFS: deep graphs must not overflow the stack).</summary>
    private List<Tensor> TopologicalOrder()
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Node, int NextParent)>();
        stack.Push((this, 0));
        visited.Add(this);
        while (stack.Count > 0)
        {
            (Tensor node, int next) = stack.Pop();
            if (next < node._parents.Length)
            {
                stack.Push((node, next + 1));
                Tensor parent = node._parents[next];
                if (parent.RequiresGrad && visited.Add(parent))
                {
                    stack.Push((parent, 0));
                }
            }
            else
            {
                order.Add(node);
            }
        }
        return order;
    }

    // ---------------------------------------------------------------- operators

    /// <summary>Element-wise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add(a, b);

    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Sub(a, b);

    /// <summary>Element-wise product with broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Mul(a, b);

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Ops.Div(a, b);

    /// <summary>Adds a constant.</summary>
    public static Tensor operator +(Tensor a, float c) => Ops.AddScalar(a, c);

    /// <summary>Adds a constant.</summary>
    public static Tensor operator +(float c, Tensor a) => Ops.AddScalar(a, c);

    /// <summary>Subtracts a constant.</summary>
    public static Tensor operator -(Tensor a, float c) => Ops.AddScalar(a, -c);

    /// <summary>Subtracts from a constant.</summary>
    public static Tensor operator -(float c, Tensor a) => Ops.AddScalar(Ops.MulScalar(a, -1f), c);

    /// <summary>Multiplies by a constant.</summary>
    public static Tensor operator *(Tensor a, float c) => Ops.MulScalar(a, c);

    /// <summary>Multiplies by a constant.</summary>
    public static Tensor operator *(float c, Tensor a) => Ops.MulScalar(a, c);

    /// <summary>Divides by a constant.</summary>
    public static Tensor operator /(Tensor a, float c) => Ops.MulScalar(a, 1f / c);

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => Ops.MulScalar(a, -1f);

    // ---------------------------------------------------------------- helpers

    /// <summary>The number of elements a shape holds.</summary>
    internal static int ShapeSize(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            n *= d;
        }
        return n <= int.MaxValue ? (int)n : throw new ArgumentException($"Shape {ShapeString(shape)} holds more than {int.MaxValue} elements.");
    }

    internal static string ShapeString(ReadOnlySpan<int> shape)
    {
        var sb = new StringBuilder("(");
        for (int i = 0; i < shape.Length; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(shape[i]);
        }
        return sb.Append(shape.Length == 1 ? ",)" : ")").ToString();
    }

    private static int[] CheckedShape(int[] shape)
    {
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Shape {ShapeString(shape)} has a negative dimension.", nameof(shape));
            }
        }
        return (int[])shape.Clone();
    }

    private static float[] Allocate(int size, out bool scoped) => TensorScope.Allocate(size, out scoped);

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder($"Tensor{ShapeString(_shape)}");
        if (Name is not null)
        {
            sb.Append(" '").Append(Name).Append('\'');
        }
        sb.Append(" [");
        for (int i = 0; i < Math.Min(Size, 8); i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(Data[i].ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.Append(Size > 8 ? ", …]" : "]").ToString();
    }
}
