using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Base of every layer and model: a tree of named child modules, named parameters and named buffers, registered
/// explicitly in the constructor (no reflection), so that order and names are deterministic — serialization depends on it.
/// </summary>
/// <remarks>
/// Children and parameters are kept in one list, in registration order; <see cref="NamedParameters"/> walks it
/// depth-first, so a module that registers <c>tower</c> (holding <c>0</c> and <c>1</c>, each with <c>weight</c> and
/// <c>bias</c>) and then <c>output</c> yields <c>tower.0.weight, tower.0.bias, tower.1.weight, tower.1.bias,
/// output.weight, output.bias</c>. Buffers (<see cref="RegisterBuffer"/>) are state that is saved with the model but not
/// trained, such as a batch norm's running statistics; <see cref="NamedBuffers"/> walks them the same way.
/// </remarks>
public abstract class Module
{
    private readonly List<DropoutMasks> _dropoutMasks = [];

    private readonly List<Entry> _entries = [];

    /// <summary>Whether the module is in training mode (dropout active, …). New modules start in training mode.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Registers <paramref name="child"/> under <paramref name="name"/> and returns it, for <c>_x = Register("x", new X(…))</c>.</summary>
    /// <exception cref="ArgumentException">The name is empty, contains a dot, or is already taken in this module.</exception>
    protected TModule Register<TModule>(string name, TModule child)
        where TModule : Module
    {
        ArgumentNullException.ThrowIfNull(child);
        if (ReferenceEquals(child, this))
        {
            throw new ArgumentException($"Module '{name}' cannot be registered as a child of itself.", nameof(child));
        }
        CheckName(name);
        child.Train(IsTraining);
        _entries.Add(new Entry(name, child, null, IsBuffer: false));
        return child;
    }

    /// <summary>Registers <paramref name="parameter"/> under <paramref name="name"/> and returns it. Names the tensor if it has no name.</summary>
    /// <exception cref="ArgumentException">The name is empty, contains a dot, or is already taken in this module; or the tensor was borrowed from a <see cref="TensorScope"/>.</exception>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckName(name);
        CheckOwned(name, parameter);
        parameter.Name ??= name;
        _entries.Add(new Entry(name, null, parameter, IsBuffer: false));
        return parameter;
    }

    /// <summary>
    /// Registers <paramref name="buffer"/> under <paramref name="name"/> and returns it: a tensor saved with the module
    /// (running statistics, …) that no optimizer sees. Names the tensor if it has no name.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, contains a dot, or is already taken; or the tensor requires grad or was borrowed from a <see cref="TensorScope"/>.</exception>
    protected Tensor RegisterBuffer(string name, Tensor buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckName(name);
        if (buffer.RequiresGrad)
        {
            throw new ArgumentException($"Buffer '{name}' {Tensor.ShapeString(buffer.Shape)} requires grad; register trainable tensors with RegisterParameter.", nameof(buffer));
        }
        CheckOwned(name, buffer);
        buffer.Name ??= name;
        _entries.Add(new Entry(name, null, buffer, IsBuffer: true));
        return buffer;
    }

    /// <summary>A dropout mask source seeded from <paramref name="random"/>, reseeded with the model by <see cref="ReseedDropout"/>.</summary>
    protected DropoutMasks CreateDropoutMasks(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var masks = new DropoutMasks(random.Next());
        _dropoutMasks.Add(masks);
        return masks;
    }

    /// <summary>
    /// Reseeds every dropout mask source of this module and its descendants from <paramref name="seed"/>, each with
    /// its own seed derived from its place in the tree. The training loop calls it before each step with (seed, step).
    /// </summary>
    public void ReseedDropout(int seed)
    {
        for (int i = 0; i < _dropoutMasks.Count; i++)
        {
            _dropoutMasks[i].Reseed(DropoutMasks.Mix(seed, i));
        }
        IReadOnlyList<(string Name, Module Module)> children = NamedChildren();
        for (int c = 0; c < children.Count; c++)
        {
            children[c].Module.ReseedDropout(DropoutMasks.Mix(seed, -1 - c));
        }
    }

    /// <summary>The direct children with their local names, in registration order.</summary>
    public IReadOnlyList<(string Name, Module Module)> NamedChildren() =>
        [.. _entries.Where(e => e.Child is not null).Select(e => (e.Name, e.Child!))];

    /// <summary>
    /// Every parameter of this module and its descendants with its dotted path (<c>"tower.0.weight"</c>), depth-first
    /// in registration order. A tensor registered twice (tied weights) appears once, under its first name.
    /// </summary>
    public IReadOnlyList<(string Name, Tensor Parameter)> NamedParameters()
    {
        var result = new List<(string, Tensor)>();
        Collect(prefix: "", buffers: false, result, new HashSet<Tensor>(ReferenceEqualityComparer.Instance));
        return result;
    }

    /// <summary>
    /// Every buffer of this module and its descendants with its dotted path (<c>"tower.0.norm.running_mean"</c>),
    /// depth-first in registration order; a tensor registered twice appears once, under its first name.
    /// </summary>
    public IReadOnlyList<(string Name, Tensor Buffer)> NamedBuffers()
    {
        var result = new List<(string, Tensor)>();
        Collect(prefix: "", buffers: true, result, new HashSet<Tensor>(ReferenceEqualityComparer.Instance));
        return result;
    }

    /// <summary>
    /// Everything that defines the module's outputs, as torch's <c>state_dict</c>: <see cref="NamedParameters"/>, then
    /// <see cref="NamedBuffers"/>. Model files, checkpoints and restore-best snapshot exactly this; a parameter and a
    /// buffer never share a path, since names are unique within a module.
    /// </summary>
    public IReadOnlyList<(string Name, Tensor Tensor)> NamedState() => [.. NamedParameters(), .. NamedBuffers()];

    /// <summary>The tensors of <see cref="NamedParameters"/>, in the same order.</summary>
    public IReadOnlyList<Tensor> Parameters() => [.. NamedParameters().Select(p => p.Parameter)];

    /// <summary>Sets training mode (<paramref name="training"/> true) or evaluation mode on this module and all descendants.</summary>
    public void Train(bool training = true)
    {
        IsTraining = training;
        foreach (Entry entry in _entries)
        {
            entry.Child?.Train(training);
        }
    }

    /// <summary>Sets evaluation mode on this module and all descendants: <c>Train(false)</c>.</summary>
    public void Eval() => Train(false);

    /// <summary>Zeroes the gradient of every parameter (only the touched rows of sparse-gradient tables).</summary>
    public void ZeroGrad()
    {
        foreach (Tensor p in Parameters())
        {
            p.ZeroGrad();
        }
    }

    /// <summary>Appends the parameters (or, with <paramref name="buffers"/>, the buffers) of this subtree, depth-first.</summary>
    private void Collect(string prefix, bool buffers, List<(string, Tensor)> result, HashSet<Tensor> seen)
    {
        foreach (Entry entry in _entries)
        {
            if (entry.Child is not null)
            {
                entry.Child.Collect(prefix + entry.Name + ".", buffers, result, seen);
            }
            else if (entry.IsBuffer == buffers && seen.Add(entry.Tensor!))
            {
                result.Add((prefix + entry.Name, entry.Tensor!));
            }
        }
    }

    /// <summary>
    /// A parameter or buffer lives as long as its module, so it must own its memory: one made by <c>Tensor.Zeros</c>
    /// inside a <see cref="TensorScope"/> (say, a module built lazily during a training step) would go back to the pool
    /// when the step ends and be overwritten by later steps' tensors.
    /// </summary>
    private static void CheckOwned(string name, Tensor tensor)
    {
        if (tensor.IsScoped)
        {
            throw new ArgumentException($"'{name}' {Tensor.ShapeString(tensor.Shape)} was borrowed from a TensorScope's pool, which takes it back when the scope ends; create module state with Tensor.From or Tensor.Parameter over its own array.", nameof(tensor));
        }
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.'))
        {
            throw new ArgumentException($"Name '{name}' must not contain '.': dots separate the levels of a parameter path.", nameof(name));
        }
        if (_entries.Any(e => e.Name == name))
        {
            throw new ArgumentException($"Name '{name}' is already registered in {GetType().Name}.", nameof(name));
        }
    }

    /// <summary>One registration: a child module, or a tensor that is a parameter or a buffer.</summary>
    private readonly record struct Entry(string Name, Module? Child, Tensor? Tensor, bool IsBuffer);
}
