using System.Runtime.InteropServices;
using Google.Protobuf;
using MLNetCtr.Serving.Onnx.Proto;
using MLNetCtr.Tensors;
using DataType = MLNetCtr.Serving.Onnx.Proto.TensorProto.Types.DataType;

namespace MLNetCtr.Serving.Onnx;

/// <summary>
/// Builds one ONNX graph: typed inputs (with a symbolic batch dimension), constant initializers (parameters are
/// written once even when shared), nodes in the order they are added (so topologically sorted) and named outputs.
/// Every value gets a unique name.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>Stands for the symbolic batch dimension <see cref="BatchDimension"/> in a shape.</summary>
    public const long Batch = -1;

    /// <summary>Name of the symbolic batch dimension.</summary>
    public const string BatchDimension = "B";

    private readonly GraphProto _graph = new() { Name = "mlnetctr" };
    private readonly HashSet<string> _names = [];
    private readonly HashSet<string> _inputs = [];
    private readonly Dictionary<Tensor, string> _parameters = new(ReferenceEqualityComparer.Instance);
    private int _counter;

    /// <summary>The graph built so far.</summary>
    public GraphProto Proto => _graph;

    /// <summary>Declares the graph input <paramref name="name"/> once; later calls return the same name. A dimension of <see cref="Batch"/> is "B", a negative other than that a symbol <c>name_dim{i}</c>.</summary>
    public string Input(string name, DataType type, params long[] dims)
    {
        if (_inputs.Contains(name))
        {
            return name;
        }
        if (!_names.Add(name))
        {
            throw new InvalidOperationException($"The ONNX input '{name}' has the name of a value the graph already holds.");
        }
        _inputs.Add(name);
        _graph.Input.Add(ValueInfo(name, type, dims));
        return name;
    }

    /// <summary>Publishes <paramref name="value"/> as the graph output <paramref name="name"/> of type <paramref name="type"/> and shape <paramref name="dims"/>.</summary>
    public void Output(string value, string name, DataType type, params long[] dims)
    {
        Node("Identity", [value], output: name);
        _graph.Output.Add(ValueInfo(name, type, dims));
    }

    /// <summary>The initializer holding <paramref name="parameter"/>'s values, written on first use (shared tables are written once).</summary>
    public string Parameter(Tensor parameter, string name)
    {
        if (!_parameters.TryGetValue(parameter, out string? initializer))
        {
            initializer = Constant(name, parameter.Data, [.. parameter.Shape.ToArray().Select(d => (long)d)]);
            _parameters[parameter] = initializer;
        }
        return initializer;
    }

    // raw_data must be little-endian: the byte views below assume a little-endian machine, as .NET on x64 and arm64 is.

    /// <summary>A float constant of shape <paramref name="dims"/> (empty for a scalar).</summary>
    public string Constant(string name, float[] data, params long[] dims) =>
        AddInitializer(name, DataType.Float, dims, ByteString.CopyFrom(MemoryMarshal.AsBytes(data.AsSpan())));

    /// <summary>An int64 constant of shape <paramref name="dims"/> (empty for a scalar).</summary>
    public string Constant(string name, long[] data, params long[] dims) =>
        AddInitializer(name, DataType.Int64, dims, ByteString.CopyFrom(MemoryMarshal.AsBytes(data.AsSpan())));

    /// <summary>Adds an <paramref name="opType"/> node (default ONNX domain) over <paramref name="inputs"/>; returns its output's name (<paramref name="output"/>, or a fresh one).</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, string? output = null, params AttributeProto[] attributes)
    {
        string result = output ?? Fresh(opType);
        if (output is not null && !_names.Add(output))
        {
            throw new InvalidOperationException($"The ONNX graph already has a value named '{output}'.");
        }
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{_graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.Add(result);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return result;
    }

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>An integer-list attribute.</summary>
    public static AttributeProto Attribute(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>A float attribute.</summary>
    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private string AddInitializer(string name, DataType type, long[] dims, ByteString data)
    {
        string unique = Fresh(name);
        var tensor = new TensorProto { Name = unique, DataType = (int)type, RawData = data };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return unique;
    }

    /// <summary>A new internal value name; the leading "/" keeps internal names apart from column (input) names.</summary>
    private string Fresh(string stem)
    {
        stem = "/" + stem;
        string name = stem;
        while (!_names.Add(name))
        {
            name = $"{stem}_{++_counter}";
        }
        return name;
    }

    private static ValueInfoProto ValueInfo(string name, DataType type, long[] dims)
    {
        var shape = new TensorShapeProto();
        for (int i = 0; i < dims.Length; i++)
        {
            shape.Dim.Add(dims[i] switch
            {
                Batch => new TensorShapeProto.Types.Dimension { DimParam = BatchDimension },
                < 0 => new TensorShapeProto.Types.Dimension { DimParam = $"{name}_dim{i}" },
                _ => new TensorShapeProto.Types.Dimension { DimValue = dims[i] },
            });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
