using System.Collections;

namespace MLNetCtr.Nn;

/// <summary>
/// An ordered list of modules registered under their indices (<c>"0"</c>, <c>"1"</c>, …), so a model's
/// <c>Register("tower", new ModuleList&lt;Linear&gt;())</c> names its parameters <c>tower.0.weight</c>, ….
/// </summary>
/// <typeparam name="TModule">The type of the items.</typeparam>
public sealed class ModuleList<TModule> : Module, IReadOnlyList<TModule>
    where TModule : Module
{
    private readonly List<TModule> _items = [];

    /// <summary>Creates an empty list.</summary>
    public ModuleList()
    {
    }

    /// <summary>Creates a list holding <paramref name="items"/>, in order.</summary>
    public ModuleList(IEnumerable<TModule> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (TModule item in items)
        {
            Add(item);
        }
    }

    /// <summary>The number of modules.</summary>
    public int Count => _items.Count;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public TModule this[int index] => _items[index];

    /// <summary>Appends <paramref name="item"/>, registered under its index, and returns it.</summary>
    public TModule Add(TModule item)
    {
        _items.Add(Register(_items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), item));
        return item;
    }

    /// <inheritdoc/>
    public IEnumerator<TModule> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
