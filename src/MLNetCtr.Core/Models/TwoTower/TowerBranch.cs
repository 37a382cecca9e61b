using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.TwoTower;

/// <summary>
/// One branch of both towers of <see cref="ParallelTwoTower"/>: a user vector u_k from the user and context fields and an
/// item vector v_k from the item fields, both of width <see cref="Width"/>, whose product <c>u_k ⊙ v_k</c> feeds the
/// matching layer. Each branch owns its embeddings; u_k never reads an item field and v_k never a user field.
/// </summary>
internal abstract class TowerBranch : Module
{
    /// <summary>Width of u_k and v_k.</summary>
    public abstract int Width { get; }

    /// <summary>u_k of every row, from its user and context fields: <c>(B, Width)</c>.</summary>
    public abstract Tensor UserVector(CtrBatch batch);

    /// <summary>v_k of every row, from its item fields: <c>(B, Width)</c>.</summary>
    public abstract Tensor ItemVector(CtrBatch batch);

    /// <summary><see cref="UserVector"/> in ONNX: <c>(B, Width)</c> from the user and context inputs.</summary>
    public abstract string ExportUser(OnnxGraph g, string name);

    /// <summary><see cref="ItemVector"/> in ONNX: <c>(B, Width)</c> from the item inputs.</summary>
    public abstract string ExportItem(OnnxGraph g, string name);

    /// <summary>Whether a feature column goes to the user tower (user and context fields).</summary>
    public static bool IsUserSide(ColumnSchema column) => column.Side is FeatureSide.User or FeatureSide.Context;

    /// <summary>Whether a feature column goes to the item tower.</summary>
    public static bool IsItemSide(ColumnSchema column) => column.Side == FeatureSide.Item;

    /// <summary>A column of ones, <c>(B, 1)</c>: the partner of the other side's scalar terms.</summary>
    protected static Tensor Ones(CtrBatch batch) => Tensor.Full(1f, batch.RowCount, 1);
}
