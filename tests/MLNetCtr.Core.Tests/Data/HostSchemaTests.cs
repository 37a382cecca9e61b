using MLNetCtr.Data;

namespace MLNetCtr.Tests.Data;

public sealed class HostSchemaTests
{
    private static readonly HostColumn[] s_columns =
    [
        new("Label", HostValueKind.Boolean),
        new("UserId", HostValueKind.Text),
        new("ItemId", HostValueKind.Key),
        new("Price", HostValueKind.Number),
        new("IsNew", HostValueKind.Boolean),
        new("HistoryItems", HostValueKind.KeyList),
        new("HistoryTypes", HostValueKind.TextList),
        new("Weight", HostValueKind.Number),
    ];

    [Fact]
    public void Infer_KindsAndRoles_GiveTypesSidesVocabulariesAndAlignment()
    {
        var mapping = new CtrColumnMapping
        {
            WeightColumnName = "Weight",
            UserColumnNames = ["UserId", "HistoryItems", "HistoryTypes"],
            ItemColumnNames = ["ItemId", "Price", "IsNew"],
            SharedVocabularies = new Dictionary<string, string> { ["HistoryItems"] = "ItemId" },
            AlignedSequences = new Dictionary<string, string> { ["HistoryTypes"] = "HistoryItems" },
            MaxSequenceLength = 7,
        };

        DatasetSchema schema = HostSchema.Infer(s_columns, mapping);

        Assert.Equal(["Label", "Weight", "UserId", "ItemId", "Price", "IsNew", "HistoryItems", "HistoryTypes"], schema.Columns.Select(c => c.Name));
        Assert.Equal((ColumnRole.Label, ColumnType.Binary), (schema["Label"].Role, schema["Label"].Type));
        Assert.Equal(ColumnRole.Weight, schema["Weight"].Role);
        Assert.Equal((ColumnType.Categorical, FeatureSide.User), (schema["UserId"].Type, schema["UserId"].Side));
        Assert.Equal((ColumnType.Categorical, FeatureSide.Item), (schema["ItemId"].Type, schema["ItemId"].Side));
        Assert.Equal(ColumnType.Numeric, schema["Price"].Type);
        Assert.Equal(ColumnType.Binary, schema["IsNew"].Type);
        Assert.Equal((ColumnType.Sequence, 7, "ItemId"), (schema["HistoryItems"].Type, schema["HistoryItems"].MaxLength, schema["HistoryItems"].VocabularyName));
        Assert.Equal("HistoryItems", schema["HistoryTypes"].AlignedWith);
    }

    [Fact]
    public void Infer_NumberLabelsAndNamedFeatures_GiveRegressionTasksAndOnlyThoseFeatures()
    {
        HostColumn[] columns = [.. s_columns, new("Rating", HostValueKind.Number)];

        DatasetSchema schema = HostSchema.Infer(columns, new CtrColumnMapping { LabelColumnNames = ["Label", "Rating"], FeatureColumnNames = ["UserId"] });

        Assert.Equal(["Label", "Rating", "UserId"], schema.Columns.Select(c => c.Name));
        Assert.Equal(ColumnType.Numeric, schema["Rating"].Type);
    }

    [Fact]
    public void Infer_TextLabel_ThrowsNamingTheColumnAndItsKind()
    {
        var e = Assert.Throws<ArgumentException>(() => HostSchema.Infer(s_columns, new CtrColumnMapping { LabelColumnNames = ["UserId"] }));

        Assert.Contains("'UserId' holds Text values", e.Message);
    }

    [Fact]
    public void Infer_MissingColumn_ThrowsListingTheDataColumns()
    {
        var e = Assert.Throws<ArgumentException>(() => HostSchema.Infer(s_columns, new CtrColumnMapping { LabelColumnNames = ["Click"] }));

        Assert.Contains("no label column 'Click'", e.Message);
        Assert.Contains("UserId, ItemId", e.Message);
    }

    [Fact]
    public void Infer_SideForANonFeature_Throws()
    {
        var mapping = new CtrColumnMapping { FeatureColumnNames = ["UserId"], ItemColumnNames = ["ItemId"] };

        var e = Assert.Throws<ArgumentException>(() => HostSchema.Infer(s_columns, mapping));

        Assert.Contains("ItemColumnNames names 'ItemId'", e.Message);
    }

    [Fact]
    public void Infer_ExplicitSchema_IsReturnedAfterTheCheck()
    {
        var schema = new DatasetSchema { Columns = [new() { Name = "Label", Role = ColumnRole.Label, Type = ColumnType.Binary }, new() { Name = "Price", Type = ColumnType.Numeric, Transform = NumericTransform.Bucketize }] };

        Assert.Same(schema, HostSchema.Infer(s_columns, new CtrColumnMapping { Schema = schema }));
    }

    [Theory]
    [InlineData("HistoryItems", ColumnType.Categorical)]
    [InlineData("Price", ColumnType.Sequence)]
    [InlineData("ItemId", ColumnType.Text)]
    public void Check_KindThatCannotFeedTheColumnType_Throws(string column, ColumnType type)
    {
        var schema = new DatasetSchema { Columns = [new() { Name = "Label", Role = ColumnRole.Label, Type = ColumnType.Binary }, new() { Name = column, Type = type }] };

        var e = Assert.Throws<ArgumentException>(() => HostSchema.Check(schema, s_columns, requireLabels: true));

        Assert.Contains($"Column '{column}' holds", e.Message);
    }

    [Fact]
    public void Check_LabelMissingWhenScoring_IsAccepted()
    {
        var schema = new DatasetSchema { Columns = [new() { Name = "Click", Role = ColumnRole.Label, Type = ColumnType.Binary }, new() { Name = "UserId" }] };

        HostSchema.Check(schema, s_columns, requireLabels: false);
        Assert.Throws<ArgumentException>(() => HostSchema.Check(schema, s_columns, requireLabels: true));
    }
}
