using System.Text.Unicode;

namespace MLNetCtr.Data;

/// <summary>
/// 32-bit FNV-1a of the UTF-8 bytes of a string: the same value on every run, process and platform, unlike
/// <see cref="string.GetHashCode()"/>, which is randomized per process. Used for hashed vocabularies, whose ids are saved
/// with models.
/// </summary>
internal static class StableHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>FNV-1a over the UTF-8 encoding of <paramref name="value"/> (invalid surrogates become U+FFFD).</summary>
    public static uint Fnv1a(ReadOnlySpan<char> value)
    {
        Span<byte> utf8 = stackalloc byte[256];
        uint hash = OffsetBasis;
        while (true)
        {
            // Encodes a chunk at a time so that no string or array is allocated, whatever the length.
            Utf8.FromUtf16(value, utf8, out int charsRead, out int bytesWritten, replaceInvalidSequences: true, isFinalBlock: true);
            foreach (byte b in utf8[..bytesWritten])
            {
                hash = (hash ^ b) * Prime;
            }
            if (charsRead == value.Length)
            {
                return hash;
            }
            value = value[charsRead..];
        }
    }

    /// <summary>The bucket of <paramref name="value"/> among <paramref name="buckets"/>: <c>Fnv1a(value) mod buckets</c>.</summary>
    public static int Bucket(ReadOnlySpan<char> value, int buckets) => (int)(Fnv1a(value) % (uint)buckets);
}
