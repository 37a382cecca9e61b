using MLNetCtr.Tensors;

namespace MLNetCtr.Text;

/// <summary>
/// BAHE's atomic behavior encoding (Geng et al., SIGIR 2024, arXiv 2403.19347): each distinct behavior text runs once
/// through the frozen shallow part of a pretrained encoder (token embeddings + the first
/// <see cref="BaheEncoderOptions.FrozenLayers"/> layers of <see cref="UseLiteEncoder"/>), is mean-pooled over its tokens
/// to one D-vector and stored in a <see cref="BehaviorTable"/>. Texts already in the table are skipped, so later runs
/// encode only what is new.
/// <code>
///   tokens(text) → x = 2E[id] + timing (T, 256) → Layer₀ … Layer_{k−1} (T, D) → mean over T → table[id(text)] (D)
/// </code>
/// </summary>
public sealed class BaheBehaviorEncoder
{
    /// <summary>Creates the encoder over a loaded pretrained model.</summary>
    public BaheBehaviorEncoder(UseLiteEncoder encoder, BaheEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        options ??= new BaheEncoderOptions();
        options.Validate();
        Pretrained = encoder;
        Options = options;
        encoder.Eval();
    }

    /// <summary>The pretrained encoder whose shallow part is used (never trained here).</summary>
    public UseLiteEncoder Pretrained { get; }

    /// <summary>The options.</summary>
    public BaheEncoderOptions Options { get; }

    /// <summary>Width D of a behavior vector: 256 with no frozen layer, else 512.</summary>
    public int Dimension => DimensionOf(Options.FrozenLayers);

    /// <summary>The name a table records for vectors made this way, e.g. <c>use-lite/frozen-layers=1</c>.</summary>
    public string Identity => IdentityOf(Options.FrozenLayers);

    /// <summary>Width D of a behavior vector for <paramref name="frozenLayers"/> frozen layers.</summary>
    public static int DimensionOf(int frozenLayers) => frozenLayers == 0 ? UseLiteEncoder.EmbeddingDim : UseLiteEncoder.Width;

    /// <summary>The table identity for <paramref name="frozenLayers"/> frozen layers.</summary>
    public static string IdentityOf(int frozenLayers) => $"use-lite/frozen-layers={frozenLayers}";

    /// <summary>Opens (or creates) a table at <paramref name="path"/> for this encoder's vectors.</summary>
    public BehaviorTable OpenTable(string path) => BehaviorTable.Open(path, Dimension, Identity);

    /// <summary>
    /// Encodes every text of <paramref name="texts"/> that <paramref name="table"/> lacks (each distinct text once), in
    /// batches run in parallel, and stores the vectors in a deterministic order (shortest texts first); returns how many texts were new.
    /// </summary>
    public int Encode(BehaviorTable table, IEnumerable<string> texts, IProgress<BehaviorEncodingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(texts);
        if (table.Dimension != Dimension || table.Encoder != Identity)
        {
            throw new ArgumentException($"Table '{table.Path}' holds {table.Dimension}-d vectors from '{table.Encoder}'; this encoder makes {Dimension}-d vectors as '{Identity}'.", nameof(table));
        }
        var unseen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string text in texts)
        {
            if (!table.TryGetId(text, out _))
            {
                unseen.Add(text);
            }
        }
        (string Text, int[] Tokens)[] sorted = [.. unseen.Select(t => (t, Pretrained.Tokenizer.Encode(t))).OrderBy(t => t.Item2.Length).ThenBy(t => t.t, StringComparer.Ordinal)];
        (string Text, int[] Tokens)[][] batches = [.. sorted.GroupBy(t => ClippedLength(t.Tokens)).SelectMany(g => g.Chunk(Options.BatchSize))];   // no padding
        var results = new float[batches.Length][];
        int done = 0, nextToStore = 0;
        progress?.Report(new BehaviorEncodingProgress(0, sorted.Length));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.DegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, batches.Length, parallel, i =>
        {
            using (GradMode.NoGrad())
            {
                results[i] = Shallow(TokenBatch.From([.. batches[i].Select(t => t.Tokens)], UseLiteEncoder.MaxTokens)).Data;
            }
            lock (results)   // store finished batches in batch order, so ids do not depend on thread timing
            {
                int first = nextToStore;
                while (nextToStore < batches.Length && results[nextToStore] is not null)
                {
                    nextToStore++;
                }
                if (nextToStore > first)   // one transaction for every batch that is ready, in order
                {
                    string[] texts = [.. batches[first..nextToStore].SelectMany(b => b.Select(t => t.Text))];
                    table.Add(texts, [.. results[first..nextToStore].SelectMany(v => v)]);
                    Array.Clear(results, first, nextToStore - first);
                    done += texts.Length;
                    progress?.Report(new BehaviorEncodingProgress(done, sorted.Length));
                }
            }
        });
        return sorted.Length;
    }

    /// <summary>The pooled shallow vectors of <paramref name="texts"/>, <c>(N, D)</c>, without gradients (see <see cref="EncodeTokens"/>).</summary>
    public Tensor EncodeBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return EncodeTokens([.. texts.Select(Pretrained.Tokenizer.Encode)]);
    }

    /// <summary>
    /// The pooled shallow vectors of texts given as token ids, <c>(N, D)</c> in input order, without gradients. The texts
    /// run in groups of equal token count, i.e. without padding: the softmax and mean reductions are vectorised, so
    /// padding a text to a longer one's length changes the rounding of its vector. This way a text's vector depends on
    /// its tokens only, bit for bit, whatever else is encoded with it; the table (<see cref="Encode"/>, which batches
    /// the same way) and BAHE's token-level mode therefore give identical vectors.
    /// </summary>
    public Tensor EncodeTokens(IReadOnlyList<int[]> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        int d = Dimension;
        var output = Tensor.Zeros(tokens.Count, d);                                                    // (N, D)
        using var noGrad = GradMode.NoGrad();
        foreach (IGrouping<int, int> group in Enumerable.Range(0, tokens.Count).GroupBy(i => ClippedLength(tokens[i])))
        {
            int[] rows = [.. group];
            float[] vectors = Shallow(TokenBatch.From([.. rows.Select(i => tokens[i])], UseLiteEncoder.MaxTokens)).Data;   // (n, D)
            for (int r = 0; r < rows.Length; r++)
            {
                vectors.AsSpan(r * d, d).CopyTo(output.Data.AsSpan(rows[r] * d));
            }
        }
        return output;
    }

    /// <summary>The frozen shallow part over a token batch: embeddings, the first layers, mean over valid tokens; <c>(N, D)</c>.</summary>
    public Tensor Shallow(TokenBatch tokens)
    {
        Tensor states = Pretrained.RunLayers(Pretrained.Embed(tokens), tokens, 0, Options.FrozenLayers);   // (N, T, D)
        return MaskedMeanPooling.Forward(states, tokens.Lengths);                                           // (N, D)
    }

    private static int ClippedLength(int[] tokens) => Math.Min(tokens.Length, UseLiteEncoder.MaxTokens);
}
