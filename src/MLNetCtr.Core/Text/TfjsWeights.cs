using System.Runtime.InteropServices;
using System.Text.Json;

namespace MLNetCtr.Text;

/// <summary>
/// The weights of a TensorFlow.js graph model: <c>model.json</c>'s <c>weightsManifest</c> lists groups, each with its
/// shard files (<c>paths</c>) and its tensors (<c>name</c>, <c>shape</c>, <c>dtype</c>) in file order. A group's shards
/// concatenated are the raw little-endian tensors back to back; float32 and int32 take 4 bytes per element.
/// </summary>
internal sealed class TfjsWeights
{
    private readonly Dictionary<string, (int[] Shape, float[] Data)> _floats = new(StringComparer.Ordinal);

    private TfjsWeights(string directory) => Directory = directory;

    /// <summary>The folder the model was read from.</summary>
    public string Directory { get; }

    /// <summary>Names of the float32 tensors.</summary>
    public IEnumerable<string> Names => _floats.Keys;

    /// <summary>Reads <c>model.json</c> and its shards from <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">model.json or a shard is missing.</exception>
    /// <exception cref="InvalidDataException">The manifest and the shards disagree, or a dtype/quantization is unsupported.</exception>
    public static TfjsWeights Load(string directory)
    {
        string manifestPath = Path.Combine(directory, "model.json");
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"No TensorFlow.js model.json in '{directory}'.", manifestPath);
        }
        var weights = new TfjsWeights(directory);
        using JsonDocument model = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        foreach (JsonElement group in model.RootElement.GetProperty("weightsManifest").EnumerateArray())
        {
            byte[] bytes = [.. group.GetProperty("paths").EnumerateArray().SelectMany(p => File.ReadAllBytes(Path.Combine(directory, p.GetString()!)))];
            long offset = 0;
            foreach (JsonElement entry in group.GetProperty("weights").EnumerateArray())
            {
                offset = weights.Read(entry, bytes, offset, manifestPath);
            }
            if (offset != bytes.Length)
            {
                throw new InvalidDataException($"'{manifestPath}': the manifest describes {offset} bytes, the shards hold {bytes.Length}.");
            }
        }
        return weights;
    }

    /// <summary>The float32 tensor <paramref name="name"/>, checked against <paramref name="shape"/>.</summary>
    /// <exception cref="InvalidDataException">No such tensor, or another shape.</exception>
    public float[] Get(string name, params int[] shape)
    {
        if (!_floats.TryGetValue(name, out (int[] Shape, float[] Data) tensor))
        {
            throw new InvalidDataException($"'{Directory}/model.json' has no float32 tensor '{name}'.");
        }
        if (!tensor.Shape.SequenceEqual(shape))
        {
            throw new InvalidDataException($"Tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}], expected [{string.Join(", ", shape)}].");
        }
        return tensor.Data;
    }

    private long Read(JsonElement entry, byte[] bytes, long offset, string manifestPath)
    {
        string name = entry.GetProperty("name").GetString()!;
        string dtype = entry.GetProperty("dtype").GetString()!;
        int[] shape = [.. entry.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())];
        if (entry.TryGetProperty("quantization", out _) || dtype is not ("float32" or "int32"))
        {
            throw new InvalidDataException($"'{manifestPath}': tensor '{name}' has dtype {dtype}{(entry.TryGetProperty("quantization", out _) ? " with quantization" : "")}; only unquantized float32 and int32 are supported.");
        }
        long count = shape.Aggregate(1L, (a, d) => a * d), length = count * 4;
        if (offset + length > bytes.Length)
        {
            throw new InvalidDataException($"'{manifestPath}': tensor '{name}' needs bytes [{offset}, {offset + length}), the shards hold {bytes.Length}.");
        }
        if (dtype == "float32")
        {
            _floats[name] = (shape, MemoryMarshal.Cast<byte, float>(bytes.AsSpan((int)offset, (int)length)).ToArray());
        }
        return offset + length;
    }
}
