using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class DatasetSchemaTests
{
    private const string Json = """
        {
          "delimiter": "\t",
          "columns": [
            { "name": "click", "role": "label", "type": "binary" },
            { "name": "item_id", "side": "item" },
            { "name": "hist_items", "type": "sequence", "side": "user", "vocabulary": "item_id", "maxLength": 20 },
            { "name": "hist_cates", "type": "sequence", "side": "user", "alignedWith": "hist_items" },
            { "name": "price", "type": "numeric", "side": "item", "transform": "bucketize" }
          ]
        }
        """;

    [Fact]
    public void Load_ReadsEveryField_AndRoundTrips()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, Json);
        DatasetSchema schema = DatasetSchema.Load(path);

        Assert.Equal('\t', schema.Delimiter);
        Assert.Equal(ColumnType.Binary, schema["click"].Type);
        Assert.Equal("item_id", schema["hist_items"].VocabularyName);
        Assert.Equal("hist_cates", schema["hist_cates"].VocabularyName);
        Assert.Equal(20, schema["hist_items"].MaxLength);
        Assert.Equal(NumericTransform.Bucketize, schema["price"].Transform);
        Assert.Equal(FeatureSide.Item, schema["price"].Side);
        Assert.Single(schema.Labels);

        schema.Save(path);
        DatasetSchema again = DatasetSchema.Load(path);
        Assert.Equal(schema.ToJson(), again.ToJson());
    }

    [Fact]
    public void Load_BadReference_NamesFileAndColumn()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, Json.Replace("\"alignedWith\": \"hist_items\"", "\"alignedWith\": \"nope\""));
        var e = Assert.Throws<InvalidDataException>(() => DatasetSchema.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("hist_cates", e.Message);
        Assert.Contains("nope", e.Message);
    }

    [Fact]
    public void Load_UnknownEnumValue_NamesFileAndLine()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, Json.Replace("\"type\": \"numeric\"", "\"type\": \"numbr\""));
        var e = Assert.Throws<InvalidDataException>(() => DatasetSchema.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("line 8", e.Message);
    }

    [Fact]
    public void Indexer_UnknownColumn_ListsKnownNames()
    {
        DatasetSchema schema = new() { Columns = [new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary }] };
        var e = Assert.Throws<KeyNotFoundException>(() => schema["clk"]);
        Assert.Contains("click", e.Message);
    }

    [Fact]
    public void Validate_SharedVocabularyDisagreement_NamesBothColumns()
    {
        DatasetSchema schema = new()
        {
            Columns =
            [
                new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
                new ColumnSchema { Name = "item_id", MinCount = 5 },
                new ColumnSchema { Name = "hist_items", Type = ColumnType.Sequence, Vocabulary = "item_id" },
            ],
        };
        var e = Assert.Throws<InvalidDataException>(schema.Validate);
        Assert.Contains("'item_id' and 'hist_items'", e.Message);
        Assert.Contains("minCount 5 vs 1", e.Message);
    }

    [Fact]
    public void Validate_TwoWeightColumns_Throws()
    {
        DatasetSchema schema = new()
        {
            Columns =
            [
                new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
                new ColumnSchema { Name = "w1", Role = ColumnRole.Weight },
                new ColumnSchema { Name = "w2", Role = ColumnRole.Weight },
            ],
        };
        var e = Assert.Throws<InvalidDataException>(schema.Validate);
        Assert.Contains("w1, w2", e.Message);
    }

    [Fact]
    public void ToConciseJson_KeepsOnlyNonDefaults_AndLoadsBackToTheSameSchema()
    {
        DatasetSchema schema = new()
        {
            Delimiter = '\t',
            FileColumns = ["click", "n", "hist", "skipped"],
            Columns =
            [
                new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
                new ColumnSchema { Name = "n", Type = ColumnType.Numeric, Transform = NumericTransform.Log, Side = FeatureSide.User },
                new ColumnSchema { Name = "hist", Type = ColumnType.Sequence, MaxLength = 7, MinCount = 2 },
            ],
        };
        string json = schema.ToConciseJson();
        string path = DataFiles.Write(json, ".json");

        Assert.Contains("{\"name\":\"n\",\"type\":\"numeric\",\"side\":\"user\",\"transform\":\"log\"}", json);
        Assert.DoesNotContain("separator", json);
        Assert.Equal(schema.ToJson(), DatasetSchema.Load(path).ToJson());
    }
}
