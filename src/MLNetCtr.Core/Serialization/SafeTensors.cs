using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLNetCtr.Serialization;

/// <summary>A named float32 array with its shape, as stored in a safetensors file.</summary>
/// <param name="Name">Unique name, e.g. <c>"tower.0.weight"</c>.</param>
/// <param name="Shape">Dimensions, outermost first.</param>
/// <param name="Data">Row-major elements; length is the product of <paramref name="Shape"/>.</param>
public sealed record NamedArray(string Name, int[] Shape, float[] Data);

/// <summary>
/// Reads and writes the safetensors layout, so that other tools (Python's <c>safetensors</c>, for one) can read our
/// weights.
/// </summary>
/// <remarks>
/// <code>
/// *** safetensors layout ***
/// uint64 LE     N = byte length of the header
/// N bytes       UTF-8 JSON: { "__metadata__": { string: string, … },
///                             "&lt;name&gt;": { "dtype": "F32", "shape": [d0, d1, …], "data_offsets": [begin, end] }, … }
///               padded with spaces to a multiple of 8 bytes
/// rest          the tensors' little-endian bytes; offsets are relative to the start of this region
/// </code>
/// Only F32 is written and read. Entries are written in the order given.
/// </remarks>
public static class SafeTensors
{
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Writes <paramref name="arrays"/> and string metadata to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IEnumerable<NamedArray> arrays, IReadOnlyDictionary<string, string>? metadata = null)
    {
        List<NamedArray> list = arrays.ToList();
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach ((string key, string value) in metadata)
            {
                meta[key] = value;
            }
            header["__metadata__"] = meta;
        }
        long offset = 0;
        foreach (NamedArray a in list)
        {
            long bytes = (long)a.Data.Length * sizeof(float);
            header[a.Name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray(a.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (int i = json.Length; i < padded; i++)
        {
            stream.WriteByte((byte)' ');
        }
        foreach (NamedArray a in list)
        {
            WriteLittleEndian(stream, a.Data);
        }
    }

    /// <summary>
    /// Reads every array and the metadata. Throws <see cref="InvalidDataException"/> describing the fault for a
    /// truncated stream, a malformed header, an unsupported dtype, or offsets that do not match the shapes.
    /// </summary>
    public static (IReadOnlyList<NamedArray> Arrays, IReadOnlyDictionary<string, string> Metadata) Read(Stream stream)
    {
        Span<byte> lengthBytes = stackalloc byte[8];
        ReadExactly(stream, lengthBytes, "header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes)
        {
            throw new InvalidDataException($"safetensors header length {headerLength} is implausible (over {MaxHeaderBytes} bytes): the data is not a safetensors file or is damaged.");
        }
        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, "header");
        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes)?.AsObject() ?? throw new InvalidDataException("safetensors header is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"safetensors header is not valid JSON: {e.Message}", e);
        }

        var metadata = new Dictionary<string, string>();
        var entries = new List<(string Name, int[] Shape, long Begin, long End)>();
        foreach ((string name, JsonNode? node) in header)
        {
            if (name == "__metadata__")
            {
                foreach ((string key, JsonNode? value) in node!.AsObject())
                {
                    metadata[key] = value!.GetValue<string>();
                }
                continue;
            }
            entries.Add(ParseEntry(name, node));
        }

        var arrays = new List<NamedArray>(entries.Count);
        long position = 0;
        foreach ((string name, int[] shape, long begin, long end) in entries.OrderBy(e => e.Begin))
        {
            if (begin != position)
            {
                throw new InvalidDataException($"safetensors entry '{name}' starts at byte {begin}, expected {position}: the data region has gaps or overlaps.");
            }
            var data = new float[(end - begin) / sizeof(float)];
            ReadExactly(stream, MemoryMarshal.AsBytes(data.AsSpan()), $"data of '{name}'");
            if (!BitConverter.IsLittleEndian)
            {
                SwapBytes(data);
            }
            arrays.Add(new NamedArray(name, shape, data));
            position = end;
        }
        // Give the arrays back in header order, which is the order they were written in.
        var order = entries.Select((e, i) => (e.Name, i)).ToDictionary(p => p.Name, p => p.i);
        return (arrays.OrderBy(a => order[a.Name]).ToList(), metadata);
    }

    private static (string Name, int[] Shape, long Begin, long End) ParseEntry(string name, JsonNode? node)
    {
        try
        {
            JsonObject o = node!.AsObject();
            string dtype = o["dtype"]!.GetValue<string>();
            if (dtype != "F32")
            {
                throw new InvalidDataException($"safetensors entry '{name}' has dtype {dtype}; only F32 is supported.");
            }
            int[] shape = o["shape"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray();
            JsonArray offsets = o["data_offsets"]!.AsArray();
            long begin = offsets[0]!.GetValue<long>(), end = offsets[1]!.GetValue<long>();
            long expected = shape.Aggregate(1L, (p, d) => p * d) * sizeof(float);
            if (shape.Any(d => d < 0) || end - begin != expected)
            {
                throw new InvalidDataException($"safetensors entry '{name}': shape [{string.Join(", ", shape)}] needs {expected} bytes but its offsets span {end - begin}.");
            }
            return (name, shape, begin, end);
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"safetensors entry '{name}' is malformed: {e.Message}", e);
        }
    }

    private static void WriteLittleEndian(Stream stream, float[] data)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            return;
        }
        float[] copy = (float[])data.Clone();
        SwapBytes(copy);
        stream.Write(MemoryMarshal.AsBytes(copy.AsSpan()));
    }

    private static void SwapBytes(float[] data)
    {
        Span<int> bits = MemoryMarshal.Cast<float, int>(data.AsSpan());
        BinaryPrimitives.ReverseEndianness(bits, bits);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"safetensors data is truncated: the stream ended while reading the {what}.", e);
        }
    }
}
