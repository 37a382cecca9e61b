using System.Text;
using System.Text.Json;

namespace MLNetCtr.Text;

/// <summary>
/// SentencePiece unigram tokenizer (Kudo, 2018) over a list of <c>[piece, score]</c> pairs, as shipped with Universal
/// Sentence Encoder lite (<c>vocab.json</c>). Encoding: NFKC-normalize, prefix U+2581 (▁) and replace every space by it,
/// then pick the segmentation into pieces whose summed scores is largest (Viterbi over the lattice of matching pieces);
/// a character no piece covers becomes the unknown id, and runs of unknowns merge into one. Case-sensitive.
/// </summary>
/// <remarks>
/// The first <see cref="ReservedCount"/> ids are reserved (unknown, &lt;s&gt;, &lt;/s&gt;, …) and never match text.
/// A piece listed with a null score (a user-defined symbol such as "▁:)") scores 0. An unknown character scores <c>min(score) − 10</c>, SentencePiece's penalty, so it is chosen only where no piece fits.
/// </remarks>
public sealed class SentencePieceTokenizer
{
    /// <summary>The word-boundary mark U+2581 that replaces spaces.</summary>
    public const char WordBoundary = '\u2581';

    /// <summary>Number of reserved ids at the start of the vocabulary that never match text.</summary>
    public const int ReservedCount = 6;

    /// <summary>The id of the unknown piece.</summary>
    public const int UnknownId = 0;

    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly float[] _scores;
    private readonly Dictionary<char, int> _maxLengthByFirstChar = [];   // lookups from a position stop at the longest piece that starts with its char
    private readonly float _unknownScore;

    /// <summary>Creates the tokenizer from pieces and scores, indexed by id.</summary>
    /// <param name="pieces">Piece of each id; ids below <see cref="ReservedCount"/> are reserved.</param>
    /// <param name="scores">Log-probability score of each id (same length as <paramref name="pieces"/>).</param>
    public SentencePieceTokenizer(IReadOnlyList<string> pieces, IReadOnlyList<float> scores)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(scores);
        if (pieces.Count != scores.Count || pieces.Count <= ReservedCount)
        {
            throw new ArgumentException($"Need more than {ReservedCount} pieces with one score each, got {pieces.Count} pieces and {scores.Count} scores.", nameof(scores));
        }
        Pieces = pieces;
        _scores = [.. scores];
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int id = ReservedCount; id < pieces.Count; id++)
        {
            string piece = pieces[id];
            if (piece.Length > 0 && _ids.TryAdd(piece, id))
            {
                _maxLengthByFirstChar[piece[0]] = Math.Max(_maxLengthByFirstChar.GetValueOrDefault(piece[0]), piece.Length);
            }
        }
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _unknownScore = _scores.Skip(ReservedCount).Min() - 10f;
    }

    /// <summary>The piece of each id.</summary>
    public IReadOnlyList<string> Pieces { get; }

    /// <summary>Number of ids, reserved ones included.</summary>
    public int VocabularySize => Pieces.Count;

    /// <summary>Reads a <c>vocab.json</c> file: a JSON array of <c>[piece, score]</c> pairs, indexed by id.</summary>
    /// <exception cref="InvalidDataException">The file is not such an array.</exception>
    public static SentencePieceTokenizer FromVocabularyJson(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        var pieces = new List<string>();
        var scores = new List<float>();
        foreach (JsonElement pair in document.RootElement.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
            {
                throw new InvalidDataException($"'{path}': entry {pieces.Count} is not a [piece, score] pair: {pair.GetRawText()}.");
            }
            pieces.Add(pair[0].GetString() ?? "");
            scores.Add(pair[1].ValueKind == JsonValueKind.Null ? 0f : (float)pair[1].GetDouble());   // user-defined symbols (":", "▁:)") have no score: 0, always preferred
        }
        return new SentencePieceTokenizer(pieces, scores);
    }

    /// <summary>The normalized form that is segmented: NFKC, with ▁ in front and in place of every space.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WordBoundary + text.Normalize(NormalizationForm.FormKC).Replace(' ', WordBoundary);
    }

    /// <summary>Token ids of <paramref name="text"/>, in order.</summary>
    public int[] Encode(string text)
    {
        string s = Normalize(text);
        int n = s.Length;
        float[] best = new float[n + 1];          // best[e]: top score of a segmentation of s[..e]
        int[] lastId = new int[n + 1], lastStart = new int[n + 1];
        Array.Fill(best, float.NegativeInfinity);
        best[0] = 0f;
        for (int start = 0; start < n; start++)
        {
            if (float.IsNegativeInfinity(best[start]))
            {
                continue;
            }
            bool matched = false;
            int longest = Math.Min(_maxLengthByFirstChar.GetValueOrDefault(s[start]), n - start);
            for (int length = 1; length <= longest; length++)
            {
                if (_lookup.TryGetValue(s.AsSpan(start, length), out int id))
                {
                    matched |= length == CharLength(s, start);
                    Relax(best, lastId, lastStart, start, start + length, id, best[start] + _scores[id]);
                }
            }
            if (!matched)   // the character at start is covered by no single piece: an unknown edge
            {
                Relax(best, lastId, lastStart, start, start + CharLength(s, start), UnknownId, best[start] + _unknownScore);
            }
        }
        return Backtrack(lastId, lastStart, n);
    }

    private static int CharLength(string s, int index) => char.IsHighSurrogate(s[index]) && index + 1 < s.Length ? 2 : 1;

    private static void Relax(float[] best, int[] lastId, int[] lastStart, int start, int end, int id, float score)
    {
        if (score > best[end])
        {
            best[end] = score;
            lastId[end] = id;
            lastStart[end] = start;
        }
    }

    /// <summary>Follows the best edges back from the end; merges runs of unknown ids into one.</summary>
    private static int[] Backtrack(int[] lastId, int[] lastStart, int end)
    {
        var reversed = new List<int>();
        for (int e = end; e > 0; e = lastStart[e])
        {
            if (!(lastId[e] == UnknownId && reversed.Count > 0 && reversed[^1] == UnknownId))
            {
                reversed.Add(lastId[e]);
            }
        }
        reversed.Reverse();
        return [.. reversed];
    }
}
