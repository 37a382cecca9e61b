using MLNetCtr.Data;

namespace MLNetCtr.Models;

/// <summary>
/// Which columns of a schema make a behavior sequence, read generically from the schema: the ITEM SEQUENCE is the
/// first sequence feature that is aligned with nothing and shares its vocabulary with an item-side categorical
/// column (history items ↔ candidate item). A sequence aligned with it is an ITEM FEATURE when its vocabulary is also
/// the vocabulary of an item-side categorical column (history categories ↔ candidate category), and a BEHAVIOR
/// FEATURE otherwise (behavior type, time gap: they describe the act, not the item). The CANDIDATE CONTENT columns are
/// the item-side categorical columns sharing a vocabulary with an item feature, in item-feature order.
/// </summary>
/// <param name="ItemSequence">The item-id sequence, e.g. <c>hist_items</c>.</param>
/// <param name="ItemFeatures">Item features f_1..f_M of a behavior, the item sequence first.</param>
/// <param name="BehaviorFeatures">Behavior features b_1..b_N of a behavior.</param>
/// <param name="CandidateContent">Item-side categorical columns embedded through the item features' tables.</param>
/// <param name="MaxLength">L, the positions per sequence.</param>
public sealed record BehaviorSchema(ColumnSchema ItemSequence, IReadOnlyList<ColumnSchema> ItemFeatures,
    IReadOnlyList<ColumnSchema> BehaviorFeatures, IReadOnlyList<ColumnSchema> CandidateContent, int MaxLength)
{
    /// <summary>Reads the behavior sequence of <paramref name="schema"/>; fails naming the columns when there is none.</summary>
    public static BehaviorSchema FromSchema(DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ColumnSchema[] features = [.. schema.Features];
        ColumnSchema[] itemColumns = features.Where(c => c.Side == FeatureSide.Item && c.Type == ColumnType.Categorical).ToArray();
        var itemVocabularies = itemColumns.Select(c => c.VocabularyName).ToHashSet();
        ColumnSchema itemSequence = features.FirstOrDefault(c => c.Type == ColumnType.Sequence && c.AlignedWith is null && itemVocabularies.Contains(c.VocabularyName))
            ?? throw new ArgumentException(
                $"The schema has no item sequence: a sequence column sharing its vocabulary with an item-side categorical column (item columns: {string.Join(", ", itemColumns.Select(c => c.Name))}).", nameof(schema));
        ColumnSchema[] aligned = features.Where(c => c.AlignedWith == itemSequence.Name).ToArray();
        ColumnSchema[] itemFeatures = [itemSequence, .. aligned.Where(c => itemVocabularies.Contains(c.VocabularyName))];
        ColumnSchema[] behaviorFeatures = [.. aligned.Where(c => !itemVocabularies.Contains(c.VocabularyName))];
        ColumnSchema[] candidate = itemFeatures
            .Select(f => itemColumns.First(c => c.VocabularyName == f.VocabularyName))
            .ToArray();
        return new BehaviorSchema(itemSequence, itemFeatures, behaviorFeatures, candidate, itemSequence.MaxLength);
    }

    /// <summary>Whether <paramref name="column"/> is part of the behavior sequence or the candidate's content.</summary>
    public bool Covers(ColumnSchema column) =>
        ItemFeatures.Contains(column) || BehaviorFeatures.Contains(column) || CandidateContent.Contains(column);
}
