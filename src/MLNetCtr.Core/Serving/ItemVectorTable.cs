using System.Text.Json;
using MLNetCtr.Serialization;

namespace MLNetCtr.Serving;

/// <summary>
/// The item vectors v of a whole item table, one row per item, with each item's key: what a two-tower model exports once
/// so that serving scores a user against every item by inner products alone.
/// </summary>
/// <remarks>
/// <code>
/// *** item vector file (safetensors layout, see SafeTensors) ***
/// "item_vectors"   F32 (N, W)     row i is item i's vector v
/// __metadata__     "format": "mlnetctr-item-vectors", "version": "1", "family": the model family id,
///                  "key_column": the column the keys come from, "keys": JSON array of the N keys, in row order
/// </code>
/// </remarks>
public sealed class ItemVectorTable
{
    internal const string VectorsName = "item_vectors";
    private const string Format = "mlnetctr-item-vectors";
    private const string Version = "1";
    private readonly string[] _keys;

    /// <summary>Wraps <paramref name="vectors"/> (N·W values, row-major; not copied) of the items called <paramref name="keys"/>.</summary>
    public ItemVectorTable(IReadOnlyList<string> keys, float[] vectors, int width, string family, string keyColumn)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if ((long)keys.Count * width != vectors.Length)
        {
            throw new ArgumentException($"{keys.Count} items of width {width} need {(long)keys.Count * width} values, but {vectors.Length} were given.", nameof(vectors));
        }
        _keys = [.. keys];
        Vectors = vectors;
        Width = width;
        Family = family ?? throw new ArgumentNullException(nameof(family));
        KeyColumn = keyColumn ?? throw new ArgumentNullException(nameof(keyColumn));
    }

    /// <summary>N, the number of items.</summary>
    public int Count => _keys.Length;

    /// <summary>W, the width of each vector.</summary>
    public int Width { get; }

    /// <summary>The id of the model family that made the vectors.</summary>
    public string Family { get; }

    /// <summary>The item-table column the keys come from.</summary>
    public string KeyColumn { get; }

    /// <summary>Each item's key, in row order.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The vectors, N·W values row-major. Do not modify.</summary>
    internal float[] Vectors { get; }

    /// <summary>Item <paramref name="index"/>'s vector, W values.</summary>
    public ReadOnlySpan<float> Vector(int index) => Vectors.AsSpan(checked(index * Width), Width);

    /// <summary>Writes the table to <paramref name="path"/> atomically, in the layout above.</summary>
    public void Save(string path) => AtomicFile.Write(path, stream => SafeTensors.Write(stream,
        [new NamedArray(VectorsName, [Count, Width], Vectors)],
        new Dictionary<string, string>
        {
            ["format"] = Format,
            ["version"] = Version,
            ["family"] = Family,
            ["key_column"] = KeyColumn,
            ["keys"] = JsonSerializer.Serialize(_keys),
        }));

    /// <summary>Reads a table written by <see cref="Save"/>; anything else is refused with an <see cref="InvalidDataException"/> naming the file.</summary>
    public static ItemVectorTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using FileStream stream = File.OpenRead(path);
            (IReadOnlyList<NamedArray> arrays, IReadOnlyDictionary<string, string> metadata) = SafeTensors.Read(stream);
            if (!metadata.TryGetValue("format", out string? format) || format != Format || metadata.GetValueOrDefault("version") != Version)
            {
                throw new InvalidDataException($"it is not an item vector file of version {Version} (format '{format}', version '{metadata.GetValueOrDefault("version")}').");
            }
            NamedArray vectors = arrays.FirstOrDefault(a => a.Name == VectorsName && a.Shape.Length == 2)
                ?? throw new InvalidDataException($"it has no 2-D array '{VectorsName}'.");
            string[] keys = JsonSerializer.Deserialize<string[]>(metadata.GetValueOrDefault("keys") ?? "null")
                ?? throw new InvalidDataException("it has no item keys.");
            if (keys.Length != vectors.Shape[0] || vectors.Shape[1] == 0)
            {
                throw new InvalidDataException($"it has {keys.Length} keys for {vectors.Shape[0]} vectors of width {vectors.Shape[1]}.");
            }
            return new ItemVectorTable(keys, vectors.Data, vectors.Shape[1], metadata.GetValueOrDefault("family") ?? "", metadata.GetValueOrDefault("key_column") ?? "");
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            throw new InvalidDataException($"Cannot read item vectors from '{path}': {e.Message}", e);
        }
    }
}
