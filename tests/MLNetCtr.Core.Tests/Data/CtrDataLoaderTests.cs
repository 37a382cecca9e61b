using System.Text;
using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class CtrDataLoaderTests
{
    private static readonly string Header = DataFiles.ClickHeader;

    [Fact]
    public void Load_MatchesColumnsByName_AndIgnoresExtraFileColumns()
    {
        string path = DataFiles.Write(DataFiles.Lines(
            "price,junk,item_id,click,hist_types,user_id,hist_items",
            "1.5,zzz,i1,1,t1|t2,u1,i2|i3",
            "2.5,zzz,i2,0,,u2,"));

        (CtrDataset data, DataEncoder encoder) = CtrDataLoader.LoadAndFit(path, DataFiles.ClickSchema());

        Assert.Equal(2, data.RowCount);
        Assert.Equal([1f, 0f], data.Labels["click"]);
        Assert.Equal(["click"], data.LabelNames);
        Assert.Equal(encoder.VocabularyOf("item_id").IdOf("i2"), data.Categorical["item_id"][1]);
        Assert.Equal([-1f, 1f], data.Numeric["price"]);   // standardized: mean 2, std 0.5
        Assert.Equal([2, 0], data.Sequences["hist_items"].Lengths);
        Assert.False(data.Categorical.ContainsKey("junk"));
        Assert.Equal(path, data.Report!.FileName);
    }

    [Fact]
    public void Load_Utf8BomCrLfAndQuotes()
    {
        string path = DataFiles.Write("", ".csv");
        File.WriteAllText(path, "click,user_id,item_id,hist_items,hist_types,price\r\n1,\"u,1\",\"i \"\"x\"\"\",,,3\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);

        (CtrDataset data, DataEncoder encoder) = CtrDataLoader.LoadAndFit(path, DataFiles.ClickSchema());

        Assert.Equal(1, data.RowCount);
        Assert.Equal(["u,1"], encoder.VocabularyOf("user_id").Values);
        Assert.Equal(["i \"x\""], encoder.VocabularyOf("item_id").Values);
    }

    [Fact]
    public void Load_SequenceLongerThanMaxLength_KeepsMostRecent_LeftAligned()
    {
        (CtrDataset data, DataEncoder encoder) = DataFiles.LoadText(DataFiles.Lines(
            Header,
            "1,u,a,a|b|c|d|e,t1|t2|t3|t4|t5,1",
            "0,u,b,x,tx,1",
            "0,u,c,,,1"), DataFiles.ClickSchema(maxLength: 3));

        Vocabulary items = encoder.VocabularyOf("hist_items");
        Vocabulary types = encoder.VocabularyOf("hist_types");
        SequenceColumn history = data.Sequences["hist_items"];
        SequenceColumn typesColumn = data.Sequences["hist_types"];
        Assert.Equal([3, 1, 0], history.Lengths);
        Assert.Equal(new[] { "c", "d", "e" }.Select(v => items.IdOf(v)), history.RowIds(0).ToArray());
        Assert.Equal(new[] { "t3", "t4", "t5" }.Select(v => types.IdOf(v)), typesColumn.RowIds(0).ToArray());
        Assert.Equal([items.IdOf("x"), 0, 0], history.Ids[3..6]);
        Assert.Equal([0, 0, 0], history.Ids[6..9]);
    }

    [Fact]
    public void Load_SharedVocabulary_CountsBothColumnsAndGivesOneId()
    {
        (CtrDataset data, DataEncoder encoder) = DataFiles.LoadText(DataFiles.Lines(
            Header,
            "1,u,a,h|a,t|t,1",
            "0,u,b,h,t,1",
            "0,u,h,a,t,1"), DataFiles.ClickSchema(minCount: 2));

        Vocabulary items = encoder.VocabularyOf("item_id");
        Assert.Same(items, encoder.VocabularyOf("hist_items"));
        Assert.Equal(["a", "h"], items.Values);   // a and h 3 times each (ordinal tie-break), b once < minCount
        Assert.Equal([items.IdOf("a"), Vocabulary.OutOfVocabularyId, items.IdOf("h")], data.Categorical["item_id"]);
        Assert.Equal(items.IdOf("h"), data.Sequences["hist_items"].Ids[3]);
        Assert.Equal(4, encoder.CardinalityOf("hist_items"));
    }

    [Fact]
    public void Load_BinaryLabels_AcceptTrueFalseInAnyCase()
    {
        RawDataset raw = DataFiles.ReadText(DataFiles.Lines(Header, "TRUE,u,a,,,1", "false,u,a,,,1", "1,u,a,,,1", "0,u,a,,,1"), DataFiles.ClickSchema());
        Assert.Equal([1f, 0f, 1f, 0f], DataFiles_Labels(raw));
    }

    [Fact]
    public void Load_WithoutLabelColumn_WhenLabelsNotRequired_GivesNaNLabels()
    {
        RawDataset raw = DataFiles.ReadText(
            DataFiles.Lines("user_id,item_id,hist_items,hist_types,price", "u,a,,,1"),
            DataFiles.ClickSchema(),
            new LoadOptions { RequireLabels = false });
        Assert.True(float.IsNaN(DataFiles_Labels(raw)[0]));
    }

    [Fact]
    public void Load_EmptyNumericField_IsMissing_AndStandardizesToZero()
    {
        (CtrDataset data, _) = DataFiles.LoadText(DataFiles.Lines(Header, "1,u,a,,,2", "0,u,a,,,", "0,u,a,,,4"), DataFiles.ClickSchema());
        Assert.Equal([-1f, 0f, 1f], data.Numeric["price"]);
    }

    private static float[] DataFiles_Labels(RawDataset raw) => raw.Store.Labels["click"];
}
