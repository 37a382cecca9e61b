using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.TwoTower;

/// <summary>
/// The FM branch (Rendle, 2010) split into towers. Each side sum-pools its field embeddings, so
/// <c>⟨Σ_{f∈U} e_f, Σ_{g∈I} e_g⟩ = Σ_{f∈U, g∈I} ⟨e_f, e_g⟩</c> is every user × item second-order term. What stays inside a
/// side, its first-order weights and its own pairwise terms, is one scalar s that meets a 1 on the other side:
/// <code>
///   u = [ Σ_{f∈U} e_f,  1,    s_u ]      s_u = Σ_{f∈U} w_f + Σ_{f&lt;f' ∈ U} ⟨e_f, e_f'⟩
///   v = [ Σ_{g∈I} e_g,  s_v,  1   ]      s_v likewise over I
/// </code>
/// so <c>⟨u, v⟩</c> is a whole FM over all fields (without the global bias). Width D + 2.
/// </summary>
internal sealed class FmTowerBranch : SymmetricTowerBranch<FmTowerBranch.Side>
{
    public FmTowerBranch(DataEncoder encoder, ParallelTwoTowerOptions options, Random random)
        : base(new Side(encoder, IsUserSide, options.FmEmbeddingDimension, random, scalarLast: true),
            new Side(encoder, IsItemSide, options.FmEmbeddingDimension, random, scalarLast: false))
    {
    }

    /// <summary>Both sides' field embeddings, user fields first: <c>(B, F, D)</c> (for tests of the FM identity).</summary>
    internal Tensor AllEmbeddings(CtrBatch batch) => Ops.Concat([User.Embeddings(batch), Item.Embeddings(batch)], axis: 1);

    /// <summary>Both sides' first-order terms, <c>Σ_f w_f</c>: <c>(B, 1)</c> (for tests of the FM identity).</summary>
    internal Tensor FirstOrder(CtrBatch batch) => User.FirstOrder(batch) + Item.FirstOrder(batch);

    /// <summary>One tower: <c>[Σ e_f, 1, s]</c> (user) or <c>[Σ e_f, s, 1]</c> (item).</summary>
    internal sealed class Side : TowerSide
    {
        private readonly FeatureEmbedding _embedding;   // (B, F, D)
        private readonly FeatureEmbedding _weights;     // first-order weights: (B, F, 1)
        private readonly bool _scalarLast;

        public Side(DataEncoder encoder, Func<ColumnSchema, bool> include, int dimension, Random random, bool scalarLast)
        {
            _embedding = Register("embedding", new FeatureEmbedding(encoder, dimension, random, include));
            _weights = Register("weights", new FeatureEmbedding(encoder, 1, random, include));
            _scalarLast = scalarLast;
        }

        public override int Width => _embedding.Dimension + 2;

        public Tensor Embeddings(CtrBatch batch) => _embedding.Forward(batch);

        public Tensor FirstOrder(CtrBatch batch) => _weights.Forward(batch).Sum(1);

        public override string Export(OnnxGraph g, string name)
        {
            string e = g.Embed(_embedding, $"{name}.embedding");                                                   // (B, F, D)
            string scalar = g.Add(g.ReduceSum(g.Embed(_weights, $"{name}.weights"), axis: 1), g.FmPairwise(e));   // s: (B, 1)
            string ones = g.OnesColumn(e);                                                                         // (B, 1)
            return g.Concat([g.ReduceSum(e, axis: 1), _scalarLast ? ones : scalar, _scalarLast ? scalar : ones], axis: 1);   // (B, D + 2)
        }

        public override Tensor Forward(CtrBatch batch)
        {
            Tensor e = Embeddings(batch);                                                // (B, F, D)
            Tensor scalar = FirstOrder(batch) + FmInteraction.Pairwise(e);               // s: (B, 1)
            Tensor ones = Ones(batch);                                                   // (B, 1)
            return Ops.Concat([FmInteraction.SumPool(e), _scalarLast ? ones : scalar, _scalarLast ? scalar : ones], axis: 1);   // (B, D + 2)
        }
    }
}
