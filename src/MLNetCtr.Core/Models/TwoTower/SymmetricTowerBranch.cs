using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.TwoTower;

/// <summary>
/// One tower of a <see cref="SymmetricTowerBranch{TSide}"/>: from the fields of one side of a batch (chosen by the
/// include filter it was built with) to that side's branch vector <c>(B, Width)</c>.
/// </summary>
internal abstract class TowerSide : Module
{
    /// <summary>Width of the vector.</summary>
    public abstract int Width { get; }

    /// <summary>The side's vector of every row: <c>(B, Width)</c>.</summary>
    public abstract Tensor Forward(CtrBatch batch);

    /// <summary><see cref="Forward"/> in ONNX: <c>(B, Width)</c> from the side's inputs.</summary>
    public abstract string Export(OnnxGraph g, string name);
}

/// <summary>
/// A branch whose two towers share one architecture and differ only in their fields: a <typeparamref name="TSide"/>
/// over the user and context fields (registered as <c>user</c>, built first) and one over the item fields (<c>item</c>).
/// </summary>
/// <typeparam name="TSide">The architecture of one tower.</typeparam>
internal class SymmetricTowerBranch<TSide> : TowerBranch
    where TSide : TowerSide
{
    /// <summary>Builds the user tower, then the item tower, each from <paramref name="createSide"/> and its side's include filter.</summary>
    public SymmetricTowerBranch(Func<Func<ColumnSchema, bool>, TSide> createSide)
        : this(createSide(IsUserSide), createSide(IsItemSide))
    {
    }

    /// <summary>Registers the two towers, which must have one width (u_k ⊙ v_k needs it).</summary>
    /// <exception cref="ArgumentException">The widths differ.</exception>
    public SymmetricTowerBranch(TSide user, TSide item)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(item);
        if (user.Width != item.Width)
        {
            throw new ArgumentException($"The user tower has width {user.Width} and the item tower {item.Width}; a branch needs one width for u ⊙ v.", nameof(item));
        }
        User = Register("user", user);
        Item = Register("item", item);
    }

    /// <summary>The user tower: user + context fields → <c>(B, Width)</c>.</summary>
    protected TSide User { get; }

    /// <summary>The item tower: item fields → <c>(B, Width)</c>.</summary>
    protected TSide Item { get; }

    /// <inheritdoc/>
    public override int Width => User.Width;

    /// <inheritdoc/>
    public override Tensor UserVector(CtrBatch batch) => User.Forward(batch);

    /// <inheritdoc/>
    public override Tensor ItemVector(CtrBatch batch) => Item.Forward(batch);

    /// <inheritdoc/>
    public override string ExportUser(OnnxGraph g, string name) => User.Export(g, $"{name}.user");

    /// <inheritdoc/>
    public override string ExportItem(OnnxGraph g, string name) => Item.Export(g, $"{name}.item");
}
