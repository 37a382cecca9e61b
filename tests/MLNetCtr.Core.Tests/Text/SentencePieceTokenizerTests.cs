using System.Text.Json;
using MLNetCtr.Tests.TestKit;
using MLNetCtr.Text;

namespace MLNetCtr.Tests.Text;

public sealed class SentencePieceTokenizerTests
{
    private static SentencePieceTokenizer Tokenizer => UseLiteModel.Encoder.Tokenizer;

    [Fact]
    public void Encode_StarbucksSentence_GivesKnownIds() =>
        Assert.Equal([2153, 2306, 151, 1619, 7, 3741], Tokenizer.Encode("bought Starbucks coffee"));

    [Fact]
    public void Encode_GoldenSentences_MatchTensorFlowJs()
    {
        JsonElement golden = Fixtures.Load("use-lite/golden_embeddings.json");
        string[] sentences = [.. golden.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!)];
        int[][] expected = [.. golden.GetProperty("token_ids").EnumerateArray().Select(ids => ids.EnumerateArray().Select(i => i.GetInt32()).ToArray())];
        for (int i = 0; i < sentences.Length; i++)
        {
            Assert.True(expected[i].SequenceEqual(Tokenizer.Encode(sentences[i])), $"'{sentences[i]}': expected [{string.Join(' ', expected[i])}], got [{string.Join(' ', Tokenizer.Encode(sentences[i]))}]");
        }
    }

    [Fact]
    public void Normalize_Spaces_BecomeWordBoundaries() => Assert.Equal("\u2581a\u2581b", SentencePieceTokenizer.Normalize("a b"));

    [Fact]
    public void Normalize_FullWidthLetters_AreFoldedByNfkc() => Assert.Equal("\u2581AB", SentencePieceTokenizer.Normalize("ＡＢ"));

    // A tiny vocabulary whose best segmentation needs Viterbi (greedy longest-first would take "▁ab" then fail on "c").
    private static readonly SentencePieceTokenizer s_tiny = new(
        ["<unk>", "<s>", "</s>", "x1", "x2", "x3", "▁ab", "▁a", "bc", "▁", "a", "b", "c"],
        [0, 0, 0, 0, 0, 0, -1f, -2f, -1f, -5f, -5f, -5f, -9f]);

    [Fact]
    public void Encode_HigherSummedScore_WinsOverLongestFirst() =>
        Assert.Equal([7, 8], s_tiny.Encode("abc"));   // ▁a + bc = −3 beats ▁ab + c = −10

    [Fact]
    public void Encode_RunOfUnknownCharacters_MergesIntoOneUnknown() =>
        Assert.Equal([6, 0, 11], s_tiny.Encode("abzzb"));   // ▁ab, unknown "zz", b

    [Fact]
    public void Constructor_MismatchedScores_ThrowsWithCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => new SentencePieceTokenizer(["a", "b", "c", "d", "e", "f", "g"], [0f]));
        Assert.Contains("7 pieces and 1 scores", error.Message);
    }
}
