namespace MLNetCtr.Nn;

/// <summary>
/// The random source of one layer's dropout masks. <see cref="Module.ReseedDropout"/> reseeds every source of a model
/// before each training step, so a step's masks depend only on (seed, step, layer): a run resumed from a checkpoint then
/// draws the same masks as an uninterrupted one.
/// </summary>
public sealed class DropoutMasks
{
    /// <summary>Creates a source seeded with <paramref name="seed"/>.</summary>
    public DropoutMasks(int seed) => Random = new Random(seed);

    /// <summary>The generator to draw masks from.</summary>
    public Random Random { get; private set; }

    internal void Reseed(int seed) => Random = new Random(seed);

    /// <summary>A well-mixed seed from two integers (SplitMix64's finalizer), stable across processes and platforms.</summary>
    internal static int Mix(int seed, long salt)
    {
        ulong z = ((ulong)(uint)seed << 32) ^ (ulong)salt;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
