using System.Globalization;
using System.Text;

namespace MLNetCtr.Text;

/// <summary>
/// BERT's WordPiece tokenizer (Devlin et al., 2019) over a <c>vocab.txt</c> (one token per line, id = line number):
/// basic tokenization (clean control characters, space out CJK ideographs, optionally lowercase and strip accents,
/// split on whitespace and punctuation), then greedy longest-match-first word pieces, continuations prefixed "##".
/// A word with no segmentation, or longer than <see cref="MaxCharactersPerWord"/>, becomes <see cref="UnknownToken"/>.
/// </summary>
public sealed class WordPieceTokenizer
{
    /// <summary>The token that stands for a word the vocabulary cannot spell.</summary>
    public const string UnknownToken = "[UNK]";

    /// <summary>Prefix of a piece that continues a word.</summary>
    public const string ContinuationPrefix = "##";

    /// <summary>Longer words become <see cref="UnknownToken"/> without being split (as BERT).</summary>
    public const int MaxCharactersPerWord = 100;

    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Creates the tokenizer from tokens indexed by id.</summary>
    /// <param name="tokens">Token of each id; must contain <see cref="UnknownToken"/>.</param>
    /// <param name="lowerCase">Whether to lowercase and strip accents (uncased BERT models). Default: true.</param>
    public WordPieceTokenizer(IReadOnlyList<string> tokens, bool lowerCase = true)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int id = 0; id < tokens.Count; id++)
        {
            _ids.TryAdd(tokens[id], id);
        }
        if (!_ids.TryGetValue(UnknownToken, out int unknownId))
        {
            throw new ArgumentException($"The vocabulary ({tokens.Count} tokens) has no {UnknownToken} token.", nameof(tokens));
        }
        UnknownId = unknownId;
        Tokens = tokens;
        LowerCase = lowerCase;
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The token of each id.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Whether text is lowercased and stripped of accents first.</summary>
    public bool LowerCase { get; }

    /// <summary>The id of <see cref="UnknownToken"/>.</summary>
    public int UnknownId { get; }

    /// <summary>Reads a BERT <c>vocab.txt</c>: one token per line, the id is the zero-based line number.</summary>
    public static WordPieceTokenizer FromVocabularyFile(string path, bool lowerCase = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new WordPieceTokenizer(File.ReadAllLines(path, Encoding.UTF8), lowerCase);
    }

    /// <summary>Token ids of <paramref name="text"/>, in order, without [CLS]/[SEP].</summary>
    public int[] Encode(string text) => [.. Tokenize(text).Select(t => _ids[t])];

    /// <summary>The word pieces of <paramref name="text"/>, in order.</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        var pieces = new List<string>();
        foreach (string word in BasicTokens(text))
        {
            AppendWordPieces(word, pieces);
        }
        return pieces;
    }

    /// <summary>BERT's basic tokenizer: words and single punctuation characters.</summary>
    internal IEnumerable<string> BasicTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spaced = new StringBuilder(text.Length * 2);
        foreach (char c in text)
        {
            if (c == '\0' || c == '\uFFFD' || (char.IsControl(c) && !char.IsWhiteSpace(c)))
            {
                continue;
            }
            bool isolate = IsCjk(c) || IsPunctuation(c);
            spaced.Append(isolate ? " " : "").Append(char.IsWhiteSpace(c) ? ' ' : c).Append(isolate ? " " : "");
        }
        string cleaned = LowerCase ? StripAccents(spaced.ToString().ToLowerInvariant()) : spaced.ToString();
        return cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Greedy longest-match-first: the longest vocabulary prefix, then "##" + the longest of the rest, ….</summary>
    private void AppendWordPieces(string word, List<string> pieces)
    {
        if (word.Length > MaxCharactersPerWord)
        {
            pieces.Add(UnknownToken);
            return;
        }
        int countBefore = pieces.Count;
        Span<char> candidate = stackalloc char[ContinuationPrefix.Length + word.Length];
        ContinuationPrefix.AsSpan().CopyTo(candidate);
        for (int start = 0; start < word.Length;)
        {
            int end = word.Length;
            for (; end > start; end--)
            {
                int prefix = start > 0 ? ContinuationPrefix.Length : 0;
                word.AsSpan(start, end - start).CopyTo(candidate[ContinuationPrefix.Length..]);
                ReadOnlySpan<char> piece = candidate.Slice(ContinuationPrefix.Length - prefix, prefix + end - start);
                if (_lookup.ContainsKey(piece))
                {
                    pieces.Add(piece.ToString());
                    break;
                }
            }
            if (end == start)   // nothing matched: the whole word is unknown
            {
                pieces.RemoveRange(countBefore, pieces.Count - countBefore);
                pieces.Add(UnknownToken);
                return;
            }
            start = end;
        }
    }

    private static string StripAccents(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>ASCII symbols count as punctuation too (BERT splits "$" and "^"), as do Unicode P* categories.</summary>
    private static bool IsPunctuation(char c) =>
        (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) || char.IsPunctuation(c);

    /// <summary>CJK Unified Ideographs blocks in the Basic Multilingual Plane (BERT's <c>_is_chinese_char</c>).</summary>
    private static bool IsCjk(char c) =>
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
}
