using MLNetCtr.Data;
using MLNetCtr.Nn;

namespace MLNetCtr.Models;

public sealed partial class BehaviorTokens
{
    /// <summary>
    /// Copies <paramref name="source"/>'s tables, whose rows are the ids of <paramref name="sourceEncoder"/>, into these,
    /// whose rows are the ids of <paramref name="encoder"/>, VALUE BY VALUE: vocabularies fitted on different data
    /// (pretraining and fine-tuning files) number their values differently, so copying rows by id would give values
    /// other values' vectors. Padding and out-of-vocabulary rows come from their own; a value the source never saw gets
    /// the source's out-of-vocabulary row, the vector the source itself gives it; hashed vocabularies map id to id.
    /// The learned positions are copied as they are.
    /// </summary>
    /// <exception cref="InvalidDataException">A column, width or length of these tokens that the source lacks.</exception>
    internal void CopyFrom(BehaviorTokens source, DataEncoder sourceEncoder, DataEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sourceEncoder);
        ArgumentNullException.ThrowIfNull(encoder);
        if (source.Dimension != Dimension || source.Schema.MaxLength != Schema.MaxLength)
        {
            throw new InvalidDataException($"The source tokens are {source.Dimension} wide over {source.Schema.MaxLength} positions; this model needs {Dimension} wide over {Schema.MaxLength}.");
        }
        foreach (ColumnSchema column in Schema.ItemFeatures)
        {
            ColumnSchema from = Find(source.Schema.ItemFeatures, column.Name);
            CopyRows(source.ItemTable(from), ItemTable(column), sourceEncoder.VocabularyOf(from.Name), encoder.VocabularyOf(column.Name));
        }
        for (int n = 0; n < _behaviorTables.Length; n++)
        {
            ColumnSchema column = Schema.BehaviorFeatures[n];
            int from = source.Schema.BehaviorFeatures.ToList().IndexOf(Find(source.Schema.BehaviorFeatures, column.Name));
            CopyRows(source._behaviorTables[from], _behaviorTables[n], sourceEncoder.VocabularyOf(column.Name), encoder.VocabularyOf(column.Name));
        }
        source.Position.Data.CopyTo(Position.Data, 0);
    }

    private static ColumnSchema Find(IReadOnlyList<ColumnSchema> columns, string name) =>
        columns.FirstOrDefault(c => c.Name == name)
            ?? throw new InvalidDataException($"The source tokens have no column '{name}'; they have {string.Join(", ", columns.Select(c => c.Name))}.");

    /// <summary>Row <c>id</c> of <paramref name="target"/> ← the row of the same value in <paramref name="source"/>.</summary>
    private static void CopyRows(Embedding source, Embedding target, Vocabulary from, Vocabulary to)
    {
        int d = target.Dim;
        if (from.HashBuckets is not null || to.HashBuckets is not null)
        {
            if (from.HashBuckets != to.HashBuckets)
            {
                throw new InvalidDataException($"Vocabulary '{to.Name}' hashes into {to.HashBuckets?.ToString() ?? "no"} buckets; the source's into {from.HashBuckets?.ToString() ?? "no"} buckets.");
            }
            source.Weight.Data.CopyTo(target.Weight.Data, 0);
            return;
        }
        for (int id = 0; id < target.NumEmbeddings; id++)
        {
            string? value = to.ValueOf(id);
            int row = value is null ? id : from.IdOf(value);   // padding and out-of-vocabulary keep their ids
            Array.Copy(source.Weight.Data, row * d, target.Weight.Data, id * d, d);
        }
    }
}
