using System.Text.Json.Serialization;

namespace MLNetCtr.Data;

/// <summary>
/// Maps the values of one or more categorical, sequence or text-sequence columns to ids, fit on training data.
/// Id <see cref="PaddingId"/> (0) pads sequences, <see cref="OutOfVocabularyId"/> (1) stands for every value not
/// kept, and known values take ids from <see cref="FirstValueId"/> (2) on, most frequent first (ties in ordinal string
/// order), so a fit is deterministic. With <see cref="HashBuckets"/>, values are hashed instead (FNV-1a of UTF-8,
/// stable across processes) into ids <c>2 .. 2 + HashBuckets − 1</c>.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>The id of sequence padding.</summary>
    public const int PaddingId = 0;

    /// <summary>The id of values not in the vocabulary (unseen, or seen fewer than <see cref="MinCount"/> times).</summary>
    public const int OutOfVocabularyId = 1;

    /// <summary>The id of the first known value.</summary>
    public const int FirstValueId = 2;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates a vocabulary from its values in id order (the first gets id 2), or a hashed one.</summary>
    /// <param name="name">Vocabulary name (a column name, or the shared name of several columns).</param>
    /// <param name="values">Known values in id order; must be empty when <paramref name="hashBuckets"/> is set.</param>
    /// <param name="minCount">The minimum training count the fit used (kept for reference).</param>
    /// <param name="hashBuckets">Number of hash buckets, or null for a fitted vocabulary.</param>
    [JsonConstructor]
    public Vocabulary(string name, IReadOnlyList<string> values, int minCount = 1, int? hashBuckets = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        if (hashBuckets is int buckets)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(buckets, nameof(hashBuckets));
            if (values.Count > 0)
            {
                throw new ArgumentException($"Vocabulary '{name}' is hashed into {buckets} buckets, so it cannot also list {values.Count} values.", nameof(values));
            }
        }
        for (int i = 0; i < values.Count; i++)
        {
            if (!_ids.TryAdd(values[i], FirstValueId + i))
            {
                throw new ArgumentException($"Vocabulary '{name}' lists '{values[i]}' twice (ids {_ids[values[i]]} and {FirstValueId + i}).", nameof(values));
            }
        }
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        Name = name;
        Values = values.ToArray();
        MinCount = minCount;
        HashBuckets = hashBuckets;
    }

    /// <summary>Vocabulary name (a column name, or the shared name of several columns).</summary>
    public string Name { get; }

    /// <summary>Known values in id order: <c>Values[i]</c> has id <c>i + 2</c>. Empty when hashed.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Values seen fewer times than this in training were left out (map to <see cref="OutOfVocabularyId"/>).</summary>
    public int MinCount { get; }

    /// <summary>Number of hash buckets, or null for a fitted vocabulary.</summary>
    public int? HashBuckets { get; }

    /// <summary>Number of ids, padding and out-of-vocabulary included: the row count of an embedding table.</summary>
    [JsonIgnore]
    public int Size => FirstValueId + (HashBuckets ?? Values.Count);

    /// <summary>The id of <paramref name="value"/>: its fitted id, its hash bucket, or <see cref="OutOfVocabularyId"/>.</summary>
    public int IdOf(ReadOnlySpan<char> value)
    {
        if (HashBuckets is int buckets)
        {
            return FirstValueId + StableHash.Bucket(value, buckets);
        }
        return _lookup.TryGetValue(value, out int id) ? id : OutOfVocabularyId;
    }

    /// <summary>The value with id <paramref name="id"/>, or null for padding, out-of-vocabulary and hashed ids.</summary>
    public string? ValueOf(int id) => id >= FirstValueId && id - FirstValueId < Values.Count ? Values[id - FirstValueId] : null;

    /// <summary>
    /// Fits a vocabulary from training counts: keeps values counted at least <paramref name="minCount"/> times, ordered by
    /// descending count, then ordinal string order. With <paramref name="hashBuckets"/>, the counts are not needed.
    /// </summary>
    public static Vocabulary Fit(string name, IEnumerable<KeyValuePair<string, long>> counts, int minCount = 1, int? hashBuckets = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (hashBuckets is not null)
        {
            return new Vocabulary(name, [], minCount, hashBuckets);
        }
        string[] kept = counts
            .Where(c => c.Value >= minCount)
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key)
            .ToArray();
        return new Vocabulary(name, kept, minCount, hashBuckets);
    }
}
