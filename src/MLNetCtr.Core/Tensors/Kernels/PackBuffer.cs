using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// A per-thread scratch buffer for GEMM packing: pinned (on the pinned object heap, so it never moves), aligned to
/// 64 bytes (one cache line, one <c>Vector512</c>), grown to the next power of two when too small and never shrunk.
/// A steady-state GEMM therefore allocates no packing memory.
/// </summary>
/// <remarks>
/// Two buffers per thread: <see cref="ForA"/> holds the A block a thread packs for its own tiles, and
/// <see cref="ForB"/> holds the B block that the calling thread packs and its helpers only read. Packing and the
/// micro-kernels never call back into <see cref="Gemm"/>, so a buffer is never used twice at once on one thread.
/// </remarks>
internal sealed class PackBuffer
{
    private const int AlignmentInFloats = 16;

    [ThreadStatic]
    private static PackBuffer? t_forA;

    [ThreadStatic]
    private static PackBuffer? t_forB;

    private float[] _array = [];
    private int _capacity;
    private nint _aligned;

    /// <summary>This thread's buffer for packed blocks of op(A).</summary>
    public static PackBuffer ForA => t_forA ??= new PackBuffer();

    /// <summary>This thread's buffer for packed blocks of op(B).</summary>
    public static PackBuffer ForB => t_forB ??= new PackBuffer();

    /// <summary>Returns an aligned region of at least <paramref name="length"/> floats; the contents are undefined.</summary>
    public unsafe float* Reserve(int length)
    {
        if (_capacity < length)
        {
            int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)length);
            _array = GC.AllocateUninitializedArray<float>(capacity + AlignmentInFloats, pinned: true);
            nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
            _aligned = (start + (AlignmentInFloats * sizeof(float) - 1)) & ~(nint)(AlignmentInFloats * sizeof(float) - 1);
            _capacity = capacity;
        }
        return (float*)_aligned;
    }
}
