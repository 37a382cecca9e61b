using System.Diagnostics;
using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.TwoTower;

/// <summary>
/// The parallel two-tower model (Tencent QQ Browser's parallel two-tower; see DESIGN.md §1.3): user and context fields
/// feed a user tower, item fields an item tower, and each tower holds parallel branches (MLP, DCN-V2, FM, FFM, CIN),
/// each with its own embeddings. Branch k gives u_k and v_k; the matching layer is a logistic regression over their
/// element-wise products:
/// <code>
///   logit_t = w_t · concat_k(u_k ⊙ v_k) + b_t  =  ⟨concat_k(w_{t,k} ⊙ u_k), concat_k(v_k)⟩ + b_t
/// </code>
/// so the weights fold into the user vector and serving is one inner product per item
/// (<see cref="Serving.TwoTowerServing"/>). With the MLP branch alone this is the classic DSSM two-tower.
/// </summary>
public sealed class ParallelTwoTower : CtrModel, IOnnxExportable, IUserOnceScoring
{
    private readonly TowerBranch[] _branches;
    private readonly string[] _branchNames;   // the branches' registered names, e.g. "mlp"
    private readonly Linear _matching;   // (B, W) → (B, T): w_t, b_t

    /// <summary>Creates the towers for the features of <paramref name="encoder"/>'s schema; initialization is seeded by the options.</summary>
    /// <exception cref="ArgumentException">The schema has no user/context feature or no item feature.</exception>
    public ParallelTwoTower(DataEncoder encoder, ParallelTwoTowerOptions options)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckSides(encoder.Schema);
        var random = new Random(options.Seed);
        _branchNames = [.. options.Branches.Select(kind => kind.ToString().ToLowerInvariant())];
        _branches = [.. options.Branches.Select((kind, k) => Register(_branchNames[k], CreateBranch(kind, encoder, options, random)))];
        Width = _branches.Sum(b => b.Width);
        _matching = Register("matching", new Linear(Width, Tasks.Count, random));
    }

    /// <summary>W, the width of the user and item vectors (the sum of the branch widths).</summary>
    public int Width { get; }

    /// <summary>The branches, in the order of the matching vector.</summary>
    internal IReadOnlyList<TowerBranch> Branches => _branches;

    /// <summary>The matching weights w, <c>(T, W)</c>: row t weighs <c>u ⊙ v</c> for task t.</summary>
    public Tensor MatchingWeight => _matching.Weight;

    /// <summary>The matching biases b, <c>(T)</c>.</summary>
    public Tensor MatchingBias => _matching.Bias!;

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch) =>
        _matching.Forward(UserVectors(batch) * ItemVectors(batch));   // concat_k(u_k ⊙ v_k): (B, W) → (B, T)

    /// <summary>The unweighted user vectors <c>concat_k(u_k)</c>, from user and context fields only: <c>(B, W)</c>.</summary>
    public Tensor UserVectors(CtrBatch batch) => Concat([.. _branches.Select(b => b.UserVector(batch))]);

    /// <summary>The item vectors <c>concat_k(v_k)</c>, from item fields only: <c>(B, W)</c>.</summary>
    public Tensor ItemVectors(CtrBatch batch) => Concat([.. _branches.Select(b => b.ItemVector(batch))]);

    Func<CtrBatch, Tensor> IUserOnceScoring.ForUser(CtrBatch user)
    {
        Tensor u = UserVectors(user);                                              // (1, W), once per request
        return candidates => _matching.Forward(u * ItemVectors(candidates));      // (1, W) ⊙ (C, W) → (C, T)
    }

    string IOnnxExportable.ExportOnnx(OnnxGraph graph) =>
        graph.Linear(_matching, graph.Mul(ExportUserVectors(graph), ExportItemVectors(graph)), "matching");   // concat_k(u_k ⊙ v_k): (B, W) → (B, T)

    /// <summary><see cref="UserVectors"/> in ONNX: <c>(B, W)</c> from the user and context inputs.</summary>
    internal string ExportUserVectors(OnnxGraph graph) =>
        graph.Concat([.. _branches.Select((b, k) => b.ExportUser(graph, _branchNames[k]))], axis: 1);

    /// <summary><see cref="ItemVectors"/> in ONNX: <c>(B, W)</c> from the item inputs.</summary>
    internal string ExportItemVectors(OnnxGraph graph) =>
        graph.Concat([.. _branches.Select((b, k) => b.ExportItem(graph, _branchNames[k]))], axis: 1);

    private static Tensor Concat(Tensor[] parts) => parts.Length == 1 ? parts[0] : Ops.Concat(parts, axis: 1);

    private static TowerBranch CreateBranch(TowerBranchKind kind, DataEncoder encoder, ParallelTwoTowerOptions options, Random random) => kind switch
    {
        TowerBranchKind.Mlp => new SymmetricTowerBranch<MlpTowerSide>(include => new MlpTowerSide(encoder, include, options, random)),
        TowerBranchKind.Dcn => new SymmetricTowerBranch<DcnTowerSide>(include => new DcnTowerSide(encoder, include, options, random)),
        TowerBranchKind.Fm => new FmTowerBranch(encoder, options, random),
        TowerBranchKind.Ffm => new FfmTowerBranch(encoder, options, random),
        TowerBranchKind.Cin => new SymmetricTowerBranch<CinTowerSide>(include => new CinTowerSide(encoder, include, options, random)),
        _ => throw new UnreachableException(),
    };

    private static void CheckSides(DatasetSchema schema)
    {
        string[] user = [.. schema.Features.Where(c => TowerBranch.IsUserSide(c) && FeatureEmbedding.Embeds(c)).Select(c => c.Name)];
        string[] item = [.. schema.Features.Where(c => TowerBranch.IsItemSide(c) && FeatureEmbedding.Embeds(c)).Select(c => c.Name)];
        if (user.Length == 0 || item.Length == 0)
        {
            throw new ArgumentException($"A two-tower model needs at least one user or context feature and one item feature (set each column's side in the schema); " +
                $"user/context: [{string.Join(", ", user)}], item: [{string.Join(", ", item)}].", nameof(schema));
        }
    }
}
