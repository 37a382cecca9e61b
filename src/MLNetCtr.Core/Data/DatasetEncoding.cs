namespace MLNetCtr.Data;

/// <summary>
/// Encodes a <see cref="RawDataset"/> with a fitted <see cref="DataEncoder"/>. Each vocabulary's interned values are looked
/// up once, giving a raw-index → id table, so encoding a column is one array pass.
/// </summary>
internal static class DatasetEncoding
{
    /// <param name="encoder">The fitted encoder.</param>
    /// <param name="raw">Rows read with the encoder's schema.</param>
    /// <param name="inPlace">Overwrite the raw arrays (only for raw data nobody else holds).</param>
    public static CtrDataset Encode(DataEncoder encoder, RawDataset raw, bool inPlace)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!ReferenceEquals(raw.Schema, encoder.Schema) && raw.Schema.ToJson() != encoder.Schema.ToJson())
        {
            throw new ArgumentException("The rows were read with a different schema than the encoder was fit for.", nameof(raw));
        }
        ColumnStore source = raw.Store;
        var target = new ColumnStore(source.RowCount) { Weights = source.Weights, GroupIds = source.GroupIds, Positions = source.Positions };
        var idTables = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (ColumnSchema c in encoder.Schema.Features)
        {
            switch (DataEncoder.EncodingOf(c))
            {
                case FeatureEncoding.Vocabulary:
                    EncodeVocabularyColumn(c, source, target, IdTable(encoder, raw, c.VocabularyName, idTables), inPlace);
                    break;
                case FeatureEncoding.Numeric:
                    EncodeNumericColumn(encoder.NumericStatisticsOf(c.Name), source.Numeric[c.Name], target, inPlace);
                    break;
                default:
                    target.Texts[c.Name] = source.Texts[c.Name];
                    break;
            }
        }
        foreach ((string name, float[] labels) in source.Labels)
        {
            target.Labels[name] = labels;
        }
        return new CtrDataset(encoder.Schema, target, raw.Report);
    }

    /// <summary>id = table[raw index]; padding (0) stays 0.</summary>
    private static int[] IdTable(DataEncoder encoder, RawDataset raw, string vocabularyName, Dictionary<string, int[]> tables)
    {
        if (!tables.TryGetValue(vocabularyName, out int[]? table))
        {
            Vocabulary vocabulary = encoder.Vocabularies.First(v => v.Name == vocabularyName);
            ValuePool pool = raw.Pools[vocabularyName];
            table = new int[pool.IndexBound];
            table[Vocabulary.OutOfVocabularyId] = Vocabulary.OutOfVocabularyId;
            for (int index = Vocabulary.FirstValueId; index < table.Length; index++)
            {
                table[index] = vocabulary.IdOf(pool.ValueAt(index));
            }
            tables[vocabularyName] = table;
        }
        return table;
    }

    private static void EncodeVocabularyColumn(ColumnSchema c, ColumnStore source, ColumnStore target, int[] idTable, bool inPlace)
    {
        if (source.Categorical.TryGetValue(c.Name, out int[]? indices))
        {
            target.Categorical[c.Name] = Map(indices, idTable, inPlace);
            return;
        }
        SequenceColumn sequence = source.Sequences[c.Name];
        target.Sequences[c.Name] = new SequenceColumn(Map(sequence.Ids, idTable, inPlace), sequence.Lengths, sequence.MaxLength);
        if (source.Texts.TryGetValue(c.Name, out string[]? texts))
        {
            target.Texts[c.Name] = texts;
        }
    }

    private static void EncodeNumericColumn(NumericStatistics statistics, float[] values, ColumnStore target, bool inPlace)
    {
        if (statistics.Transform == NumericTransform.Bucketize)
        {
            int[] ids = new int[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                ids[i] = statistics.BucketIdOf(values[i]);
            }
            target.Categorical[statistics.Column] = ids;
            return;
        }
        float[] encoded = inPlace ? values : new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            encoded[i] = statistics.Standardize(values[i]);
        }
        target.Numeric[statistics.Column] = encoded;
    }

    private static int[] Map(int[] indices, int[] idTable, bool inPlace)
    {
        int[] ids = inPlace ? indices : new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            ids[i] = idTable[indices[i]];
        }
        return ids;
    }
}
