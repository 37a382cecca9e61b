using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;

namespace MLNetCtr.Models;

/// <summary>How <see cref="Srp4Ctr"/> reads the user's sequence.</summary>
public enum Srp4CtrMode
{
    /// <summary>SRP4CTR: uni cross-attention of the candidate at every layer and a Querying Transformer.</summary>
    CrossAttention,

    /// <summary>FG-BERT-MP, the paper's comparison point: mean pooling of the encoder's output, no candidate attention.</summary>
    MeanPooling,
}

/// <summary>
/// SRP4CTR fine-tuning (Han et al., 2024, arXiv 2407.19658). The (pre)trained FG-BERT encodes the behaviors; at every
/// layer l the candidate <c>c_0 = x_c + pos_c</c> is updated by a <see cref="UniCrossAttention"/> block over that
/// layer's input projected by the layer's own K/V (shared): <c>c_{l+1} = Block_l(c_l, K_l(h_l), V_l(h_l))</c>; a
/// <see cref="QueryingTransformer"/> summarizes <c>h_N</c>; <c>logit = MLP([queries, c_N, x_c, candidate and
/// user/context fields])</c>. The user part depends on the user only (<see cref="EncodeUser"/>), so serving scores
/// many candidates against one cached state (<see cref="ScoreCandidates"/>).
/// </summary>
public sealed partial class Srp4Ctr : CtrModel
{
    private readonly Srp4CtrOptions _options;
    private readonly ModuleList<UniCrossAttention> _cross;     // per layer: (B, C, D) → (B, C, D)
    private readonly Tensor _candidatePosition;                // (D)
    private readonly QueryingTransformer? _queries;            // (B, L, D) → (B, k, D)
    private readonly FeatureEmbedding _userFields;             // → (B, Fu, D)
    private readonly FeatureEmbedding? _itemFields;            // → (B, Fi, D)
    private readonly Mlp _head;                                // (B, X) → (B, T)
    private const string TokensPrefix = "tokens.";              // the encoder's child holding the tables and positions

    /// <summary>Creates the model (randomly initialized; <see cref="Srp4CtrTrainer"/> loads the pretrained encoder).</summary>
    public Srp4Ctr(DataEncoder encoder, Srp4CtrOptions options)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        var random = new Random(options.Seed);
        FgBertArchitecture a = options.Architecture;
        int d = a.EmbeddingDimension;
        Encoder = Register("encoder", new FgBertEncoder(encoder, a, random));
        BehaviorSchema schema = Encoder.Tokens.Schema;
        bool cross = options.Mode == Srp4CtrMode.CrossAttention;
        _cross = Register("cross", new ModuleList<UniCrossAttention>(cross ? Enumerable.Range(0, a.Layers).Select(_ => new UniCrossAttention(d, a.Heads, a.FeedForward, random)).ToArray() : []));
        _candidatePosition = RegisterParameter("candidatePosition", Init.Normal(Tensor.Parameter(new float[d], [d]), a.InitStandardDeviation, random));
        _userFields = Register("userFields", new FeatureEmbedding(encoder, d, random, c => !schema.Covers(c) && c.Side != FeatureSide.Item));
        _itemFields = encoder.Schema.Features.Any(c => IsItemField(schema, c)) ? Register("itemFields", new FeatureEmbedding(encoder, d, random, c => IsItemField(schema, c))) : null;
        int userWidth = _userFields.Fields.Count * d;
        _queries = cross ? Register("queries", new QueryingTransformer(options.QueryCount, d, a.Heads, a.FeedForward, options.UserQueries ? userWidth : 0, random)) : null;
        int width = (cross ? options.QueryCount * d + d : d) + userWidth + d + (_itemFields?.Fields.Count ?? 0) * d;
        _head = Register("head", new Mlp(width, options.HiddenSizes, random, outputSize: Tasks.Count));
    }

    /// <summary>The behavior encoder (FG-BERT), child <c>encoder</c>: its parameter names match the pretrained file's <c>encoder.*</c>.</summary>
    public FgBertEncoder Encoder { get; }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch) => ScoreCandidates(EncodeUser(batch), batch);   // one candidate per user: (B, T)

    /// <summary>Everything that depends on the user only, for each row of <paramref name="users"/> (candidate columns are ignored).</summary>
    public Srp4CtrUserState EncodeUser(CtrBatch users)
    {
        ArgumentNullException.ThrowIfNull(users);
        bool[] padding = Encoder.Tokens.PaddingMask(users);
        Tensor[] states = Encoder.Encode(Encoder.Embed(users), padding);                              // N + 1 × (U, L, D)
        Tensor userFields = _userFields.Forward(users).Flatten(1);                                   // (U, Fu·D)
        if (_queries is null)
        {
            return new Srp4CtrUserState([], padding, Ops.Concat([Encoder.Tokens.MeanOverValid(states[^1], users), userFields], axis: 1));   // (U, D + Fu·D)
        }
        var layers = _cross.Select((_, l) => Encoder.Layers[l].Attention.ProjectKeyValue(states[l])).ToArray();   // (U, H, L, Dh) each
        Tensor queries = _queries.Forward(states[^1], padding, userFields).Flatten(1);                // (U, k·D)
        return new Srp4CtrUserState(layers, padding, Ops.Concat([queries, userFields], axis: 1));    // (U, k·D + Fu·D)
    }

    /// <summary>
    /// Logits <c>(C, T)</c> of the candidates in <paramref name="candidates"/> (its item columns): for one user (the
    /// state of one user, any number of candidates) or one candidate per user (C = U rows, as in training).
    /// </summary>
    public Tensor ScoreCandidates(Srp4CtrUserState user, CtrBatch candidates)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(candidates);
        int c = candidates.RowCount, u = user.UserCount, d = Encoder.Architecture.EmbeddingDimension;
        if (u != 1 && u != c)
        {
            throw new ArgumentException($"The state holds {u} users; score either one user's candidates or one candidate per user ({u} rows), not {c} rows.", nameof(candidates));
        }
        Tensor content = Encoder.Tokens.CandidateContent(candidates);                                // (C, D)
        var parts = new List<Tensor> { Expand(user.UserVector, c), content };                        // (C, X), (C, D)
        if (_itemFields is not null)
        {
            parts.Add(_itemFields.Forward(candidates).Flatten(1));                                  // (C, Fi·D)
        }
        if (_cross.Count > 0)
        {
            Tensor query = (content + _candidatePosition).Reshape(u, c / u, d);                     // (U, C/U, D)
            for (int l = 0; l < _cross.Count; l++)
            {
                query = _cross[l].Forward(query, user.Layers[l].Keys, user.Layers[l].Values, user.Padding);   // (U, C/U, D)
            }
            parts.Add(query.Reshape(c, d));                                                          // (C, D)
        }
        return _head.Forward(Ops.Concat([.. parts], axis: 1));                                       // (C, T)
    }

    /// <summary>
    /// Copies the pretrained encoder's weights into <see cref="Encoder"/>, and freezes them if asked. The embedding
    /// tables are copied value by value from the pretraining vocabularies to <paramref name="encoder"/>'s
    /// (<see cref="BehaviorTokens.CopyFrom"/>): fine-tuning data fitted to its own vocabularies numbers values differently.
    /// </summary>
    internal void LoadPretrained(PretrainedFgBert pretrained, DataEncoder encoder)
    {
        Encoder.Tokens.CopyFrom(pretrained.Model.Encoder.Tokens, pretrained.DataEncoder, encoder);
        var source = pretrained.Model.Encoder.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        foreach ((string name, Tensor parameter) in Encoder.NamedParameters())
        {
            if (!name.StartsWith(TokensPrefix, StringComparison.Ordinal))
            {
                if (!source.TryGetValue(name, out Tensor? from) || !from.Shape.SequenceEqual(parameter.Shape))
                {
                    throw new InvalidDataException($"The pretrained encoder's '{name}' is missing or has shape {(from is null ? "none" : Tensor.ShapeString(from.Shape))}; " +
                        $"this model needs {Tensor.ShapeString(parameter.Shape)}: fine-tune with the pretraining architecture.");
                }
                from.Data.CopyTo(parameter.Data, 0);
            }
            parameter.RequiresGrad = !_options.FreezeEncoder;
        }
    }

    private static Tensor Expand(Tensor perUser, int rows) => perUser.Dim(0) == rows ? perUser : Tensor.Zeros(rows, perUser.Dim(1)) + perUser;   // (1, X) → (C, X)

    private static bool IsItemField(BehaviorSchema schema, ColumnSchema c) =>
        !schema.Covers(c) && c.Side == FeatureSide.Item && c.Type is not (ColumnType.Text or ColumnType.TextSequence);
}
