using System.Text;
using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

/// <summary>What real public CTR files bring: no header, tabs, BOMs, CRLF, −1 labels, empty and unseen categorical values.</summary>
public sealed class RealDataFileTests
{
    private static DatasetSchema Schema(IReadOnlyList<string>? fileColumns, char delimiter = '\t') => new()
    {
        Delimiter = delimiter,
        FileColumns = fileColumns,
        Columns =
        [
            new ColumnSchema { Name = "label", Role = ColumnRole.Label, Type = ColumnType.Binary },
            new ColumnSchema { Name = "i1", Type = ColumnType.Numeric, Transform = NumericTransform.Log },
            new ColumnSchema { Name = "c1" },
        ],
    };

    private static readonly string[] Rows = ["1\t5\t\tx", "0\t\t7\ty", "0\t120\t\t", "1\t-3\t2\tx"];

    [Fact]
    public void Headerless_LoadsLikeTheSameFileWithAHeader_SkippingUnusedColumns()
    {
        string withHeader = DataFiles.Lines(["label\ti1\tunused\tc1", .. Rows]);
        string headerless = DataFiles.Lines(Rows);

        (CtrDataset expected, DataEncoder expectedEncoder) = DataFiles.LoadText(withHeader, Schema(null));
        (CtrDataset actual, DataEncoder actualEncoder) = DataFiles.LoadText(headerless, Schema(["label", "i1", "unused", "c1"]));

        Assert.Equal(4, actual.RowCount);
        Assert.Equal(expected.Labels["label"], actual.Labels["label"]);
        Assert.Equal(expected.Numeric["i1"], actual.Numeric["i1"]);
        Assert.Equal(expected.Categorical["c1"], actual.Categorical["c1"]);
        Assert.Equal(expectedEncoder.VocabularyOf("c1").Values, actualEncoder.VocabularyOf("c1").Values);
    }

    [Fact]
    public void Headerless_WrongFieldCount_NamesLineAndFileColumns()
    {
        string path = DataFiles.Write(DataFiles.Lines(Rows[0], "0\t1\tx"));

        var e = Assert.Throws<DataFormatException>(() => CtrDataLoader.ReadRaw(path, Schema(["label", "i1", "unused", "c1"])));

        Assert.Equal(2, e.LineNumber);
        Assert.Equal("c1", e.ColumnName);
        Assert.Contains("expected 4 fields, as in the schema's fileColumns, but found 3", e.Message);
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void FileColumns_MissingASchemaColumn_FailsValidationNamingIt()
    {
        var e = Assert.Throws<InvalidDataException>(() => Schema(["label", "i1", "other"]).Validate());
        Assert.Contains("c1", e.Message);
        Assert.Contains("fileColumns", e.Message);

        var twice = Assert.Throws<InvalidDataException>(() => Schema(["label", "i1", "c1", "i1"]).Validate());
        Assert.Contains("'i1' twice", twice.Message);
    }

    [Fact]
    public void Headerless_BomAndCrlf_AreNotData()
    {
        string text = "\uFEFF" + string.Join("\r\n", Rows) + "\r\n";

        RawDataset raw = DataFiles.ReadText(text, Schema(["label", "i1", "unused", "c1"]));

        Assert.Equal(4, raw.RowCount);
        Assert.Equal([1f, 0f, 0f, 1f], raw.Store.Labels["label"]);
        Assert.Equal("x", raw.Pools["c1"].ValueAt(raw.Store.Categorical["c1"][3]));   // no '\r' kept
    }

    [Fact]
    public void HeaderFile_WithBomThroughAStreamReaderThatKeepsIt_StillMatchesTheFirstColumn()
    {
        byte[] bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(DataFiles.Lines(["label\ti1\tc1", "1\t2\tx"]))).ToArray();
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);

        RawDataset raw = CtrDataLoader.ReadRaw(reader, "bom.tsv", Schema(null));

        Assert.Equal([1f], raw.Store.Labels["label"]);
    }

    [Theory]
    [InlineData("-1", 0f)]
    [InlineData("+1", 1f)]
    [InlineData("1.0", 1f)]
    [InlineData("0.0", 0f)]
    [InlineData(" TRUE ", 1f)]
    public void BinaryLabel_AcceptsSvmLightAndDecimalSpellings(string label, float expected)
    {
        RawDataset raw = DataFiles.ReadText(DataFiles.Lines("label\ti1\tc1", $"{label}\t1\tx"), Schema(null));
        Assert.Equal([expected], raw.Store.Labels["label"]);
    }

    [Fact]
    public void Categorical_EmptyValueHasItsOwnId_UnseenValueIsOutOfVocabulary()
    {
        (CtrDataset train, DataEncoder encoder) = DataFiles.LoadText(DataFiles.Lines(["label\ti1\tc1", "1\t1\t", "0\t1\t", "1\t1\tx"]), Schema(null));
        CtrDataset test = encoder.Encode(DataFiles.ReadText(DataFiles.Lines("label\ti1\tc1", "1\t1\t", "0\t1\tnever-seen"), Schema(null)));

        int emptyId = train.Categorical["c1"][0];
        Assert.True(emptyId >= Vocabulary.FirstValueId);
        Assert.Equal(emptyId, test.Categorical["c1"][0]);
        Assert.Equal(Vocabulary.OutOfVocabularyId, test.Categorical["c1"][1]);
    }

    [Fact]
    public void RegressionLabel_NumericValuesLoadAsRead()
    {
        DatasetSchema schema = new() { Columns = [new ColumnSchema { Name = "rating", Role = ColumnRole.Label, Type = ColumnType.Numeric }, new ColumnSchema { Name = "c" }] };
        RawDataset raw = DataFiles.ReadText(DataFiles.Lines("rating,c", "4.5,a", "-2,b"), schema);
        Assert.Equal([4.5f, -2f], raw.Store.Labels["rating"]);
    }

    [Fact]
    public void Header_BlanksAroundNames_AreIgnored()
    {
        RawDataset raw = DataFiles.ReadText(DataFiles.Lines("label, i1 ,c1", "1, 2,x"), Schema(null, ','));

        Assert.Equal([2f], raw.Store.Numeric["i1"]);
    }
}
