using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Base of every layer and model: a tree of named child modules and named parameters, registered explicitly in the
/// constructor (no reflection), so that parameter order and names are deterministic — serialization depends on it.
/// </summary>
/// <remarks>
/// Children and parameters are kept in one list, in registration order; <see cref="NamedParameters"/> walks it
/// depth-first, so a module that registers <c>tower</c> (holding <c>0</c> and <c>1</c>, each with <c>weight</c> and
/// <c>bias</c>) and then <c>output</c> yields <c>tower.0.weight, tower.0.bias, tower.1.weight, tower.1.bias,
/// output.weight, output.bias</c>.
/// </remarks>
public abstract class Module
{
    private readonly List<(string Name, Module? Child, Tensor? Parameter)> _entries = [];

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
        _entries.Add((name, child, null));
        return child;
    }

    /// <summary>Registers <paramref name="parameter"/> under <paramref name="name"/> and returns it. Names the tensor if it has no name.</summary>
    /// <exception cref="ArgumentException">The name is empty, contains a dot, or is already taken in this module.</exception>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckName(name);
        parameter.Name ??= name;
        _entries.Add((name, null, parameter));
        return parameter;
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
        Collect(prefix: "", result, new HashSet<Tensor>(ReferenceEqualityComparer.Instance));
        return result;
    }

    /// <summary>The tensors of <see cref="NamedParameters"/>, in the same order.</summary>
    public IReadOnlyList<Tensor> Parameters() => [.. NamedParameters().Select(p => p.Parameter)];

    /// <summary>Sets training mode (<paramref name="training"/> true) or evaluation mode on this module and all descendants.</summary>
    public void Train(bool training = true)
    {
        IsTraining = training;
        foreach (var entry in _entries)
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

    private void Collect(string prefix, List<(string, Tensor)> result, HashSet<Tensor> seen)
    {
        foreach (var (name, child, parameter) in _entries)
        {
            if (child is not null)
            {
                child.Collect(prefix + name + ".", result, seen);
            }
            else if (seen.Add(parameter!))
            {
                result.Add((prefix + name, parameter!));
            }
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
}
