using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Tests.TestKit;
using MLNetCtr.Text;

namespace MLNetCtr.Tests.Models;

/// <summary>
/// A small behavior-text dataset (test rows phrase behaviors with held-out templates) and a behavior table holding the
/// vectors of every behavior and item text of all three splits, encoded once for the BAHE tests. The table uses no frozen
/// transformer layer (<see cref="FrozenLayers"/> = 0: pooled token embeddings), so building it takes a second, not a minute.
/// </summary>
public sealed class BehaviorTextFixture() : ScenarioFixture(ScenarioKind.BehaviorText,
    new SyntheticOptions { Rows = 6_000, Users = 300, Items = 300, MaxBehaviorTexts = 4, BaseClickRate = 0.25, Seed = 3 })
{
    private string? _table;

    /// <summary>Frozen layers of the fixture's table.</summary>
    public const int FrozenLayers = 0;

    /// <summary>The path of a behavior table that holds every text of the fixture (built on first use).</summary>
    public string TablePath => LazyInitializer.EnsureInitialized(ref _table, () => EncodeAll(NewPath("db")));

    /// <summary>Every behavior and item text of <paramref name="data"/>.</summary>
    public static IEnumerable<string> Texts(CtrDataset data) =>
        data.Schema.Features.Where(c => c.Type is ColumnType.TextSequence or ColumnType.Text).SelectMany(c =>
            data.Texts[c.Name].SelectMany(field => c.Type == ColumnType.Text ? [field] : field.Split(c.Separator!, StringSplitOptions.RemoveEmptyEntries)));

    private string EncodeAll(string path)
    {
        var encoder = new BaheBehaviorEncoder(UseLiteModel.Encoder, new BaheEncoderOptions { FrozenLayers = FrozenLayers });
        encoder.Encode(encoder.OpenTable(path), Texts(Train).Concat(Texts(Valid)).Concat(Texts(Test)));
        return path;
    }
}
