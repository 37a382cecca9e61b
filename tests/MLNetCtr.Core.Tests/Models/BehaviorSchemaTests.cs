using MLNetCtr.Data;
using MLNetCtr.Models;

namespace MLNetCtr.Tests.Models;

public sealed class BehaviorSchemaTests(SequenceScenarioFixture data) : IClassFixture<SequenceScenarioFixture>
{
    [Fact]
    public void FromSchema_SequenceScenario_SplitsItemAndBehaviorFeatures()
    {
        BehaviorSchema schema = BehaviorSchema.FromSchema(data.Encoder.Schema);

        Assert.Equal("hist_items", schema.ItemSequence.Name);
        Assert.Equal(["hist_items", "hist_categories", "hist_brands", "hist_price_buckets"], schema.ItemFeatures.Select(c => c.Name));
        Assert.Equal(["hist_behavior_types", "hist_time_gaps"], schema.BehaviorFeatures.Select(c => c.Name));
        Assert.Equal(["item_id", "category", "brand", "price_bucket"], schema.CandidateContent.Select(c => c.Name));
    }

    [Fact]
    public void FromSchema_NoItemSequence_FailsNamingTheItemColumns()
    {
        var schema = new DatasetSchema
        {
            Columns = [new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary }, new ColumnSchema { Name = "item_id", Side = FeatureSide.Item }],
        };

        ArgumentException e = Assert.Throws<ArgumentException>(() => BehaviorSchema.FromSchema(schema));

        Assert.Contains("item_id", e.Message);
    }
}
