using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class DataEncoderTests
{
    private static readonly DatasetSchema Schema = new()
    {
        Columns =
        [
            new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
            new ColumnSchema { Name = "buy", Role = ColumnRole.Label, Type = ColumnType.Numeric },
            new ColumnSchema { Name = "w", Role = ColumnRole.Weight },
            new ColumnSchema { Name = "user", Role = ColumnRole.GroupId },
            new ColumnSchema { Name = "pos", Role = ColumnRole.Position },
            new ColumnSchema { Name = "item", Side = FeatureSide.Item },
            new ColumnSchema { Name = "tag", HashBuckets = 50 },
            new ColumnSchema { Name = "price", Type = ColumnType.Numeric, Transform = NumericTransform.Bucketize, Buckets = 2 },
            new ColumnSchema { Name = "age", Type = ColumnType.Numeric, Transform = NumericTransform.None },
            new ColumnSchema { Name = "is_new", Type = ColumnType.Binary },
            new ColumnSchema { Name = "title", Type = ColumnType.Text },
            new ColumnSchema { Name = "behaviors", Type = ColumnType.TextSequence, Separator = ";", MaxLength = 2 },
        ],
    };

    private const string Train = """
        click,buy,w,user,pos,item,tag,price,age,is_new,title,behaviors
        1,2.5,1,u1,1,a,t1,10,30,1,red shoes,bought tea;clicked shoes
        0,0,2,u2,2,b,t2,20,40,0,blue hat,
        0,0,1,u1,3,a,t3,30,50,true,red shoes,clicked shoes

        """;

    [Fact]
    public void Encode_EveryColumnKind()
    {
        (CtrDataset data, DataEncoder encoder) = DataFiles.LoadText(Train, Schema);

        Assert.Equal(["click", "buy"], data.LabelNames);
        Assert.Equal([2.5f, 0f, 0f], data.Labels["buy"]);
        Assert.Equal([1f, 2f, 1f], data.Weights!);
        Assert.Equal([0, 1, 0], data.GroupIds!);
        Assert.Equal([1, 2, 3], data.Positions!);
        Assert.Equal([2, 3, 2], data.Categorical["item"]);   // a (twice) before b
        Assert.Equal(2 + (int)(StableHash.Fnv1a("t2") % 50), data.Categorical["tag"][1]);
        Assert.Equal([2, 3, 3], data.Categorical["price"]);   // one boundary, at the median 20
        Assert.Equal([30f, 40f, 50f], data.Numeric["age"]);
        Assert.Equal([1f, 0f, 1f], data.Numeric["is_new"]);
        Assert.Equal(["red shoes", "blue hat", "red shoes"], data.Texts["title"]);
        Assert.Equal("bought tea;clicked shoes", data.Texts["behaviors"][0]);
        Assert.Equal(["clicked shoes", "bought tea"], encoder.VocabularyOf("behaviors").Values);
        Assert.Equal([3, 2], data.Sequences["behaviors"].RowIds(0).ToArray());
        Assert.Equal(52, encoder.CardinalityOf("tag"));
        Assert.Equal(4, encoder.CardinalityOf("price"));
    }

    [Fact]
    public void Json_RoundTrip_EncodesIdentically()
    {
        (CtrDataset data, DataEncoder encoder) = DataFiles.LoadText(Train, Schema);

        string json = encoder.ToJson();
        DataEncoder again = DataEncoder.FromJson(json);
        CtrDataset reencoded = again.Encode(DataFiles.ReadText(Train, Schema));

        Assert.Equal(json, again.ToJson());
        Assert.Contains("\"hashBuckets\": 50", json);
        Assert.Contains("\"transform\": \"bucketize\"", json);
        foreach ((string name, int[] ids) in data.Categorical)
        {
            Assert.Equal(ids, reencoded.Categorical[name]);
        }
        Assert.Equal(data.Numeric["age"], reencoded.Numeric["age"]);
        Assert.Equal(data.Sequences["behaviors"].Ids, reencoded.Sequences["behaviors"].Ids);
    }

    [Fact]
    public void Load_WithFittedEncoder_UnseenValuesBecomeOutOfVocabulary()
    {
        (_, DataEncoder encoder) = DataFiles.LoadText(Train, Schema);
        string test = DataFiles.Write("""
            click,buy,w,user,pos,item,tag,price,age,is_new,title,behaviors
            1,0,1,u9,1,zzz,t1,999,,,new,never seen;clicked shoes
            """);

        CtrDataset data = CtrDataLoader.Load(test, encoder);

        Assert.Equal(Vocabulary.OutOfVocabularyId, data.Categorical["item"][0]);
        Assert.Equal(3, data.Categorical["price"][0]);
        Assert.Equal(0f, data.Numeric["age"][0]);
        Assert.Equal([Vocabulary.OutOfVocabularyId, 2], data.Sequences["behaviors"].RowIds(0).ToArray());
        Assert.Equal(test, data.Report!.FileName);
    }

    [Fact]
    public void EncodeRows_MissingColumnsGetDefaults()
    {
        (_, DataEncoder encoder) = DataFiles.LoadText(Train, Schema);

        CtrDataset data = encoder.Encode([new Dictionary<string, string?> { ["item"] = "b", ["title"] = null }]);

        Assert.Equal([3], data.Categorical["item"]);
        Assert.True(float.IsNaN(data.Labels["click"][0]));
        Assert.Equal([1f], data.Weights!);
        Assert.Equal([-1], data.GroupIds!);
        Assert.Equal([0], data.Positions!);
        Assert.Equal([Vocabulary.OutOfVocabularyId], data.Categorical["price"]);
        Assert.Equal([""], data.Texts["title"]);
        Assert.Equal([0], data.Sequences["behaviors"].Lengths);
    }

    [Fact]
    public void Encode_RawOfAnotherSchema_Throws()
    {
        (_, DataEncoder encoder) = DataFiles.LoadText(Train, Schema);
        RawDataset other = DataFiles.ReadText("y,x\n1,a\n", DataFiles.Simple(new ColumnSchema { Name = "x" }));
        Assert.Throws<ArgumentException>(() => encoder.Encode(other));
    }

    [Fact]
    public void FromJson_Malformed_IsInvalidData()
    {
        var e = Assert.Throws<InvalidDataException>(() => DataEncoder.FromJson("{ \"schema\": 3 }"));
        Assert.Contains("Invalid data encoder JSON", e.Message);
    }

    [Fact]
    public void Constructor_MissingVocabulary_NamesColumn()
    {
        var e = Assert.Throws<ArgumentException>(() => new DataEncoder(DataFiles.Simple(new ColumnSchema { Name = "x" }), [], []));
        Assert.Contains("'x'", e.Message);
    }
}
