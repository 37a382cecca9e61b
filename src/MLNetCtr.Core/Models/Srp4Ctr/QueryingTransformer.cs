using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Serving.Onnx;

namespace MLNetCtr.Models;

/// <summary>
/// The Querying Transformer of SRP4CTR (Han et al., 2024; after BLIP-2's Q-Former): k query tokens — learned, plus
/// optionally a per-user offset <c>MLP(user and context fields)</c> — cross-attend to the encoder's output through
/// their own K/V projections and a <see cref="UniCrossAttention"/> block. Encoder output <c>(B, L, D)</c> → <c>(B, k, D)</c>.
/// </summary>
/// <remarks>Children: parameter <c>queries</c> (k, D), <c>key</c>, <c>value</c> (D → D), <c>block</c>, optional <c>generator</c>.</remarks>
public sealed class QueryingTransformer : Module
{
    private readonly Tensor _queries;
    private readonly Linear _key, _value;
    private readonly UniCrossAttention _block;
    private readonly Mlp? _generator;
    private readonly int _count, _dimension, _heads;

    /// <summary>Creates k queries of width D; with <paramref name="userFeatures"/> &gt; 0 they are also generated per user from that many inputs.</summary>
    public QueryingTransformer(int count, int dimension, int heads, int feedForward, int userFeatures, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        (_count, _dimension, _heads) = (count, dimension, heads);
        _queries = RegisterParameter("queries", Init.Normal(Tensor.Parameter(new float[count * dimension], [count, dimension]), 0.02f, random));
        _key = Register("key", new Linear(dimension, dimension, random));
        _value = Register("value", new Linear(dimension, dimension, random));
        _block = Register("block", new UniCrossAttention(dimension, heads, feedForward, random));
        _generator = userFeatures > 0 ? Register("generator", new Mlp(userFeatures, [count * dimension], random, outputSize: count * dimension)) : null;
    }

    /// <summary><see cref="Forward"/> in ONNX: <paramref name="states"/> <c>(B, L, D)</c>, valid keys <c>(B, L)</c>, user fields <c>(B, F·D)</c> → <c>(B, k, D)</c>.</summary>
    internal string ExportOnnx(OnnxGraph g, string states, string validKeys, string userFields, string name)
    {
        string learned = g.Parameter(_queries, $"{name}.queries");                                                       // (k, D)
        string queries = _generator is null
            ? g.ExpandBatch(learned, states, _count, _dimension)                                                         // (B, k, D)
            : g.Add(g.Reshape(g.Mlp(_generator, userFields, $"{name}.generator"), 0, _count, _dimension), learned);      // (B, k, D)
        string keys = g.SplitHeads(g.LinearLastAxis(_key, states, $"{name}.key"), _heads, _dimension / _heads);          // (B, H, L, Dh)
        string values = g.SplitHeads(g.LinearLastAxis(_value, states, $"{name}.value"), _heads, _dimension / _heads);    // (B, H, L, Dh)
        return g.UniCrossAttention(_block, queries, keys, values, validKeys, _dimension, $"{name}.block");                // (B, k, D)
    }

    /// <summary>Summarizes <paramref name="states"/> <c>(B, L, D)</c> into <c>(B, k, D)</c>.</summary>
    /// <param name="states">The encoder's output.</param>
    /// <param name="padding">Key padding flags, <c>(B, L)</c>.</param>
    /// <param name="userFields">Flattened user/context embeddings <c>(B, F·D)</c>, needed when queries are generated per user.</param>
    public Tensor Forward(Tensor states, bool[] padding, Tensor? userFields)
    {
        int b = states.Dim(0), l = states.Dim(1), dh = _dimension / _heads;
        Tensor queries = _generator is null
            ? Tensor.Zeros(b, _count, _dimension) + _queries                                                  // (B, k, D)
            : _generator.Forward(userFields!).Reshape(b, _count, _dimension) + _queries;                      // (B, k, D)
        Tensor keys = _key.Forward(states).Reshape(b, l, _heads, dh).Permute(0, 2, 1, 3);                     // (B, H, L, Dh)
        Tensor values = _value.Forward(states).Reshape(b, l, _heads, dh).Permute(0, 2, 1, 3);                 // (B, H, L, Dh)
        return _block.Forward(queries, keys, values, padding);                                                // (B, k, D)
    }
}
