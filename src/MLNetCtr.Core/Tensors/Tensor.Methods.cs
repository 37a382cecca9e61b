namespace MLNetCtr.Tensors;

// Instance forms of the reductions and shape ops, so model code reads left to right: e.Flatten(1), x.Sum(axis: 1).
// (The type's documentation lives in Tensor.cs; a second <summary> here would be merged into it.)
public sealed partial class Tensor
{
    /// <summary>Sum of all elements, shape <c>(1,)</c>. See <see cref="Ops.Sum(Tensor)"/>.</summary>
    public Tensor Sum() => Ops.Sum(this);

    /// <summary>Sum over one axis. See <see cref="Ops.Sum(Tensor, int, bool)"/>.</summary>
    public Tensor Sum(int axis, bool keepDims = false) => Ops.Sum(this, axis, keepDims);

    /// <summary>Sum over several axes. See <see cref="Ops.Sum(Tensor, int[], bool)"/>.</summary>
    public Tensor Sum(int[] axes, bool keepDims = false) => Ops.Sum(this, axes, keepDims);

    /// <summary>Mean of all elements, shape <c>(1,)</c>. See <see cref="Ops.Mean(Tensor)"/>.</summary>
    public Tensor Mean() => Ops.Mean(this);

    /// <summary>Mean over one axis. See <see cref="Ops.Mean(Tensor, int, bool)"/>.</summary>
    public Tensor Mean(int axis, bool keepDims = false) => Ops.Mean(this, axis, keepDims);

    /// <summary>Mean over several axes. See <see cref="Ops.Mean(Tensor, int[], bool)"/>.</summary>
    public Tensor Mean(int[] axes, bool keepDims = false) => Ops.Mean(this, axes, keepDims);

    /// <summary>Maximum over one axis. See <see cref="Ops.Max"/>.</summary>
    public Tensor Max(int axis, bool keepDims = false) => Ops.Max(this, axis, keepDims);

    /// <summary>The same elements in a new shape; one dimension may be −1. See <see cref="Ops.Reshape"/>.</summary>
    public Tensor Reshape(params int[] shape) => Ops.Reshape(this, shape);

    /// <summary>Merges axes <paramref name="startAxis"/> … <paramref name="endAxis"/> into one. See <see cref="Ops.Flatten"/>.</summary>
    public Tensor Flatten(int startAxis = 0, int endAxis = -1) => Ops.Flatten(this, startAxis, endAxis);

    /// <summary>Swaps two axes. See <see cref="Ops.Transpose"/>.</summary>
    public Tensor Transpose(int axis0, int axis1) => Ops.Transpose(this, axis0, axis1);

    /// <summary>Reorders the axes. See <see cref="Ops.Permute"/>.</summary>
    public Tensor Permute(params int[] axes) => Ops.Permute(this, axes);

    /// <summary>Inserts a size-1 dimension. See <see cref="Ops.Unsqueeze"/>.</summary>
    public Tensor Unsqueeze(int axis) => Ops.Unsqueeze(this, axis);

    /// <summary>Removes a size-1 dimension. See <see cref="Ops.Squeeze"/>.</summary>
    public Tensor Squeeze(int axis) => Ops.Squeeze(this, axis);

    /// <summary>A range along one axis. See <see cref="Ops.Slice"/>.</summary>
    public Tensor Slice(int axis, int start, int length) => Ops.Slice(this, axis, start, length);
}
