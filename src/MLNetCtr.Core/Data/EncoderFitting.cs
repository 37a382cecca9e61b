namespace MLNetCtr.Data;

/// <summary>Fits a <see cref="DataEncoder"/>: counts interned values over the given rows, then fits each vocabulary and numeric column.</summary>
internal static class EncoderFitting
{
    public static DataEncoder Fit(RawDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        ColumnSchema[] features = train.Schema.Features.ToArray();
        Vocabulary[] vocabularies = features
            .Where(c => DataEncoder.EncodingOf(c) == FeatureEncoding.Vocabulary)
            .GroupBy(c => c.VocabularyName, StringComparer.Ordinal)
            .Select(g => FitVocabulary(train, g.Key, g.ToArray()))
            .ToArray();
        NumericStatistics[] numerics = features
            .Where(c => DataEncoder.EncodingOf(c) == FeatureEncoding.Numeric)
            .Select(c => NumericStatistics.Fit(
                c.Name,
                c.Type == ColumnType.Binary ? NumericTransform.None : c.Transform,   // 0/1 stays 0/1
                c.Buckets,
                train.Store.Numeric[c.Name]))
            .ToArray();
        return new DataEncoder(train.Schema, vocabularies, numerics);
    }

    /// <summary>Counts every kept value of the columns sharing vocabulary <paramref name="name"/>, then fits it.</summary>
    private static Vocabulary FitVocabulary(RawDataset train, string name, ColumnSchema[] columns)
    {
        ColumnSchema first = columns[0];   // the schema checks that sharing columns agree on these
        if (first.HashBuckets is not null)
        {
            return Vocabulary.Fit(name, [], first.MinCount, first.HashBuckets);
        }
        ValuePool pool = train.Pools[name];
        long[] counts = new long[pool.IndexBound];
        foreach (ColumnSchema c in columns)
        {
            if (train.Store.Categorical.TryGetValue(c.Name, out int[]? indices))
            {
                foreach (int index in indices)
                {
                    counts[index]++;
                }
            }
            else
            {
                SequenceColumn sequence = train.Store.Sequences[c.Name];
                for (int row = 0; row < sequence.RowCount; row++)
                {
                    foreach (int index in sequence.RowIds(row))
                    {
                        counts[index]++;
                    }
                }
            }
        }
        IEnumerable<KeyValuePair<string, long>> seen = Enumerable.Range(Vocabulary.FirstValueId, pool.IndexBound - Vocabulary.FirstValueId)
            .Where(index => counts[index] > 0)
            .Select(index => KeyValuePair.Create(pool.ValueAt(index), counts[index]));
        return Vocabulary.Fit(name, seen, first.MinCount);
    }
}
