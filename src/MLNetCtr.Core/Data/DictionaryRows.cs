namespace MLNetCtr.Data;

/// <summary>Reads rows given as column name → raw text (serving requests) into a <see cref="RawDataset"/>.</summary>
internal static class DictionaryRows
{
    public static RawDataset Read(DatasetSchema schema, IEnumerable<IReadOnlyDictionary<string, string?>> rows, string sourceName)
    {
        var builder = new RawDatasetBuilder(schema);
        long rowNumber = 0;
        foreach (IReadOnlyDictionary<string, string?> row in rows)
        {
            rowNumber++;
            int slot = 0;
            try
            {
                for (slot = 0; slot < builder.Slots.Count; slot++)
                {
                    if (row.TryGetValue(builder.Slots[slot].Column.Name, out string? value) && value is not null)
                    {
                        builder.Append(slot, value);
                    }
                    else
                    {
                        builder.AppendAbsent(slot);
                    }
                }
                builder.CommitRow();
            }
            catch (FieldFormatException e)
            {
                throw new DataFormatException(sourceName, rowNumber, builder.Slots[e.Slot ?? slot].Column.Name, 0, e.Reason);
            }
        }
        return builder.Build(report: null);
    }
}
