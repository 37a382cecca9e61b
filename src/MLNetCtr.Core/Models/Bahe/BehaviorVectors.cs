using System.Collections.Concurrent;
using MLNetCtr.Tensors;
using MLNetCtr.Text;
using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>
/// Turns behavior texts into BAHE's behavior vectors (D each), without gradients (the shallow part is frozen):
/// <see cref="BaheMode.AtomicBehaviors"/> looks them up in the <see cref="BehaviorTable"/> (encoding a text the table
/// lacks once, if the pretrained encoder is configured); <see cref="BaheMode.TokenLevel"/> runs the shallow part over
/// every token of every behavior on each call. Thread-safe, so sequences can be looked up in parallel.
/// </summary>
internal sealed class BehaviorVectors
{
    private readonly BaheOptions _options;
    private readonly Lazy<BaheBehaviorEncoder> _encoder;
    private readonly ConcurrentDictionary<string, int[]> _idsOfField = new(StringComparer.Ordinal);     // table mode: raw field → ids
    private readonly ConcurrentDictionary<string, int[]> _tokensOfText = new(StringComparer.Ordinal);   // token mode: text → token ids

    public BehaviorVectors(BaheOptions options)
    {
        _options = options;
        Dimension = BaheBehaviorEncoder.DimensionOf(options.FrozenLayers);
        Table = BehaviorTable.Open(options.BehaviorTable!, Dimension, BaheBehaviorEncoder.IdentityOf(options.FrozenLayers));
        _encoder = new Lazy<BaheBehaviorEncoder>(LoadEncoder);
    }

    /// <summary>D, the width of a behavior vector.</summary>
    public int Dimension { get; }

    /// <summary>The behavior table (also in token-level mode, which keeps it for the item texts' fingerprint only).</summary>
    public BehaviorTable Table { get; }

    /// <summary>The frozen pretrained encoder (loaded on first use).</summary>
    public BaheBehaviorEncoder Encoder => _encoder.Value;

    /// <summary>
    /// The behavior vectors of <paramref name="fields"/> (one field of texts joined by <paramref name="separator"/> per row),
    /// the most recent <paramref name="maxLength"/> of each, left-aligned: <c>(B, L, D)</c> and the lengths.
    /// </summary>
    public (Tensor Vectors, int[] Lengths) Sequences(string[] fields, string separator, int maxLength)
    {
        string[][] texts = [.. fields.Select(f => Split(f, separator, maxLength))];
        int[] lengths = [.. texts.Select(t => t.Length)];
        int b = fields.Length, l = Math.Max(1, lengths.DefaultIfEmpty(0).Max()), d = Dimension;
        var output = Tensor.Zeros(b, l, d);                                                         // (B, L, D), padding zero
        string[] flat = [.. texts.SelectMany(t => t)];
        float[] vectors = Lookup(flat, fields, texts);                                              // (N, D)
        for (int row = 0, n = 0; row < b; row++)
        {
            vectors.AsSpan(n * d, lengths[row] * d).CopyTo(output.Data.AsSpan(row * l * d));
            n += lengths[row];
        }
        return (output, lengths);
    }

    /// <summary>The vectors of single texts (item texts), <c>(B, D)</c>.</summary>
    public Tensor Single(string[] texts) => Tensor.From(Lookup(texts, texts, [.. texts.Select(t => new[] { t })]), texts.Length, Dimension);

    private float[] Lookup(string[] flat, string[] fields, string[][] texts) =>
        _options.Mode == BaheMode.TokenLevel ? TokenLevel(flat) : FromTable(flat, fields, texts);

    /// <summary>Atomic behaviors: each text's row of the table; texts the table lacks are encoded once first.</summary>
    private float[] FromTable(string[] flat, string[] fields, string[][] texts)
    {
        int d = Dimension;
        var vectors = new float[flat.Length * d];
        for (int row = 0, n = 0; row < fields.Length; row++)
        {
            int[] ids = _idsOfField.GetOrAdd(fields[row], static (_, state) => state.Self.IdsOf(state.Texts), (Self: this, Texts: texts[row]));
            foreach (int id in ids)
            {
                Table.VectorOf(id).CopyTo(vectors.AsSpan(n++ * d, d));
            }
        }
        return vectors;
    }

    private int[] IdsOf(string[] texts)
    {
        if (texts.Any(t => !Table.TryGetId(t, out _)))
        {
            if (_options.EncoderModel is null)
            {
                string missing = texts.First(t => !Table.TryGetId(t, out _));
                throw new InvalidOperationException($"Behavior '{missing}' is not in the behavior table '{Table.Path}' ({Table.Count} behaviors) and no EncoderModel is set to encode it: run `mlnetctr encode-behaviors` on this data first.");
            }
            Encoder.Encode(Table, texts);
        }
        return [.. texts.Select(t => Table.TryGetId(t, out int id) ? id : throw new InvalidOperationException($"Behavior '{t}' was not stored."))];
    }

    /// <summary>Token level: the frozen shallow part over every token of every text, now.</summary>
    private float[] TokenLevel(string[] flat)
    {
        if (flat.Length == 0)
        {
            return [];
        }
        BaheBehaviorEncoder encoder = Encoder;
        int[][] tokens = [.. flat.Select(t => _tokensOfText.GetOrAdd(t, encoder.Pretrained.Tokenizer.Encode))];
        // Outside the caller's TensorScope: the token batches' shapes change every step, and the buffer pool keeps each
        // length for a few scopes, i.e. several steps of gigabyte activations; here they are garbage when done.
        // EncodeTokens runs equal-length texts together (no padding), so the vectors are bit-identical to the table's.
        using TensorScope.Joined outside = TensorScope.Join(null);
        return encoder.EncodeTokens(tokens).Data;   // (N, D), no gradients
    }

    private BaheBehaviorEncoder LoadEncoder()
    {
        string path = _options.EncoderModel ?? throw new InvalidOperationException("No EncoderModel is set.");
        // Loaded on first use, typically inside a training step's TensorScope: the encoder outlives the step, so none of
        // its tensors may borrow from the step's pool.
        using TensorScope.Joined outside = TensorScope.Join(null);
        UseLiteEncoder pretrained = UseLiteEncoder.Load(path);
        foreach (Tensor parameter in pretrained.Parameters())
        {
            parameter.RequiresGrad = false;
        }
        return new BaheBehaviorEncoder(pretrained, new BaheEncoderOptions { FrozenLayers = _options.FrozenLayers });
    }

    private static string[] Split(string field, string separator, int maxLength)
    {
        if (string.IsNullOrEmpty(field))
        {
            return [];
        }
        string[] all = field.Split(separator);
        return all.Length <= maxLength ? all : all[^maxLength..];   // the most recent, as the data loader keeps
    }
}
