using MLNetCtr.Text;

namespace MLNetCtr.Tests.Text;

/// <summary>Known outputs on a small vocab.txt (Fixtures/wordpiece), worked out by hand from BERT's algorithm.</summary>
public sealed class WordPieceTokenizerTests
{
    private static readonly string s_vocabulary = Path.Combine(AppContext.BaseDirectory, "Fixtures", "wordpiece", "vocab.txt");

    private static WordPieceTokenizer Uncased => WordPieceTokenizer.FromVocabularyFile(s_vocabulary);

    [Fact]
    public void Encode_BertTestSentence_SplitsAccentsCaseAndPunctuation() =>   // BERT's tokenization_test: "UNwant\u00E9d,running"
        Assert.Equal([7, 4, 5, 10, 8, 9], Uncased.Encode("UNwant\u00E9d,running"));

    [Fact]
    public void Tokenize_Pieces_CarryContinuationPrefix() =>
        Assert.Equal(["caf", "##e", "buy", "##s", "coffee", "!"], Uncased.Tokenize("Café  buys\tcoffee!"));

    [Fact]
    public void Encode_WordWithUnmatchedRest_BecomesOneUnknown() =>
        Assert.Equal([0, 17], Uncased.Encode("unwantedx the"));

    [Fact]
    public void Encode_CjkIdeograph_IsItsOwnWord() => Assert.Equal([0, 3], Uncased.Encode("想want"));

    [Fact]
    public void Encode_Cased_KeepsCapitalsAndMissesLowercaseEntries() =>
        Assert.Equal([0, 3], WordPieceTokenizer.FromVocabularyFile(s_vocabulary, lowerCase: false).Encode("Want want"));

    [Fact]
    public void Encode_ControlCharacters_AreDropped() => Assert.Equal([3], Uncased.Encode("wa\u0001nt"));

    [Fact]
    public void Constructor_NoUnknownToken_ThrowsWithCount()
    {
        var error = Assert.Throws<ArgumentException>(() => new WordPieceTokenizer(["a", "b"]));
        Assert.Contains("2 tokens", error.Message);
    }
}
